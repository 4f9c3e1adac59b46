import ArgumentParser
import Foundation
import WaymarkCore

extension Workspace {
    func searchIndex() throws -> SearchIndex {
        SearchIndex(directory: directory, taxonomy: taxonomy, lexicon: try fixtures.loadLexicon())
    }
}

/// The flat service object, extended for search and match output.
func serviceJSON(_ index: SearchIndex, _ doc: Int, extra: [String: Any] = [:]) -> [String: Any] {
    var o = ServiceJSON.object(index.services[doc], organisationName: index.organisationNames[doc])
    for (k, v) in extra { o[k] = v }
    return o
}

func facetJSON(_ facets: [String: Int], taxonomy: Taxonomy) -> [String: Any] {
    var out: [String: Any] = [:]
    for v in Vocabulary.allCases {
        var counts: [String: Int] = [:]
        for t in taxonomy.terms(v) { if let n = facets[t.code] { counts[t.code] = n } }
        out[v.jsonKey] = counts
    }
    return out
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the directory as you would type: the last word is matched as a prefix.",
        discussion: "Everyday phrases count: \"keeps forgetting things\" finds dementia services. One wrong letter is forgiven.")

    @Argument(parsing: .remaining, help: "What to look for.")
    var query: [String] = []
    @Option(help: "Only services serving this area (bath-city, bathavon, keynsham, somer-valley, chew-valley).") var area: String?
    @Option(help: "Only services serving this place: a town, village or postcode.") var place: String?
    @Option(help: "A condition code (repeatable).") var condition: [String] = []
    @Option(help: "A function code (repeatable).") var function: [String] = []
    @Option(help: "A transport code (repeatable).") var transport: [String] = []
    @Option(help: "An audience code.") var audience: [String] = []
    @Option(help: "A referral code.") var referral: [String] = []
    @Option(help: "A cost code.") var cost: [String] = []
    @Option(help: "The person's age.") var age: Int?
    @Flag(help: "Only services open now.") var openNow = false
    @Option(help: "How many results to show.") var limit = 10
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        try OptionRange.check("age", age, in: OptionRange.age)
        try OptionRange.check("limit", limit, in: OptionRange.limit)
    }

    func run() throws {
        let ws = try options.open()
        var filters = SearchFilters()
        let check: (String, [String], Vocabulary) throws -> Void = { flag, codes, v in
            for c in codes where !ws.taxonomy.contains(c, in: v) {
                throw Console.fail("--\(flag) \(c): not a \(v.jsonKey) code; try one of: " + ws.taxonomy.terms(v).map(\.code).joined(separator: ", "), code: .usage)
            }
        }
        try check("condition", condition, .condition); try check("function", function, .function)
        try check("transport", transport, .transport); try check("audience", audience, .audience)
        try check("referral", referral, .referral); try check("cost", cost, .cost)
        if let area { try check("area", [area], .area) }
        filters.area = area
        filters.conditions = condition; filters.functions = function; filters.transport = transport
        filters.audience = audience; filters.referral = referral; filters.cost = cost; filters.age = age
        if openNow { filters.openAt = Console.now }
        if let place {
            guard let m = ws.gazetteer.resolve(place) else {
                throw Console.fail("--place \(place): no such place in Bath and North East Somerset; `waymark places` looks places up", code: .dataError)
            }
            filters.area = m.area
            filters.near = m.coordinate
        }
        let index = try ws.searchIndex()
        let text = query.joined(separator: " ")
        let result = index.search(text, filters: filters, limit: max(0, limit))
        switch format {
        case .json:
            try Console.outJSON([
                "query": text, "total": result.total, "facets": facetJSON(result.facets, taxonomy: ws.taxonomy),
                "results": result.hits.map { serviceJSON(index, $0.doc, extra: ["score": ($0.score * 1000).rounded() / 1000]) },
            ] as [String: Any])
        case .text:
            if !result.understood.isEmpty {
                Console.out("Understood: " + result.understood.map { h in
                    "\(h.words) → " + h.codes.sorted { $0.value > $1.value }.prefix(2).map { ws.taxonomy.label($0.key).lowercased() }.joined(separator: ", ")
                }.joined(separator: "; "))
            }
            for (i, h) in result.hits.enumerated() {
                let s = index.services[h.doc]
                Console.out(DisplayText.line("\(i + 1). \(s.name) — \(index.organisationNames[h.doc])  [\(String(s.id.prefix(8)))]"))
            }
            Console.out("\(result.total) service\(result.total == 1 ? "" : "s") found.")
            if ws.isSample { Console.out(Workspace.sampleNotice) }
        }
    }
}

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest services for a person: their words, where they live, age and how they get about.",
        discussion: """
            Shows what was understood, the suggestions with reasons and cautions, the smallest set of services \
            that covers every need, needs nothing meets, and services that nearly fit.
            """)

    @Option(help: "What matters to the person, in their words.") var text = ""
    @Option(help: "Where they live: a town, village, Bath neighbourhood, postcode district or postcode.") var place: String?
    @Option(help: "Their age.") var age: Int?
    @Option(help: "A condition or function code to include (repeatable).") var need: [String] = []
    @Option(help: "car, bus, no-car or housebound.") var transport: String?
    @Flag(help: "Only free services, please.") var freeOnly = false
    @Flag(help: "Phone or online help is fine.") var remoteOk = false
    @Flag(help: "Prefers someone to visit at home.") var homeVisits = false
    @Option(help: "How many suggestions.") var limit = 10
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        try OptionRange.check("age", age, in: OptionRange.age)
        try OptionRange.check("limit", limit, in: OptionRange.limit)
    }

    func run() throws {
        var t: NeedsProfile.Transport?
        if let transport {
            guard let parsed = NeedsProfile.Transport(rawValue: transport) else {
                throw Console.fail("--transport \(transport): use car, bus, no-car or housebound", code: .usage)
            }
            t = parsed
        }
        let ws = try options.open()
        for c in need where ws.taxonomy.vocabulary(of: c) != .condition && ws.taxonomy.vocabulary(of: c) != .function {
            throw Console.fail("--need \(c): not a condition or function code; `waymark stats` lists them", code: .usage)
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty && need.isEmpty {
            throw Console.fail("say what the person needs, with --text \"…\" or --need CODE", code: .usage)
        }
        if let place, ws.gazetteer.resolve(place) == nil {
            Console.warn("warning: \"\(place)\" is not a place Waymark knows; matching without a place")
        }
        let index = try ws.searchIndex()
        let profile = NeedsProfile(text: text, place: place, age: age, needs: need, transport: t, freeOnly: freeOnly,
                                   remoteOK: remoteOk, wantsHomeVisits: homeVisits)
        let matcher = Matcher(index: index, gazetteer: ws.gazetteer, now: Console.now)
        let r = matcher.match(profile, limit: max(1, limit))
        switch format {
        case .json: try Console.outJSON(MatchJSON.object(r, index: index))
        case .text:
            Console.out(MatchText.render(r, index: index))
            if ws.isSample { Console.out("\n" + Workspace.sampleNotice) }
        }
    }
}

enum MatchJSON {
    static func object(_ r: MatchResult, index: SearchIndex) -> [String: Any] {
        let null = NSNull()
        return [
            "profile": [
                "text": r.profile.text, "place": r.placeName ?? r.profile.place ?? null, "area": r.area ?? null,
                "age": r.profile.age.map { $0 as Any } ?? null, "transport": r.profile.transport?.rawValue ?? null,
                "needs": r.needs.map { ["code": $0.code, "weight": $0.weight, "from": $0.from] },
                "unrecognised": r.unrecognised,
            ] as [String: Any],
            "suggestions": r.suggestions.map { s in
                serviceJSON(index, s.doc, extra: ["rank": s.rank, "score": s.score, "distance_km": s.distanceKm.map { $0 as Any } ?? null,
                                                  "reasons": s.reasons, "cautions": s.cautions])
            },
            "covering_set": r.coveringSet.map { index.services[$0].id },
            "unmet": r.unmet,
            "near_misses": r.nearMisses.map { serviceJSON(index, $0.doc, extra: ["fails": $0.fails]) },
        ]
    }
}

enum MatchText {
    static func render(_ r: MatchResult, index: SearchIndex) -> String {
        let tax = index.taxonomy
        var out: [String] = []
        let understood = r.needs.map { n in
            n.from == "chosen" ? tax.label(n.code) : n.from == "your words" ? "perhaps " + tax.label(n.code).lowercased() : "\(n.from) → \(tax.label(n.code).lowercased())"
        }
        out.append("UNDERSTOOD")
        out.append(understood.isEmpty ? "  (no needs recognised: try other words, or choose a need)" : "  " + understood.joined(separator: "; "))
        if let place = r.placeName, let area = r.area { out.append("  lives in \(place) (\(tax.label(area)))") }
        if !r.unrecognised.isEmpty { out.append("  not recognised: " + r.unrecognised.joined(separator: ", ")) }
        out.append("")
        out.append("SUGGESTIONS")
        for s in r.suggestions {
            let svc = index.services[s.doc]
            out.append("\(s.rank). \(svc.name) — \(index.organisationNames[s.doc])  [\(String(svc.id.prefix(8)))]")
            if !s.reasons.isEmpty { out += Wrap.lines("✓ " + s.reasons.joined(separator: "; "), width: 74).map { "   " + $0 } }
            if !s.cautions.isEmpty { out += Wrap.lines("! " + s.cautions.joined(separator: "; "), width: 74).map { "   " + $0 } }
        }
        if r.suggestions.isEmpty { out.append("  none") }
        out.append("")
        out.append("COVERING SET (fewest services that meet every need)")
        for d in r.coveringSet { out.append("  • \(index.services[d].name) — \(index.organisationNames[d])") }
        if !r.unmet.isEmpty {
            out.append("")
            out.append("UNMET NEEDS (nothing eligible in the directory)")
            out.append("  " + r.unmet.map { tax.label($0) }.joined(separator: ", "))
        }
        if !r.nearMisses.isEmpty {
            out.append("")
            out.append("NEARLY (each fails one rule)")
            for m in r.nearMisses { out.append("  • \(index.services[m.doc].name): \(m.fails)") }
        }
        return out.map(DisplayText.inline).joined(separator: "\n")
    }
}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure matching against an evaluation set, beside an SQLite FTS5 baseline.",
        discussion: """
            A relevant service is eligible and carries a code from every expected list; partly relevant ones get \
            partial credit (the share of lists they meet). recall@5 is capped at the number of relevant services.
            """)

    @Option(help: "The evaluation set (JSON lines). Default: Fixtures/eval/needs.jsonl.") var set: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Also list each person's nDCG@10, worst first.") var perPerson = false
    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        let path = set ?? ws.fixtures.path("eval/needs.jsonl")
        guard FileManager.default.fileExists(atPath: path) else { throw Console.fail("\(path): no such evaluation set", code: .missingInput) }
        let people: [EvalPerson]
        do { people = try EvalSet.load(path) } catch { throw Console.fail("\(error)", code: .dataError) }
        let index = try ws.searchIndex()
        let evaluation = Evaluation(matcher: Matcher(index: index, gazetteer: ws.gazetteer, now: Console.now))
        let (ours, base) = try evaluation.run(people)
        func obj(_ f: EvalFigures) -> [String: Any] {
            ["ndcg_at_10": round4(f.ndcg10), "recall_at_5": round4(f.recall5), "mrr": round4(f.mrr),
             "eligibility_violations": f.eligibilityViolations, "uncovered_needs": f.uncoveredNeeds]
        }
        switch format {
        case .json:
            try Console.outJSON(["people": ours.people, "waymark": obj(ours), "fts5_baseline": obj(base),
                                 "ndcg_gain_over_baseline": round4(ours.ndcg10 - base.ndcg10)] as [String: Any])
        case .text:
            Console.out("Evaluation set: \(path) (\(ours.people) people), directory: \(ws.directory.services.count) services")
            Console.out("")
            Console.out("measure                     waymark   fts5 baseline")
            func row(_ name: String, _ a: String, _ b: String) { Console.out(name.padding(toLength: 26, withPad: " ", startingAt: 0) + a.leftPadded(9) + b.leftPadded(16)) }
            row("nDCG@10", fmt(ours.ndcg10), fmt(base.ndcg10))
            row("recall@5", fmt(ours.recall5), fmt(base.recall5))
            row("MRR", fmt(ours.mrr), fmt(base.mrr))
            row("eligibility violations", "\(ours.eligibilityViolations)", "\(base.eligibilityViolations)")
            row("needs left uncovered", "\(ours.uncoveredNeeds)", "\(base.uncoveredNeeds)")
            Console.out("")
            Console.out("nDCG@10 above the baseline: " + fmt(ours.ndcg10 - base.ndcg10))
            if perPerson {
                Console.out("")
                let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let matcher = evaluation.matcher
                for (id, score) in ours.perPerson.sorted(by: { $0.ndcg < $1.ndcg }) {
                    guard let person = byID[id] else { continue }
                    let understood = matcher.interpret(person.profile).needs.map(\.code).joined(separator: ",")
                    Console.out("\(id)  \(fmt(score))  expected \(person.expected.map { $0.joined(separator: "|") }.joined(separator: " + "))  understood \(understood)")
                    Console.out("      \(DisplayText.line(person.profile.text))")
                }
            }
        }
    }
}

func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
