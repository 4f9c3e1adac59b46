import Foundation

/// What kind of danger a person's words show. A closed set: the JSON contract names these.
public enum SafetyKind: String, Sendable, Encodable, CaseIterable {
    case suicide, selfHarm = "self-harm", domesticAbuse = "domestic-abuse",
         childSafeguarding = "child-safeguarding", overdose, other
}

/// A national number to ring. These are fixed in the program, not sample data: a directory
/// import must never be able to change where someone in danger is sent.
public struct SafetyContact: Sendable, Encodable, Equatable {
    public let name: String
    public let phone: String
    public let when: String

    public static let emergency = SafetyContact(name: "Emergency services", phone: "999",
                                                when: "now, if life is in danger or someone is hurt; on a mobile, if you cannot speak, press 55")
    public static let nhs111 = SafetyContact(name: "NHS 111, option 2", phone: "111",
                                             when: "mental health crisis, any time, day or night")
    public static let samaritans = SafetyContact(name: "Samaritans", phone: "116 123", when: "to talk, any time, free")
    public static let domesticAbuse = SafetyContact(name: "National Domestic Abuse Helpline", phone: "0808 2000 247",
                                                    when: "free, 24 hours, for anyone afraid of a partner or family member")
    public static let childline = SafetyContact(name: "Childline", phone: "0800 1111", when: "for children and young people under 19, free, any time")
}

/// Shown before anything else when the words show risk to life or of serious harm.
public struct SafetyNotice: Sendable, Encodable, Equatable {
    public let kind: SafetyKind
    /// The person's own words that raised it, so the navigator can see why.
    public let words: [String]
    public let message: String
    public let contacts: [SafetyContact]
}

/// Reads a person's words for danger. Phrases, not single words: "end of life care for mum",
/// "my phone died" and "killing time" are everyday talk and must not raise a notice.
public enum SafetyCheck {
    struct Pattern {
        let kind: SafetyKind
        let regex: NSRegularExpression
    }

    /// Patterns by kind, most urgent kind first (the notice takes the first kind found).
    /// Third-person suicide needs a word of intent ("wants to end his life") so that a
    /// bereavement ("my son took his own life") is not read as a crisis now.
    static let sources: [(SafetyKind, [String])] = [
        (.overdose, [
            #"\boverdos(e|ed|ing)\b"#,
            #"\b(took|taken|swallowed|has had)\b( \w+){0,3} (too many|a whole (bottle|box|packet)|all (of )?(my|his|her|their|the)) ?(\w+ )?(tablets|pills|paracetamol|medication|meds)\b"#,
        ]),
        (.suicide, [
            #"\b(end|ending|take|taking) my (own )?life\b"#,
            #"\b(want|wants|wanted|going|thinking|plans?|planning|about|trying|tried) to (end|take) (my|his|her|their) (own )?life\b"#,
            #"\bkill(ing)? (myself|himself|herself|themselves)\b"#,
            #"\bsuicidal\b"#,
            #"\bsuicide (thoughts|attempt|plan|note)s?\b"#,
            #"\b(thinking|thought|thoughts) (of|about) suicide\b"#,
            #"\b(end|ending) it all\b"#,
            #"\b(want|wants|wanting) to die\b"#,
            #"\b(don'?t|do not|doesn'?t|does not) want to (live|be alive|be here any ?more|wake up|go on)\b"#,
            #"\bno (point|reason) (in )?(going on|living|carrying on|being here|being alive|to live|to go on)\b"#,
            #"\bbetter off (without me|without him|without her|dead|if i (was|were) (gone|dead))\b"#,
            #"\b(saving|saved|stockpil\w*|hoard\w*|collecting) (up )?(my|his|her|their)? ?(tablets|pills|medication|meds|paracetamol)\b"#,
            #"\bwish (i|he|she) (was|were|wasn'?t|weren'?t) (dead|alive|here|born)\b"#,
            #"\b(can'?t|cannot|can not) (go on|carry on|cope) (any ?more|like this)\b"#,
        ]),
        (.domesticAbuse, [
            #"\b(he|she|they)('ll| will|'s going to| is going to| said (he|she)'?d| threatened to) (kill|hurt|hit|strangle) me\b"#,
            #"\b(my )?(partner|husband|wife|boyfriend|girlfriend|ex)( \w+){0,3} (hits|hit|beats|beat|punched|kicked|strangled|choked|threaten\w*( to (kill|hurt|hit|harm))?|hurts) me\b"#,
            #"\b(afraid|scared|frightened|terrified) of (my )?(partner|husband|wife|boyfriend|girlfriend|ex)\b"#,
            #"\b(scared|afraid|frightened) to go home\b"#,
            #"\bdomestic (abuse|violence)\b"#,
        ]),
        (.childSafeguarding, [
            #"\b(hits|beats|hurts|touches|touched|hurt|hit|beat|burns|burned|locks?|shakes|shook) (the|my|our|his|her) (little |baby |younger |youngest )?(child|children|kids?|son|daughter|baby|boy|girl|sister|brother|grandson|granddaughter|stepson|stepdaughter)\b"#,
            #"\b(child|son|daughter|baby|kids?|children) (is |are )?(being )?(abused|neglected|hit|beaten|groomed)\b"#,
            #"\b(my )?(dad|father|mum|mother|stepdad|stepmum|step-dad|step-mum|uncle)( \w+){0,2} (hits|beats|hurts|touches) me\b"#,
            #"\b(not|isn'?t|is not|aren'?t) safe at home\b"#,
            #"\bleft (alone )?(home )?alone (all day|all night|overnight|for days)\b"#,
        ]),
        (.selfHarm, [
            #"\bself[- ]?harm(ing|s|ed)?\b"#,
            #"\b(cutting|cuts|cut|burning|burns|hurting|hurts|harming|harms) (myself|himself|herself|themselves)\b"#,
        ]),
        (.other, [
            #"\b(not breathing|stopped breathing|unconscious|won'?t wake up|can'?t wake (him|her))\b"#,
            #"\b(going|want|wants) to (kill|hurt|stab) (someone|somebody|him|her|them)\b"#,
        ]),
    ]

    nonisolated(unsafe) static let patterns: [Pattern] = sources.flatMap { kind, list in
        list.map { Pattern(kind: kind, regex: try! NSRegularExpression(pattern: $0, options: [.caseInsensitive])) }
    }

    /// Curly quotes and runs of space fold, so "he’ll" reads like "he'll".
    static func fold(_ text: String) -> String {
        let t = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The notice for these words, or nil. `age` is that of the person who needs help: a
    /// child or young person's danger also gets Childline.
    public static func check(_ text: String, age: Int? = nil) -> SafetyNotice? {
        let t = fold(text)
        guard !t.isEmpty else { return nil }
        let ns = t as NSString
        var found: [(SafetyKind, String)] = []
        for p in patterns {
            for m in p.regex.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
                found.append((p.kind, ns.substring(with: m.range)))
            }
        }
        guard var kind = found.first?.0 else { return nil }
        let young = age.map { $0 < 19 } ?? false
        // A child saying a parent hurts them is safeguarding, not a partner's abuse.
        if kind == .domesticAbuse, young { kind = .childSafeguarding }
        let kinds = Set(found.map(\.0))
        var contacts: [SafetyContact] = [.emergency]
        if kinds.contains(.suicide) || kinds.contains(.selfHarm) || kinds.contains(.overdose) { contacts += [.nhs111, .samaritans] }
        if kinds.contains(.domesticAbuse) { contacts.append(.domesticAbuse) }
        if kinds.contains(.childSafeguarding) || young { contacts.append(.childline) }
        var seen = Set<String>()
        let words = found.map(\.1).filter { seen.insert($0).inserted }
        return SafetyNotice(kind: kind, words: words, message: message(kind), contacts: contacts)
    }

    static func message(_ kind: SafetyKind) -> String {
        switch kind {
        case .overdose: return "They may have taken an overdose. Call 999 now, even if they seem well."
        case .suicide: return "They may be thinking of ending their life. Ask them directly, stay with them, and get help now: 999 if they are in danger, NHS 111 option 2, or Samaritans."
        case .selfHarm: return "They may be harming themselves. Call 999 if an injury is serious; otherwise NHS 111 option 2 or Samaritans today."
        case .domesticAbuse: return "They may be in danger from a partner or family member. If they are in danger now, call 999; the National Domestic Abuse Helpline is free, day and night."
        case .childSafeguarding: return "A child may be at risk. If the child is in danger now, call 999, and follow your safeguarding procedure today."
        case .other: return "Someone may be in danger. If life is at risk, call 999 now."
        }
    }
}
