import Foundation

/// Turns text into search terms: case and accent folding, British and American
/// spellings brought together, light English stemming (Porter's step 1), stop words.
///
/// Both the index and every query go through the same steps, so a rule only has to
/// bring two spellings to one form, not to a "correct" one.
public struct Normaliser: Sendable {
    public init() {}

    /// Lower-cased, accent-folded words, apostrophes dropped ("memory's" → "memorys"),
    /// everything else that is not a letter or digit a separator.
    public func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { out.append($0) }
        return out
    }

    /// Calls `body` with each word of the text, as `words` would return them.
    public func forEachWord(_ text: String, _ body: (String) -> Void) {
        var current: [UInt8] = []
        current.reserveCapacity(24)
        var pendingNonASCII = false
        func flush() {
            if !current.isEmpty {
                let word = String(decoding: current, as: UTF8.self)
                body(pendingNonASCII ? Normaliser.fold(word) : word)
                current.removeAll(keepingCapacity: true)
            }
            pendingNonASCII = false
        }
        // Fast path over UTF-8 bytes: ASCII letters and digits are lower-cased in place; a word with
        // other letters is folded as a whole once it ends.
        var utf8 = text.utf8.makeIterator()
        while let b = utf8.next() {
            switch b {
            case 0x41...0x5A: current.append(b + 32)
            case 0x61...0x7A, 0x30...0x39: current.append(b)
            case 0x27: continue // an apostrophe inside a word: "memory's" → "memorys"
            case 0x80...0xFF:
                // Collect the whole scalar, then decide whether it is part of a word.
                var bytes = [b]
                let extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0
                for _ in 0..<extra { if let n = utf8.next() { bytes.append(n) } }
                let scalarText = String(decoding: bytes, as: UTF8.self)
                guard let scalar = scalarText.unicodeScalars.first else { flush(); continue }
                if scalar.value == 0x2019 || scalar.value == 0x2018 { continue }
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.append(contentsOf: bytes)
                    pendingNonASCII = true
                } else {
                    flush()
                }
            default: flush()
            }
        }
        flush()
    }

    /// Case and accent folding for a word with letters outside ASCII ("Café" → "cafe").
    static func fold(_ word: String) -> String {
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return String(decoding: folded.utf8.filter { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80 }, as: UTF8.self)
    }

    /// The search term for one word: spelling-unified and stemmed.
    public func term(_ word: String) -> String {
        Stemmer.stem(Spelling.unify(word))
    }

    /// Terms of a text with stop words removed, for indexing and ranking.
    public func terms(_ text: String) -> [String] {
        words(text).filter { !StopWords.contains($0) }.map(term)
    }

    public func isStopWord(_ word: String) -> Bool { StopWords.contains(word) }
}

/// British and American spellings meet in one form.
enum Spelling {
    static let fragments: [(String, String)] = [
        ("paed", "ped"), ("anaem", "anem"), ("haem", "hem"), ("aemia", "emia"), ("oedema", "edema"),
        ("oesoph", "esoph"), ("gynaec", "gynec"), ("orthopaed", "orthoped"), ("foet", "fet"), ("diarrhoea", "diarrhea"),
        ("programme", "program"), ("anaesth", "anesth"), ("leukaem", "leukem"), ("coeliac", "celiac"),
    ]

    static let doubledL: Set<String> = ["travel", "counsel", "model", "label", "cancel", "level", "signal", "fuel", "channel",
                                        "jewel", "marvel", "dial", "total", "pencil", "quarrel", "shovel", "tunnel", "funnel", "enrol"]

    /// Whether `part`'s UTF-8 occurs in `text`'s, by a plain scan.
    static func containsBytes(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { a in
            part.withUTF8 { b in
                guard let first = b.first else { return true }
                guard b.count <= a.count else { return false }
                for i in 0...(a.count - b.count) where a[i] == first {
                    var k = 1
                    while k < b.count, a[i + k] == b[k] { k += 1 }
                    if k == b.count { return true }
                }
                return false
            }
        }
    }

    static func unify(_ w: String) -> String {
        guard w.count > 3 else { return w }
        var s = w
        // A byte search, not Foundation's `contains`: this runs for every word of every lexicon
        // phrase at start, where Foundation's locale-aware search was half of a cold `waymark search`.
        for (uk, us) in fragments where containsBytes(s, uk) { s = s.replacingOccurrences(of: uk, with: us) }
        // -isation/-ise/-yse → -ization/-ize/-yze; -our → -or; -tre → -ter; -ogue → -og; -lling/-lled/-llor → single l.
        let rules: [(String, String, Int)] = [
            ("isation", "ization", 8), ("isations", "izations", 9), ("ising", "izing", 6), ("ised", "ized", 5), ("ise", "ize", 5),
            ("ises", "izes", 6), ("yse", "yze", 5), ("ysed", "yzed", 6), ("ysing", "yzing", 7),
            ("our", "or", 6), ("ours", "ors", 7), ("ourite", "orite", 8),
            ("tre", "ter", 6), ("tres", "ters", 7), ("ogue", "og", 6), ("ogues", "ogs", 7),
        ]
        for (uk, us, minLength) in rules where s.count >= minLength && s.hasSuffix(uk) {
            return String(s.dropLast(uk.count)) + us
        }
        // British doubles the l of travel, counsel, label…: only those, since fall, tell and call end in ll anyway.
        for (uk, us) in [("lling", "ling"), ("lled", "led"), ("llor", "lor"), ("llors", "lors")] where s.hasSuffix(uk) {
            let base = String(s.dropLast(uk.count)) + "l"
            if doubledL.contains(base) { return String(s.dropLast(uk.count)) + us }
        }
        return s
    }
}

/// Porter's step 1 (plurals, -ed, -ing, final -y): light enough that "walking" meets
/// "walks" and "carers" meets "carer", without turning "organisation" into "organ".
enum Stemmer {
    static func isVowel(_ c: [UInt8], _ i: Int) -> Bool {
        switch c[i] {
        case 97, 101, 105, 111, 117: return true
        case 121: return i > 0 && !isVowel(c, i - 1)
        default: return false
        }
    }

    static func hasVowel(_ c: [UInt8], upTo n: Int) -> Bool {
        (0..<n).contains { isVowel(c, $0) }
    }

    /// Consonant-vowel-consonant ending, the last not w, x or y ("hop" → "hope").
    static func cvc(_ c: [UInt8]) -> Bool {
        let n = c.count
        guard n >= 3 else { return false }
        return !isVowel(c, n - 1) && isVowel(c, n - 2) && !isVowel(c, n - 3) && ![119, 120, 121].contains(c[n - 1])
    }

    static func measure(_ c: [UInt8]) -> Int {
        var m = 0, i = 0
        while i < c.count && !isVowel(c, i) { i += 1 }
        while i < c.count {
            while i < c.count && isVowel(c, i) { i += 1 }
            if i >= c.count { break }
            while i < c.count && !isVowel(c, i) { i += 1 }
            m += 1
        }
        return m
    }

    static func stem(_ word: String) -> String {
        var c = Array(word.utf8)
        guard c.count > 3, c.allSatisfy({ $0 < 0x80 }) else { return word }
        func ends(_ s: String) -> Bool { c.count >= s.utf8.count && c.suffix(s.utf8.count).elementsEqual(s.utf8) }
        // Step 1a
        if ends("sses") { c.removeLast(2) }
        else if ends("ies") { c.removeLast(2) }
        else if ends("ss") || ends("us") || ends("is") {}
        else if ends("s") { c.removeLast() }
        // Step 1b
        var extra = false
        if ends("eed") {
            if measure(Array(c.dropLast(3))) > 0 { c.removeLast() }
        } else if ends("ed"), hasVowel(c, upTo: c.count - 2) {
            c.removeLast(2); extra = true
        } else if ends("ing"), hasVowel(c, upTo: c.count - 3), c.count > 5 {
            c.removeLast(3); extra = true
        }
        if extra {
            if ends("at") || ends("bl") || ends("iz") { c.append(101) }
            else if c.count >= 2, c[c.count - 1] == c[c.count - 2], !isVowel(c, c.count - 1), ![108, 115, 122].contains(c[c.count - 1]) { c.removeLast() }
            else if measure(c) == 1 && cvc(c) { c.append(101) }
        }
        // Step 1c
        if ends("y"), hasVowel(c, upTo: c.count - 1) { c[c.count - 1] = 105 }
        return String(decoding: c, as: UTF8.self)
    }
}

enum StopWords {
    static let list: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by",
        "can", "could", "did", "do", "does", "doing", "for", "from", "get", "getting", "got", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just", "me", "more",
        "most", "my", "myself", "of", "on", "or", "our", "ours", "she", "so", "some", "such", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "to", "too", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "really", "bit", "lot", "also", "us",
        "shes", "hes", "theyre", "were", "weve", "id", "youre", "dont", "doesnt", "isnt", "wont", "cant", "need", "needs", "want",
        "wants", "like", "know", "think", "thing", "things", "someone", "something", "anything", "help", "please", "one", "still",
    ]
    static func contains(_ w: String) -> Bool { list.contains(w) }
}
