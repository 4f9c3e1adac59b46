import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkSync

extension Workspace {
    /// The stored index, or a rebuilt one with a progress bar when it is missing or stale.
    func searchIndex() throws -> SearchIndex {
        let bar = ProgressOutput(tty: isatty(STDERR_FILENO) != 0, width: { Sync.width() })
        do {
            return try searchIndex(lexicon: try fixtures.loadLexicon(compiledBeside: store?.path), progress: { bar.show("rebuilding the search index", fraction: $0) })
        } catch let e as StoreError {
            throw Console.fail(e.description, code: .ioError)
        }
    }
}

/// The flat service object, extended for search and match output.
func serviceJSON(_ index: SearchIndex, _ doc: Int, extra: [String: JSONValue] = [:]) -> JSONValue {
    guard case .object(var o) = ServiceJSON.value(index.services[doc], organisationName: index.organisationNames[doc]) else { return .null }
    for (k, v) in extra { o[k] = v }
    return .object(o)
}

func facetJSON(_ facets: [String: Int], taxonomy: Taxonomy) -> JSONValue {
    var out: [String: JSONValue] = [:]
    for v in Vocabulary.allCases {
        var counts: [String: JSONValue] = [:]
        for t in taxonomy.terms(v) { if let n = facets[t.code] { counts[t.code] = .int(n) } }
        out[v.jsonKey] = .object(counts)
    }
    return .object(out)
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
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
        let result = index.search(text, filters: filters, limit: max(0, limit), places: ws.gazetteer)
        let safety = SafetyCheck.check(text, age: age)
        switch format {
        case .json:
            let results = result.hits.map { h -> JSONValue in
                var extra: [String: JSONValue] = ["score": .double((h.score * 1000).rounded() / 1000), "related": .bool(h.related)]
                // With a place, how far away the nearest of the service's places is.
                if let near = filters.near { extra["distance_km"] = ServiceJSON.distanceKm(index.services[h.doc], from: near).map(JSONValue.double) ?? .null }
                return serviceJSON(index, h.doc, extra: extra)
            }
            try Console.outJSON(JSONValue.object([
                "query": .string(text), "safety": safetyJSON(safety), "total": .int(result.total),
                "facets": facetJSON(result.facets, taxonomy: ws.taxonomy),
                "related": .int(result.related), "divider": .string(SearchResult.dividerMeaning),
                "place": result.place.map { .object(["name": .string($0.place.name), "area": .string($0.area)]) } ?? .null,
                "results": .array(results),
            ]))
        case .text:
            if let safety { Console.out(MatchText.safety(safety).joined(separator: "\n") + "\n") }
            if !result.understood.isEmpty {
                Console.out("Understood: " + result.understood.map { h in
                    "\(h.words) → " + h.codes.sorted { $0.value > $1.value }.prefix(2).map { ws.taxonomy.label($0.key).lowercased() }.joined(separator: ", ")
                }.joined(separator: "; "))
            }
            if let p = result.place { Console.out(DisplayText.line("In \(p.place.name) (\(ws.taxonomy.label(p.area))): services serving it.")) }
            var divided = false
            for (i, h) in result.hits.enumerated() {
                let s = index.services[h.doc]
                if h.related, !divided { Console.out("── " + SearchResult.dividerMeaning + " ──"); divided = true }
                Console.out(DisplayText.line("\(i + 1). \(s.name) — \(index.organisationNames[h.doc])  [\(String(s.id.prefix(8)))]"))
            }
            Console.out("\(result.total) service\(result.total == 1 ? "" : "s") found" + (result.related > 0 ? "; \(result.related) more loosely related." : "."))
            if ws.isSample { Console.out(Workspace.sampleNotice) }
        }
    }
}

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Suggest services for a person: their words, where they live, age and how they get about.",
        discussion: """
            Shows what was understood, the suggestions with reasons and cautions, the smallest set of services \
            that covers every need, needs nothing meets, and services that nearly fit.
            """)

    @Option(help: "What matters to the person, in their words.") var text = ""
    @Option(help: "Where they live: a town, village, Bath neighbourhood, postcode district or postcode.") var place: String?
    @Option(help: "The age of the person who needs the help (a parent's child, a carer's mother).") var age: Int?
    @Option(help: "Who is speaking: self, carer, parent or professional. Default: read from the words.") var speaker: String?
    @Option(help: "The speaker's own age, for services that support carers.") var speakerAge: Int?
    @Option(help: "A circumstance true of the person, a waymark:eligibility code such as leaving-prison (repeatable).") var circumstance: [String] = []
    @Option(help: "A condition or function code to include (repeatable).") var need: [String] = []
    @Option(help: "car, bus, no-car or housebound.") var transport: String?
    @Flag(help: "Only free services, please.") var freeOnly = false
    @Flag(help: "Phone or online help is fine.") var remoteOk = false
    @Flag(help: "Prefers someone to visit at home.") var homeVisits = false
    @Flag(help: "Prefers a group: groups and peer support rank a little higher.") var group = false
    @Flag(help: "Prefers one-to-one help: home visits and phone support rank a little higher.") var oneToOne = false
    @Option(help: "How many suggestions to show (all that fit are ranked).") var limit = 10
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
        var role: Speaker?
        if let speaker {
            guard let parsed = Speaker(rawValue: speaker) else {
                throw Console.fail("--speaker \(speaker): use self, carer, parent or professional", code: .usage)
            }
            role = parsed
        }
        let ws = try options.open()
        for c in circumstance where !ws.taxonomy.contains(c, in: .eligibility) {
            throw Console.fail("--circumstance \(c): not a waymark:eligibility code; try one of: " + ws.taxonomy.terms(.eligibility).map(\.code).joined(separator: ", "), code: .usage)
        }
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
                                   remoteOK: remoteOk, wantsHomeVisits: homeVisits, prefersGroup: group, prefersOneToOne: oneToOne,
                                   speaker: role, speakerAge: speakerAge, circumstances: circumstance)
        let matcher = Matcher(index: index, gazetteer: ws.gazetteer, now: Console.now)
        // Ten are always ranked for the diversity rules; only those shown are explained.
        let r = matcher.match(profile, limit: max(10, limit))
        switch format {
        case .json: try Console.outJSON(MatchJSON.object(r, index: index, limit: max(1, limit)))
        case .text:
            Console.out(MatchText.render(r, index: index, limit: max(1, limit)))
            if ws.isSample { Console.out("\n" + Workspace.sampleNotice) }
        }
    }
}

enum MatchJSON {
    static func object(_ r: MatchResult, index: SearchIndex, limit: Int = .max) -> JSONValue {
        func text(_ t: String?) -> JSONValue { t.map(JSONValue.string) ?? .null }
        func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        let u = r.understanding
        return .object([
            "safety": safetyJSON(r.safety),
            "understood": .object([
                "speaker": .string(u.speaker.rawValue), "speaker_words": text(u.speakerWords),
                "age": u.age.map(JSONValue.int) ?? .null,
                "circumstances": .array(u.circumstances.map {
                    .object(["code": .string($0.code), "sure": .bool($0.presence == .stated), "words": text($0.words)])
                }),
                "every_suggestion": strings(r.commonReasons),
            ]),
            "suggestions_total": .int(r.eligibleCount),
            "profile": .object([
                "text": .string(r.profile.text), "place": text(r.placeName ?? r.profile.place), "area": text(r.area),
                "age": r.profile.age.map(JSONValue.int) ?? .null, "transport": text(r.profile.transport?.rawValue),
                "needs": .array(r.needs.map { .object(["code": .string($0.code), "weight": .double($0.weight), "from": .string($0.from.json)]) }),
                "unrecognised": strings(r.unrecognised),
            ]),
            "suggestions": .array(r.suggestions.prefix(limit).map { s in
                serviceJSON(index, s.doc, extra: ["rank": .int(s.rank), "score": .double(s.score), "distance_km": s.distanceKm.map(JSONValue.double) ?? .null,
                                                  "reasons": strings(s.reasons), "cautions": strings(s.cautions)])
            }),
            "covering_set": strings(r.coveringSet.map { index.services[$0].id }),
            "unmet": strings(r.unmet),
            "near_misses": .array(r.nearMisses.prefix(limit).map { serviceJSON(index, $0.doc, extra: ["fails": .string($0.fails)]) }),
            "near_misses_total": .int(r.nearMissCount),
        ])
    }
}

/// The safety field of match and search JSON: null, or the notice.
func safetyJSON(_ n: SafetyNotice?) -> JSONValue {
    guard let n else { return .null }
    return .object(["kind": .string(n.kind.rawValue), "words": .array(n.words.map(JSONValue.string)), "message": .string(n.message),
                    "contacts": .array(n.contacts.map { .object(["name": .string($0.name), "phone": .string($0.phone), "when": .string($0.when)]) })])
}

enum MatchText {
    /// The safety notice, as lines: always first.
    static func safety(_ n: SafetyNotice) -> [String] {
        var out = ["SAFETY FIRST (" + n.kind.rawValue + ": \"" + n.words.joined(separator: "\", \"") + "\")"]
        out += Wrap.lines(n.message, width: 74).map { "  " + $0 }
        for c in n.contacts { out += Wrap.lines("☎ \(c.phone)  \(c.name): \(c.when)", width: 74).map { "  " + $0 } }
        return out
    }

    static func render(_ r: MatchResult, index: SearchIndex, limit: Int = .max) -> String {
        let tax = index.taxonomy
        var out: [String] = []
        if let notice = r.safety { out += safety(notice) + [""] }
        out.append("UNDERSTOOD")
        out += r.understoodLines(tax).map { "  " + $0 }
        out.append("")
        out.append("SUGGESTIONS")
        for s in r.suggestions.prefix(limit) {
            let svc = index.services[s.doc]
            out.append("\(s.rank). \(svc.name) — \(index.organisationNames[s.doc])  [\(String(svc.id.prefix(8)))]")
            if !s.reasons.isEmpty { out += Wrap.lines("✓ " + s.reasons.joined(separator: "; "), width: 74).map { "   " + $0 } }
            if !s.cautions.isEmpty { out += Wrap.lines("! " + s.cautions.joined(separator: "; "), width: 74).map { "   " + $0 } }
        }
        if r.suggestions.isEmpty { out.append("  none") }
        if r.eligibleCount > limit { out.append("  … and \(r.eligibleCount - limit) more that fit (--limit \(r.eligibleCount) shows all)") }
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
            out.append("NEARLY (each fails one rule; best for these needs first)")
            for m in r.nearMisses.prefix(limit) { out.append("  • \(index.services[m.doc].name): \(m.fails)") }
            if r.nearMissCount > limit { out.append("  … and \(r.nearMissCount - limit) more (--limit \(r.nearMissCount) shows all)") }
        }
        return out.map(DisplayText.inline).joined(separator: "\n")
    }
}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure matching against an evaluation set, beside an SQLite FTS5 baseline.",
        discussion: """
            A relevant service is eligible and carries a code from every expected list; partly relevant ones get \
            partial credit (the share of lists they meet). recall@5 is capped at the number of relevant services.
            """)

    @Option(help: "The evaluation set (JSON lines). Default: Fixtures/eval/needs.jsonl.") var set: String?
    @Option(help: "A judged set: a folder with people.jsonl, queries.jsonl and grades.jsonl (docs/matching.md).") var judged: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Also list each person's nDCG@10, worst first.") var perPerson = false
    @OptionGroup var options: DirectoryOptions

    func run() throws {
        if let judged { return try runJudged(judged) }
        let ws = try options.open()
        let path = set ?? ws.fixtures.path("eval/needs.jsonl")
        guard FileManager.default.fileExists(atPath: path) else { throw Console.fail("\(path): no such evaluation set", code: .missingInput) }
        let people: [EvalPerson]
        do { people = try EvalSet.load(path) } catch { throw Console.fail("\(error)", code: .dataError) }
        let index = try ws.searchIndex()
        let evaluation = Evaluation(matcher: Matcher(index: index, gazetteer: ws.gazetteer, now: Console.now))
        let (ours, base) = try evaluation.run(people)
        switch format {
        case .json:
            try Console.outJSON(EvalJSON(people: ours.people, waymark: .init(ours), fts5_baseline: .init(base),
                                         ndcg_gain_over_baseline: round4(ours.ndcg10 - base.ndcg10)))
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

extension Eval {
    /// Graded figures from judges who read every record, Waymark beside FTS5; the old
    /// tag-based nDCG follows as a secondary line.
    func runJudged(_ dir: String) throws {
        let ws = try options.open()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw Console.fail("--judged \(dir): no such folder; it should hold people.jsonl, queries.jsonl and grades.jsonl", code: .missingInput)
        }
        let judgedSet: JudgedSet
        do { judgedSet = try JudgedSet.load(dir) } catch { throw Console.fail("\(error)", code: .dataError) }
        let index = try ws.searchIndex()
        let matcher = Matcher(index: index, gazetteer: ws.gazetteer, now: Console.now)
        let report = try JudgedEvaluation(matcher: matcher).run(judgedSet)
        let tagPath = set ?? ws.fixtures.path("eval/needs.jsonl")
        var tagged: (EvalFigures, EvalFigures)?
        if FileManager.default.fileExists(atPath: tagPath), let people = try? EvalSet.load(tagPath) {
            tagged = try Evaluation(matcher: matcher).run(people)
        }
        switch format {
        case .json:
            struct Out: Encodable {
                let judged: JudgedReport
                let tagBased: [String: Double]?
                enum CodingKeys: String, CodingKey { case judged, tagBased = "tag_based_ndcg_at_10" }
            }
            let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Out(judged: report, tagBased: tagged.map { ["waymark": round4($0.0.ndcg10), "fts5_baseline": round4($0.1.ndcg10)] }))
            Console.out(String(decoding: data, as: UTF8.self))
        case .text:
            let w = report.waymark, b = report.fts5Baseline
            Console.out("Judged set: \(dir) (\(w.people.cases) people, \(w.queries.cases) queries), directory: \(ws.directory.services.count) services")
            Console.out("")
            Console.out("measure                            waymark   fts5 baseline")
            func row(_ name: String, _ a: String, _ c: String) { Console.out(name.padding(toLength: 34, withPad: " ", startingAt: 0) + a.leftPadded(8) + c.leftPadded(16)) }
            func share(_ f: JudgedFigures) -> String { "\(f.excludedInTop10) (" + String(format: "%.1f%%", f.excludedShare * 100) + ")" }
            row("people: nDCG@10 (graded)", fmt(w.people.ndcg10), fmt(b.people.ndcg10))
            row("people: precision of top 3", fmt(w.people.precision3), fmt(b.people.precision3))
            row("people: excluded in top 10", share(w.people), share(b.people))
            row("people: unjudged in top 10", "\(w.people.unjudgedInTop10)", "\(b.people.unjudgedInTop10)")
            row("queries: nDCG@10 (graded)", fmt(w.queries.ndcg10), fmt(b.queries.ndcg10))
            row("queries: precision of top 3", fmt(w.queries.precision3), fmt(b.queries.precision3))
            row("queries: unjudged in top 10", "\(w.queries.unjudgedInTop10)", "\(b.queries.unjudgedInTop10)")
            row("crisis: notice of any kind", "\(w.crisis.noticeAny)/\(w.crisis.crisisCases)", "\(b.crisis.noticeAny)/\(b.crisis.crisisCases)")
            row("crisis: notice of the right kind", "\(w.crisis.noticeRightKind)/\(w.crisis.crisisCases)", "\(b.crisis.noticeRightKind)/\(b.crisis.crisisCases)")
            row("crisis: notice and help in top 3", "\(w.crisis.both)/\(w.crisis.crisisCases)", "\(b.crisis.both)/\(b.crisis.crisisCases)")
            for miss in w.crisis.misses { Console.out("  crisis miss: " + miss.line) }
            row("look-alikes: false alarms", "\(w.crisis.falseAlarms)/\(w.crisis.lookalikes)", "\(b.crisis.falseAlarms)/\(b.crisis.lookalikes)")
            row("speaker read right", "\(report.speakerRight)/\(report.speakerKnown)", "–")
            if !report.speakerMisses.isEmpty {
                Console.out("  speaker misses (truth → read as): " + report.speakerMisses.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if let (a, c) = tagged {
                Console.out("")
                Console.out("secondary, tag-based (\(tagPath)): nDCG@10 \(fmt(a.ndcg10)) waymark, \(fmt(c.ndcg10)) fts5")
            }
        }
    }
}

/// `waymark eval --format json`: the tag-based figures of Waymark and of the FTS5 baseline.
struct EvalJSON: Encodable {
    struct Figures: Encodable {
        var ndcg_at_10, recall_at_5, mrr: Double
        var eligibility_violations, uncovered_needs: Int
        init(_ f: EvalFigures) {
            ndcg_at_10 = round4(f.ndcg10); recall_at_5 = round4(f.recall5); mrr = round4(f.mrr)
            eligibility_violations = f.eligibilityViolations; uncovered_needs = f.uncoveredNeeds
        }
    }
    var people: Int
    var waymark: Figures
    var fts5_baseline: Figures
    var ndcg_gain_over_baseline: Double
}

func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
