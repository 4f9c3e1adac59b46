import Foundation
import GRDB

/// One person of an evaluation set (`Fixtures/eval/needs.jsonl`).
public struct EvalPerson: Sendable {
    public let id: String
    public let profile: NeedsProfile
    /// Each inner list is one need; a service meets it by carrying any code of the list.
    public let expected: [[String]]
}

public enum EvalSet {
    public static func load(_ path: String) throws -> [EvalPerson] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw FixturesError.unreadable(path)
        }
        var out: [EvalPerson] = []
        for (i, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = o["text"] as? String, let expected = o["expected"] as? [[String]] else {
                throw EvalError.badLine(path, i + 1)
            }
            let prefs = o["preferences"] as? [String: Bool] ?? [:]
            let profile = NeedsProfile(text: text, place: o["place"] as? String, age: o["age"] as? Int,
                                       transport: (o["transport"] as? String).flatMap(NeedsProfile.Transport.init(rawValue:)),
                                       freeOnly: prefs["free_only"] ?? false, remoteOK: prefs["remote_ok"] ?? false,
                                       wantsHomeVisits: prefs["home_visits"] ?? false)
            out.append(EvalPerson(id: o["id"] as? String ?? "line \(i + 1)", profile: profile, expected: expected))
        }
        return out
    }

    public enum EvalError: Error, CustomStringConvertible {
        case badLine(String, Int)
        public var description: String {
            switch self {
            case .badLine(let f, let n): return "\(f): line \(n) is not an evaluation person (it needs \"text\" and \"expected\")"
            }
        }
    }
}

/// The figures `waymark eval` prints, for Waymark and for the FTS5 baseline.
public struct EvalFigures: Sendable {
    public var ndcg10: Double
    public var recall5: Double
    public var mrr: Double
    public var eligibilityViolations: Int
    public var uncoveredNeeds: Int
    public var people: Int
    /// Each person's nDCG@10, in the order of the set.
    public var perPerson: [(id: String, ndcg: Double)]
}

/// Runs an evaluation set through the matcher and through a SQLite FTS5 baseline,
/// judging both by the same rules.
public struct Evaluation {
    public let matcher: Matcher

    public init(matcher: Matcher) { self.matcher = matcher }

    /// Graded relevance: the share of the person's needs the service meets (1 = every need).
    func gain(_ doc: Int, _ expected: [[String]]) -> Double {
        guard !expected.isEmpty else { return 0 }
        let s = matcher.index.services[doc]
        let codes = Set(Vocabulary.allCases.flatMap { s.codes($0) })
        let met = expected.filter { list in list.contains { codes.contains($0) } }.count
        return Double(met) / Double(expected.count)
    }

    /// Eligibility for scoring: the matcher's own rules, one home for each (status, area, age,
    /// audience, required circumstances), so the figures judge what the matcher enforces.
    func eligible(_ doc: Int, _ person: Matcher.Person) -> Bool {
        matcher.failedRules(doc, for: person).isEmpty
    }

    func figures(_ rankings: [(EvalPerson, Matcher.Person, [Int], [Int])]) -> EvalFigures {
        var ndcg = 0.0, recall = 0.0, mrr = 0.0, violations = 0, uncovered = 0
        var each: [(id: String, ndcg: Double)] = []
        for (person, p, top, cover) in rankings {
            let eligibleDocs = (0..<matcher.index.count).filter { eligible($0, p) }
            let ideal = eligibleDocs.map { gain($0, person.expected) }.sorted(by: >)
            func dcg(_ gains: [Double]) -> Double {
                gains.prefix(10).enumerated().reduce(0) { $0 + (pow(2, $1.element) - 1) / log2(Double($1.offset) + 2) }
            }
            let idcg = dcg(ideal)
            let gains = top.map { eligible($0, p) ? gain($0, person.expected) : 0 }
            let personNDCG = idcg > 0 ? dcg(gains) / idcg : 0
            ndcg += personNDCG
            each.append((person.id, personNDCG))
            let relevant = eligibleDocs.filter { gain($0, person.expected) >= 1 }
            if !relevant.isEmpty {
                let hits = top.prefix(5).filter { relevant.contains($0) }.count
                recall += Double(hits) / Double(min(5, relevant.count))
            }
            if let first = top.firstIndex(where: { relevant.contains($0) }) { mrr += 1 / Double(first + 1) }
            violations += top.prefix(10).filter { !eligible($0, p) }.count
            let coverCodes = Set(cover.flatMap { d in Vocabulary.allCases.flatMap { matcher.index.services[d].codes($0) } })
            uncovered += person.expected.filter { list in
                !list.contains { coverCodes.contains($0) } && eligibleDocs.contains { d in list.contains { c in matcher.index.services[d].has(c, in: matcher.index.taxonomy.vocabulary(of: c) ?? .function) } }
            }.count
        }
        let n = Double(max(1, rankings.count))
        return EvalFigures(ndcg10: ndcg / n, recall5: recall / n, mrr: mrr / n, eligibilityViolations: violations,
                           uncoveredNeeds: uncovered, people: rankings.count, perPerson: each)
    }

    public func run(_ people: [EvalPerson]) throws -> (waymark: EvalFigures, baseline: EvalFigures) {
        var ours: [(EvalPerson, Matcher.Person, [Int], [Int])] = []
        for person in people {
            let r = matcher.match(person.profile, limit: 10)
            // The same person the matcher saw: role, circumstances and the age of whoever needs the help.
            var p = matcher.person(person.profile, understanding: r.understanding, needs: r.needs)
            p.area = r.area; p.point = r.point; p.placeName = r.placeName
            ours.append((person, p, r.suggestions.map(\.doc), r.coveringSet))
        }
        let fts = try FTS5Baseline(index: matcher.index)
        var theirs: [(EvalPerson, Matcher.Person, [Int], [Int])] = []
        for (person, p, _, _) in ours {
            let top = try fts.search(person.profile.text, limit: 200).filter { eligible($0, p) }.prefix(10)
            theirs.append((person, p, Array(top), Array(top)))
        }
        return (figures(ours), figures(theirs))
    }
}

/// The baseline Waymark must beat: SQLite FTS5 with `bm25()` over name and
/// description, built from the same directory in the same process.
public final class FTS5Baseline {
    let db: DatabaseQueue

    public init(index: SearchIndex) throws {
        db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE doc USING fts5(name, description, tokenize = 'porter unicode61 remove_diacritics 2')")
            for (i, s) in index.services.enumerated() {
                try db.execute(sql: "INSERT INTO doc(rowid, name, description) VALUES (?, ?, ?)", arguments: [i, s.name, s.description])
            }
        }
    }

    /// The person's words as an OR query, best bm25 first.
    public func search(_ text: String, limit: Int) throws -> [Int] {
        let words = Normaliser().words(text).filter { !StopWords.contains($0) }
        guard !words.isEmpty else { return [] }
        let query = words.map { "\"\($0)\"" }.joined(separator: " OR ")
        return try db.read { db in
            try Int.fetchAll(db, sql: "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", arguments: [query, limit])
        }
    }

    /// As-you-type through FTS5: the last word as a prefix query.
    public func prefixSearch(_ text: String, limit: Int) throws -> [Int] {
        let words = Normaliser().words(text)
        guard !words.isEmpty else { return [] }
        let query = words.enumerated().map { i, w in i == words.count - 1 ? "\"\(w)\"*" : "\"\(w)\"" }.joined(separator: " ")
        return try db.read { db in
            try Int.fetchAll(db, sql: "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", arguments: [query, limit])
        }
    }
}
