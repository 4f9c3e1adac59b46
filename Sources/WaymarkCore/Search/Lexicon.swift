import Foundation

/// Everyday words mapped onto the vocabularies (`Fixtures/lexicon.json`), iCarol's
/// "folksonomy": "keeps forgetting things" means dementia.
public struct Lexicon: Sendable {
    public struct Entry: Sendable {
        public let phrase: String
        /// Stemmed words of the phrase, matched against stemmed words of the text.
        let key: [String]
        public let codes: [(code: String, weight: Double)]
    }

    /// A phrase found in a text: which words, and what they mean.
    public struct Hit: Sendable, Equatable {
        public let phrase: String
        /// The words of the text that matched, as typed.
        public let words: String
        public let range: Range<Int>
        public let codes: [String: Double]

        public static func == (a: Hit, b: Hit) -> Bool { a.phrase == b.phrase && a.range == b.range }
    }

    let entries: [Entry]
    /// First stemmed word → entries starting with it, longest first.
    let byFirst: [String: [Int]]
    let normaliser = Normaliser()

    public init(entries raw: [(phrase: String, codes: [(String, Double)])]) {
        var entries: [Entry] = []
        var byFirst: [String: [Int]] = [:]
        var seen = Set<[String]>()
        for (phrase, codes) in raw {
            let n = Normaliser()
            let key = n.words(phrase).map { n.term($0) }
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            byFirst[key[0], default: []].append(entries.count)
            entries.append(Entry(phrase: phrase, key: key, codes: codes))
        }
        let built = entries
        for (k, v) in byFirst { byFirst[k] = v.sorted { built[$0].key.count > built[$1].key.count } }
        self.entries = entries
        self.byFirst = byFirst
    }

    public init(data: Data) throws {
        struct File: Decodable {
            struct E: Decodable { var phrase: String; var codes: [String: Double] }
            var entries: [E]
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        self.init(entries: file.entries.map { e in (e.phrase, e.codes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) })
    }

    public var count: Int { entries.count }

    /// Finds phrases in `words` (already split by the normaliser), longest match first;
    /// a word belongs to at most one phrase, so "hearing voices" is not also "hearing".
    public func find(in words: [String]) -> [Hit] {
        let stems = words.map { normaliser.term($0) }
        var hits: [Hit] = []
        var i = 0
        while i < stems.count {
            var matched = false
            for e in byFirst[stems[i]] ?? [] {
                let entry = entries[e]
                guard i + entry.key.count <= stems.count, Array(stems[i..<(i + entry.key.count)]) == entry.key else { continue }
                var codes: [String: Double] = [:]
                for (c, w) in entry.codes { codes[c] = max(codes[c] ?? 0, w) }
                hits.append(Hit(phrase: entry.phrase, words: words[i..<(i + entry.key.count)].joined(separator: " "),
                                range: i..<(i + entry.key.count), codes: codes))
                i += entry.key.count
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return hits
    }
}
