import Foundation

/// Everyday words mapped onto the vocabularies (`Fixtures/lexicon.json`), iCarol's
/// "folksonomy": "keeps forgetting things" means dementia.
public struct Lexicon: Sendable {
    public struct Entry: Sendable {
        public let phrase: String
        /// Stemmed words of the phrase, matched against stemmed words of the text.
        let key: [String]
        /// A one-word phrase must match the word itself (give or take a plural), because
        /// stemming alone would let "outings" match "worn out".
        let single: String?
        /// A one-word phrase's word as written: where one entry is the plural of another
        /// ("memories", "memory"), the text's own word picks it.
        let exact: String?
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
            let exact = key.count == 1 ? Spelling.unify(n.words(phrase)[0]) : nil
            guard !key.isEmpty, seen.insert(key + [exact ?? ""]).inserted else { continue }
            byFirst[key[0], default: []].append(entries.count)
            let single = key.count == 1 ? Lexicon.singular(n.words(phrase)[0]) : nil
            entries.append(Entry(phrase: phrase, key: key, single: single, exact: exact, codes: codes))
        }
        self.init(compiled: entries)
    }

    /// Entries already stemmed and deduplicated (`CompiledLexicon` reads them back): only the
    /// first-word table is built here.
    init(compiled entries: [Entry]) {
        var byFirst: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() { byFirst[e.key[0], default: []].append(i) }
        for (k, v) in byFirst { byFirst[k] = v.sorted { entries[$0].key.count > entries[$1].key.count } }
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
    /// An entry with no codes says what a shorter phrase inside it does not mean: "memory
    /// stick" and "memories" (things remembered) are not memory loss, "confused about" a letter
    /// is not confusion; its hit has no codes and claims its words.
    /// Inside a phrase of two or more words one extra word may stand between two of its
    /// words ("keeps on forgetting"), but an exact run is preferred.
    public func find(in words: [String]) -> [Hit] {
        let stems = words.map { normaliser.term($0) }
        var hits: [Hit] = []
        var used = [Bool](repeating: false, count: stems.count)
        var i = 0
        while i < stems.count {
            guard !used[i] else { i += 1; continue }
            var best: (entry: Int, positions: [Int], gaps: Int)?
            let candidates = byFirst[stems[i]] ?? []
            let written = Spelling.unify(words[i])
            let exactSingle = candidates.first { entries[$0].exact == written }
            for e in candidates {
                let key = entries[e].key
                if let b = best, key.count < b.positions.count { break }
                if let single = entries[e].single, Lexicon.singular(words[i]) != single { continue }
                if entries[e].single != nil, let x = exactSingle, x != e { continue }
                guard let (positions, gaps) = Lexicon.place(key, in: stems, from: i, used: used) else { continue }
                if best == nil || key.count > best!.positions.count || (key.count == best!.positions.count && gaps < best!.gaps) {
                    best = (e, positions, gaps)
                }
                if gaps == 0, best?.entry == e { break }
            }
            guard let b = best else { i += 1; continue }
            let entry = entries[b.entry]
            var codes: [String: Double] = [:]
            for (c, w) in entry.codes { codes[c] = max(codes[c] ?? 0, w) }
            for p in b.positions { used[p] = true }
            let range = b.positions.first!..<(b.positions.last! + 1)
            let shown = b.positions.map { Lexicon.contractions[words[$0]] ?? words[$0] }.joined(separator: " ")
            hits.append(Hit(phrase: entry.phrase, words: shown, range: range, codes: codes))
            i += 1
        }
        return hits
    }

    /// The word with British and American spellings met and a plural taken off.
    /// Apostrophes are dropped when text is split; put them back when the words are shown.
    static let contractions: [String: String] = [
        "cant": "can't", "dont": "don't", "wont": "won't", "im": "I'm", "ive": "I've", "isnt": "isn't", "doesnt": "doesn't",
        "didnt": "didn't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "havent": "haven't",
        "hasnt": "hasn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "shes": "she's", "hes": "he's",
        "theyre": "they're", "youre": "you're", "thats": "that's", "whats": "what's",
    ]

    static func singular(_ word: String) -> String {
        let w = Spelling.unify(word)
        if w.hasSuffix("ies"), w.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 3 { return String(w.dropLast()) }
        return w
    }

    /// Where a phrase's words stand from `start`: consecutive, or with one free word between two of them.
    static func place(_ key: [String], in stems: [String], from start: Int, used: [Bool]) -> ([Int], Int)? {
        var positions = [start]
        var gaps = 0
        var at = start
        for k in key.dropFirst() {
            if at + 1 < stems.count, !used[at + 1], stems[at + 1] == k { at += 1 }
            else if at + 2 < stems.count, !used[at + 2], !used[at + 1], stems[at + 2] == k, gaps == 0 { at += 2; gaps += 1 }
            else { return nil }
            positions.append(at)
        }
        return (positions, gaps)
    }
}
