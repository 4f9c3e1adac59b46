/// "Understood": what the matcher took from the words, said once, so each suggestion's
/// reasons need not repeat it. Shared by the text output and the TUI.
public extension MatchResult {
    func understoodLines(_ taxonomy: Taxonomy) -> [String] {
        var out: [String] = []
        let u = understanding
        let role: String
        switch u.speaker {
        case .person: role = "the person speaking for themselves"
        case .carer: role = "a carer speaking for the person they look after"
        case .parent: role = "a parent speaking for their child"
        case .professional: role = "a worker speaking for a client"
        }
        let age = u.age.map { ", who is \($0)" } ?? ""
        out.append("speaker: \(role)\(age)" + (u.speakerWords.map { " (from \"\($0)\")" } ?? "") + "; correct with --speaker")
        let needWords = needs.map { n -> String in
            let label = taxonomy.label(n.code).lowercased()
            switch n.from {
            case .chosen: return taxonomy.label(n.code)
            case .inferred: return "perhaps " + label
            case .words(let w): return "\(w) → \(label)"
            case .speaker: return "as a carer → \(label)"
            case .safety(let w): return "\(w) → \(label) first"
            }
        }
        out.append(needWords.isEmpty ? "(no needs recognised: try other words, or choose a need)" : needWords.joined(separator: "; "))
        // A likely gender is asked about on the services that require one, not said here.
        let circumstances = u.circumstances.filter {
            !($0.code == "carers-only" && u.speaker == .carer) && !($0.presence == .plausible && CircumstanceRule.gender.contains($0.code))
        }.map { c -> String in
            // A gender is a fact about the person, not a rule: "a woman", not "women only".
            let label = c.code == "women-only" ? "a woman" : c.code == "men-only" ? "a man"
                : c.code == "carers-only" && u.speaker == .parent ? "a parent carer" + (c.words.map { " (from \"\($0)\")" } ?? "")
                : CircumstanceRule.ruledOutFacts[c.code] ?? taxonomy.label(c.code).lowercased()
            return c.presence == .stated ? label : "perhaps \(label) (ask)"
        }
        if !circumstances.isEmpty { out.append("circumstances: " + circumstances.joined(separator: "; ")) }
        if let place = placeName, let area { out.append("lives in \(place) (\(taxonomy.label(area)))") }
        if !unrecognised.isEmpty { out.append("not recognised: " + unrecognised.joined(separator: ", ")) }
        if !commonReasons.isEmpty { out.append("true of every suggestion in the top ten: " + commonReasons.joined(separator: "; ")) }
        return out
    }
}
