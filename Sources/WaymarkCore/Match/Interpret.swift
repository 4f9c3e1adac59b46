import Foundation

/// Stage 1 of matching: from a person's words and facts to weighted needs, hints, and who
/// needs the help. Lexicon phrases first, then what the directory's best text matches share.
public struct Interpreter: Sendable {
    public let index: SearchIndex
    public var scoring: Scoring

    static let needVocabularies: Set<Vocabulary> = [.condition, .function]

    public struct Interpretation {
        public var needs: [Need]
        public var hints: [String: Double]
        public var contentWords: [String]
        public var unrecognised: [String]
        /// BM25 relevance of every service to the content words, reused by scoring.
        public var relevance: Accumulator
    }

    public func interpret(_ p: NeedsProfile) -> Interpretation {
        let taxonomy = index.taxonomy
        let words = index.normaliser.words(p.text)
        let hits = index.lexicon.find(in: words)
        var best: [String: (Double, NeedSource)] = [:]
        var hints: [String: Double] = [:]
        var consumed = Set<Int>()
        // Words a phrase with no codes claims ("memory stick") say nothing of a need, not even to the text search.
        var meaningNothing = Set<Int>()
        for hit in hits {
            consumed.formUnion(hit.range)
            if hit.codes.isEmpty { meaningNothing.formUnion(hit.range) }
            for (code, w) in hit.codes {
                guard let v = taxonomy.vocabulary(of: code) else { continue }
                if Interpreter.needVocabularies.contains(v) {
                    if w > (best[code]?.0 ?? 0) { best[code] = (w, .words(hit.words)) }
                } else {
                    hints[code] = max(hints[code] ?? 0, w)
                }
            }
        }
        for code in p.needs where taxonomy.vocabulary(of: code) != nil { best[code] = (1.0, .chosen) }
        var content: [String] = []
        var unrecognised: [String] = []
        for (i, w) in words.enumerated() where !StopWords.contains(w) && w.count > 1 && !meaningNothing.contains(i) {
            if index.knows(w) { content.append(w) }
            else if !consumed.contains(i), w.rangeOfCharacter(from: .decimalDigits) == nil { unrecognised.append(w) }
        }
        // The directory itself says what the words are about: the codes most of the best text
        // matches share become needs too (pseudo-relevance feedback), more tentatively than the lexicon's.
        let scores = index.relevance(words: content)
        if !content.isEmpty {
            let top = TopK.select(scores.touched.map(Int.init), limit: scoring.feedbackDocuments) { scores.score[$0] > scores.score[$1] || (scores.score[$0] == scores.score[$1] && $0 < $1) }
            var votes: [String: Double] = [:]
            var total = 0.0
            let table = index.codeTable
            for d in top {
                let w = Double(scores.score[d])
                total += w
                // From the index's code bits, not the decoded service: decoding was a third of interpreting.
                index.codeSets[d].forEach { bit in
                    if Interpreter.needVocabularies.contains(table.vocabularies[bit]) { votes[table.codes[bit], default: 0] += w }
                }
            }
            let lexiconFound = !best.isEmpty
            let inferred = votes.filter { total > 0 && $0.value / total >= scoring.feedbackShare && best[$0.key] == nil }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(lexiconFound ? 2 : 3)
            for (code, _) in inferred { best[code] = (lexiconFound ? scoring.inferredWeight : scoring.inferredAloneWeight, .inferred) }
        }
        var needs = best.filter { $0.value.0 >= scoring.needThreshold || $0.value.1 == .inferred }.map { Need(code: $0.key, weight: $0.value.0, from: $0.value.1) }
        needs.sort { ($0.weight, $1.code) > ($1.weight, $0.code) }
        // A parent and its child both recognised ("carer" and "a break"): keep both; they are different asks.
        return Interpretation(needs: Array(needs.prefix(Scoring.maxNeeds)), hints: hints, contentWords: content, unrecognised: unrecognised, relevance: scores)
    }

    /// Who needs the help: the role, the age and the circumstances, stated or read from the words.
    public func understand(_ p: NeedsProfile) -> Understanding {
        let detected = WhoReader.speaker(in: p.text, age: p.age)
        let speaker = p.speaker ?? detected?.0 ?? .person
        var list: [(code: String, presence: Presence, words: String?)] = []
        for code in p.circumstances { list.append((code, .stated, nil)) }
        let stated = Set(p.circumstances)
        for (code, (presence, words)) in WhoReader.circumstances(in: p.text, speaker: speaker).sorted(by: { $0.key < $1.key }) where !stated.contains(code) {
            list.append((code, presence, words))
        }
        for (code, words) in WhoReader.circumstances(of: p) where !stated.contains(code) {
            list.removeAll { $0.code == code }
            list.append((code, .stated, words))
        }
        // A carer cares; a parent cares only when the child needs care beyond their age (`parentCares`).
        if !stated.contains("carers-only"), !list.contains(where: { $0.code == "carers-only" }) {
            if speaker == .carer { list.append(("carers-only", .stated, p.speaker == nil ? detected?.1 : nil)) }
            else if speaker == .parent, let words = WhoReader.parentCares(in: p.text) { list.append(("carers-only", .stated, words)) }
        }
        let age = p.age ?? WhoReader.age(in: p.text, speaker: speaker)
        for code in WhoReader.circumstances(age: age) where !list.contains(where: { $0.code == code }) {
            list.append((code, .plausible, nil))
        }
        return Understanding(speaker: speaker, speakerWords: p.speaker == nil ? detected?.1 : nil,
                             age: age, circumstances: list)
    }

    /// The needs to match: the words' needs, with crisis help first when the words show danger,
    /// and services that support carers beside the cared-for person's needs when a carer speaks.
    public func needs(_ interpretation: Interpretation, understanding: Understanding, safety: SafetyNotice?) -> [Need] {
        var needs = interpretation.needs
        if let safety {
            // "end my life" is not end-of-life care, "saving up my tablets" not a savings account:
            // needs read from the words of danger give way to crisis help.
            needs.removeAll { n in
                guard case .words(let w) = n.from else { return false }
                return safety.words.contains { $0.contains(w) || w.contains($0) }
            }
            needs.removeAll { $0.from == .inferred }
            var crisisNeeds = [Need(code: "crisis-response", weight: 1, from: .safety(safety.words[0]))]
            // The condition of the crisis help that answers the danger (`SafetyConcern.answeredBy`).
            for code in safety.concern.answeredBy where index.taxonomy.vocabulary(of: code) == .condition {
                crisisNeeds.append(Need(code: code, weight: scoring.crisisConditionWeight, from: .safety(safety.words[0])))
            }
            needs.removeAll { n in crisisNeeds.contains { $0.code == n.code } }
            needs.insert(contentsOf: crisisNeeds, at: 0)
        }
        // A carer gets services for the person cared for and services that support carers.
        if understanding.speaker.caresForSomeone, understanding.circumstances.contains(where: { $0.code == "carers-only" }),
           !needs.contains(where: { $0.code == "carer-support" }) {
            needs.append(Need(code: "carer-support", weight: scoring.carerNeedWeight, from: .speaker(understanding.speaker)))
        }
        return Array(needs.prefix(Scoring.maxNeeds))
    }
}
