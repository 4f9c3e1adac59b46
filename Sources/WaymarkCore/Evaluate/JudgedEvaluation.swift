import Foundation

/// A judged evaluation set (format: `Fixtures/eval/judged/FORMAT.md`; `people.jsonl`, `queries.jsonl`,
/// `grades.jsonl`): people and queries graded 0–3 by judges who read every record.
public struct JudgedSet: Sendable {
    public struct Person: Sendable {
        public let id: String
        /// Only text, place, age and transport reach the system under test.
        public let profile: NeedsProfile
        public let speaker: Speaker?
        public let crisis: SafetyKind?
        public let lookalike: Bool
    }
    public struct Query: Sendable {
        public let id: String
        public let query: String
    }
    public struct Grade: Sendable {
        public let grade: Int
        public let excluded: Bool
        /// An excluded service scores as grade 0.
        public var gain: Double { excluded ? 0 : pow(2, Double(grade)) - 1 }
    }

    public let people: [Person]
    public let queries: [Query]
    /// Per case id, per service id.
    public let grades: [String: [String: Grade]]

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case badLine(String, Int, String)
        public var description: String {
            switch self {
            case .unreadable(let f): return "\(f): cannot be read; a judged set needs people.jsonl, queries.jsonl and grades.jsonl"
            case .badLine(let f, let n, let why): return "\(f): line \(n): \(why); see JUDGED-FORMAT (docs/matching.md, \"Judged evaluation\")"
            }
        }
    }

    static func lines(_ path: String, required: Bool) throws -> [(Int, [String: Any])] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            if required { throw LoadError.unreadable(path) }
            return []
        }
        var out: [(Int, [String: Any])] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LoadError.badLine(path, i + 1, "not a JSON object")
            }
            out.append((i + 1, o))
        }
        return out
    }

    public static func load(_ dir: String) throws -> JudgedSet {
        let base = URL(fileURLWithPath: dir)
        let peoplePath = base.appendingPathComponent("people.jsonl").path
        let queriesPath = base.appendingPathComponent("queries.jsonl").path
        let gradesPath = base.appendingPathComponent("grades.jsonl").path
        var people: [Person] = []
        for (n, o) in try lines(peoplePath, required: true) {
            guard let id = o["id"] as? String, let text = o["text"] as? String else { throw LoadError.badLine(peoplePath, n, "a person needs \"id\" and \"text\"") }
            var transport: NeedsProfile.Transport?
            if let t = o["transport"] as? String {
                guard let parsed = NeedsProfile.Transport(rawValue: t) else { throw LoadError.badLine(peoplePath, n, "transport \"\(t)\" is not car, bus, no-car or housebound") }
                transport = parsed
            }
            var crisis: SafetyKind?
            if let c = o["crisis"] as? String {
                guard let k = SafetyKind(rawValue: c) else { throw LoadError.badLine(peoplePath, n, "crisis \"\(c)\" is not one of " + SafetyKind.allCases.map(\.rawValue).joined(separator: ", ")) }
                crisis = k
            }
            let profile = NeedsProfile(text: text, place: o["place"] as? String, age: o["age"] as? Int, transport: transport)
            people.append(Person(id: id, profile: profile, speaker: (o["speaker"] as? String).flatMap(Speaker.init(rawValue:)),
                                 crisis: crisis, lookalike: o["lookalike"] as? Bool ?? false))
        }
        var queries: [Query] = []
        for (n, o) in try lines(queriesPath, required: false) {
            guard let id = o["id"] as? String, let q = o["query"] as? String else { throw LoadError.badLine(queriesPath, n, "a query needs \"id\" and \"query\"") }
            queries.append(Query(id: id, query: q))
        }
        var grades: [String: [String: Grade]] = [:]
        for (n, o) in try lines(gradesPath, required: true) {
            guard let c = o["case"] as? String, let s = o["service"] as? String, let g = o["grade"] as? Int, (0...3).contains(g) else {
                throw LoadError.badLine(gradesPath, n, "a grade needs \"case\", \"service\" and \"grade\" 0–3")
            }
            grades[c, default: [:]][s] = Grade(grade: g, excluded: o["excluded"] as? Bool ?? false)
        }
        return JudgedSet(people: people, queries: queries, grades: grades)
    }
}

/// Graded figures for one system over a list of cases.
public struct JudgedFigures: Sendable, Encodable {
    public var cases = 0
    public var ndcg10 = 0.0
    public var precision3 = 0.0
    /// Excluded services among all top-10 suggestions, and how many suggestions there were.
    public var excludedInTop10 = 0
    public var top10Total = 0
    /// Services with no judgement in the top 10: scored 0; judge them, never edit old grades.
    public var unjudgedInTop10 = 0
    public var excludedShare: Double { top10Total > 0 ? Double(excludedInTop10) / Double(top10Total) : 0 }

    enum CodingKeys: String, CodingKey {
        case cases, ndcg10 = "ndcg_at_10", precision3 = "precision_at_3", excludedInTop10 = "excluded_in_top_10",
             top10Total = "top_10_total", unjudgedInTop10 = "unjudged_in_top_10", excludedShare = "excluded_share"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cases, forKey: .cases); try c.encode(round4(ndcg10), forKey: .ndcg10); try c.encode(round4(precision3), forKey: .precision3)
        try c.encode(excludedInTop10, forKey: .excludedInTop10); try c.encode(top10Total, forKey: .top10Total)
        try c.encode(unjudgedInTop10, forKey: .unjudgedInTop10); try c.encode(round4(excludedShare), forKey: .excludedShare)
    }
    func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// Crisis figures: notices of the right kind with a crisis service in the top 3, and false alarms.
public struct CrisisFigures: Sendable, Encodable {
    public var crisisCases = 0
    public var noticeRightKind = 0
    /// A notice of any kind: the navigator sees the numbers even when the kind is another.
    public var noticeAny = 0
    public var crisisServiceInTop3 = 0
    /// Both: the right notice and crisis help in the top 3.
    public var both = 0
    public var lookalikes = 0
    public var falseAlarms = 0
    /// Each crisis case that missed, by id and kind (never its words), so a miss can be
    /// told apart: no notice, the wrong kind, or no crisis help in the top 3.
    public var misses: [CrisisMiss] = []
    enum CodingKeys: String, CodingKey {
        case crisisCases = "crisis_cases", noticeRightKind = "notice_right_kind", noticeAny = "notice_any", crisisServiceInTop3 = "crisis_service_in_top_3",
             both = "notice_and_crisis_help", lookalikes, falseAlarms = "false_alarms", misses
    }
}

/// One crisis case without both the right notice and crisis help in the top 3.
public struct CrisisMiss: Sendable, Encodable, Equatable {
    public let id: String
    public let expected: SafetyKind
    public let got: SafetyKind?
    public let helpInTop3: Bool
    enum CodingKeys: String, CodingKey { case id, expected, got, helpInTop3 = "help_in_top_3" }

    /// "jp013 suicide: no notice", "jp051 overdose: read as suicide, no crisis help in top 3".
    public var line: String {
        var parts: [String] = []
        if got != expected { parts.append(got.map { "read as \($0.rawValue)" } ?? "no notice") }
        if !helpInTop3 { parts.append("no crisis help in top 3") }
        return "\(id) \(expected.rawValue): " + parts.joined(separator: ", ")
    }
}

public struct JudgedReport: Sendable, Encodable {
    public struct System: Sendable, Encodable {
        public var people = JudgedFigures()
        public var queries = JudgedFigures()
        public var crisis = CrisisFigures()
    }
    public var waymark = System()
    public var fts5Baseline = System()
    /// Role detection against the judges' truth: right / cases with a known speaker.
    public var speakerRight = 0
    public var speakerKnown = 0
    /// The wrong readings, counted by "truth → read as" ("carer → self"): which way role
    /// detection errs, without naming the judged sentences (which are never tuned on).
    public var speakerMisses: [String: Int] = [:]
    enum CodingKeys: String, CodingKey {
        case waymark, fts5Baseline = "fts5_baseline", speakerRight = "speaker_right", speakerKnown = "speaker_known"
        case speakerMisses = "speaker_misses"
    }
}

/// Scores ranked lists against judgements, exactly as JUDGED-FORMAT says.
public enum JudgedScoring {
    /// Graded nDCG@10, gain 2^grade − 1 (excluded → 0), ideal from the case's judged grades.
    public static func ndcg10(_ ranked: [String], _ grades: [String: JudgedSet.Grade]) -> Double {
        func dcg(_ gains: [Double]) -> Double {
            gains.prefix(10).enumerated().reduce(0) { $0 + $1.element / log2(Double($1.offset) + 2) }
        }
        let ideal = dcg(grades.values.map(\.gain).sorted(by: >))
        guard ideal > 0 else { return 0 }
        return dcg(ranked.map { grades[$0]?.gain ?? 0 }) / ideal
    }

    /// The share of the top 3 with grade ≥ 2 and not excluded (missing places count as misses).
    public static func precision3(_ ranked: [String], _ grades: [String: JudgedSet.Grade]) -> Double {
        Double(ranked.prefix(3).filter { id in grades[id].map { $0.grade >= 2 && !$0.excluded } ?? false }.count) / 3
    }

    static func add(_ f: inout JudgedFigures, _ ranked: [String], _ grades: [String: JudgedSet.Grade]) {
        f.cases += 1
        f.ndcg10 += ndcg10(ranked, grades)
        f.precision3 += precision3(ranked, grades)
        let top = ranked.prefix(10)
        f.top10Total += top.count
        f.excludedInTop10 += top.filter { grades[$0]?.excluded ?? false }.count
        f.unjudgedInTop10 += top.filter { grades[$0] == nil }.count
    }

    static func finish(_ f: inout JudgedFigures) {
        guard f.cases > 0 else { return }
        f.ndcg10 /= Double(f.cases)
        f.precision3 /= Double(f.cases)
    }
}

public struct JudgedEvaluation {
    public let matcher: Matcher
    public init(matcher: Matcher) { self.matcher = matcher }

    public func run(_ set: JudgedSet) throws -> JudgedReport {
        let index = matcher.index
        let ids = index.services.map(\.id)
        let crisisDocs = Set(index.services.indices.filter { index.services[$0].has("crisis-response", in: .function) })
        let fts = try FTS5Baseline(index: index)
        var report = JudgedReport()
        for person in set.people {
            let grades = set.grades[person.id] ?? [:]
            let r = matcher.match(person.profile)
            let ours = r.suggestions.prefix(10).map(\.doc)
            let theirs = try fts.search(person.profile.text, limit: 10)
            JudgedScoring.add(&report.waymark.people, ours.map { ids[$0] }, grades)
            JudgedScoring.add(&report.fts5Baseline.people, theirs.map { ids[$0] }, grades)
            if let truth = person.speaker {
                report.speakerKnown += 1
                if r.understanding.speaker == truth { report.speakerRight += 1 }
                else { report.speakerMisses["\(truth.rawValue) → \(r.understanding.speaker.rawValue)", default: 0] += 1 }
            }
            for (system, top, notice) in [(\JudgedReport.waymark, ours, r.safety), (\JudgedReport.fts5Baseline, theirs, nil)] {
                if let kind = person.crisis {
                    report[keyPath: system].crisis.crisisCases += 1
                    let right = notice?.kind == kind
                    let help = top.prefix(3).contains { crisisDocs.contains($0) }
                    if right { report[keyPath: system].crisis.noticeRightKind += 1 }
                    if notice != nil { report[keyPath: system].crisis.noticeAny += 1 }
                    if help { report[keyPath: system].crisis.crisisServiceInTop3 += 1 }
                    if right && help { report[keyPath: system].crisis.both += 1 }
                    if system == \JudgedReport.waymark, !(right && help) {
                        report.waymark.crisis.misses.append(CrisisMiss(id: person.id, expected: kind, got: notice?.kind, helpInTop3: help))
                    }
                }
                if person.lookalike {
                    report[keyPath: system].crisis.lookalikes += 1
                    if notice != nil { report[keyPath: system].crisis.falseAlarms += 1 }
                }
            }
        }
        for q in set.queries {
            let grades = set.grades[q.id] ?? [:]
            let ours = index.search(q.query, filters: SearchFilters(), limit: 10, places: matcher.gazetteer).hits.map { ids[$0.doc] }
            let theirs = try fts.prefixSearch(q.query, limit: 10).map { ids[$0] }
            JudgedScoring.add(&report.waymark.queries, ours, grades)
            JudgedScoring.add(&report.fts5Baseline.queries, theirs, grades)
        }
        for system in [\JudgedReport.waymark, \JudgedReport.fts5Baseline] {
            JudgedScoring.finish(&report[keyPath: system].people)
            JudgedScoring.finish(&report[keyPath: system].queries)
        }
        return report
    }
}
