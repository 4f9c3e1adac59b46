import Foundation

/// Who is speaking, relative to the person who needs the help.
public enum Speaker: String, Sendable, CaseIterable, Encodable {
    /// The person who needs help is speaking for themselves.
    case person = "self"
    /// An unpaid carer: a relative, partner or friend ("I look after my brother", "my mum keeps forgetting").
    case carer
    /// A parent speaking about their child ("my son is 8").
    case parent
    /// A worker speaking about a client ("my client").
    case professional

    /// Speaks for someone else they look after, and so may use services that support carers.
    public var caresForSomeone: Bool { self == .carer || self == .parent }
}

/// How sure the words make a circumstance. Unknown is not the same as absent: a plausible
/// circumstance lets a service through with the navigator's question as a caution.
public enum Presence: Int, Sendable, Comparable {
    case plausible = 1, stated = 2
    public static func < (a: Presence, b: Presence) -> Bool { a.rawValue < b.rawValue }
}

/// Reads the role and the circumstances (`waymark:eligibility` codes) from a person's words.
public enum WhoReader {
    static func regex(_ p: String) -> NSRegularExpression { try! NSRegularExpression(pattern: p, options: [.caseInsensitive]) }

    nonisolated(unsafe) static let roles: [(Speaker, NSRegularExpression)] = [
        (.professional, regex(#"\bmy (client|patient|service user|resident|customer)s?\b|\bi'?m (a|an|the) (social worker|link worker|nurse|gp|navigator|support worker|village agent|care coordinator|keyworker|key worker|health visitor|occupational therapist)\b|\b(i am|i'm) referring\b"#)),
        (.parent, regex(#"\b(my|our) (\d+[- ]?(year|yr)[- ]?old )?(son|daughter|child|children|kids?|boy|girl|baby|toddler|teenager|teen|little one)s?\b"#)),
        (.carer, regex(#"\bi (look|looks|am looking) after\b|\bi care for\b|\b(i'?m|i am) (a|an|his|her|their|the|my \w+'?s?) (unpaid )?carer\b|\bcaring for (my|our)\b"#)),
        (.carer, regex(#"\b(my|our) (mum|mam|mom|mother|dad|father|husband|wife|partner|brother|sister|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|nan|nana|aunt|auntie|uncle|friend|neighbour|parents?|in-laws?|mother-in-law|father-in-law)\b"#)),
    ]
    /// Words that put the speaker back at the centre: they are bereaved or in danger themselves, not caring.
    nonisolated(unsafe) static let selfCentred = regex(#"\b(died|passed away|lost my|death of|funeral|hits me|beats me|hurts me|kill me|left me|divorce)\b"#)

    /// Circumstance patterns. `stated` words say it outright; `plausible` ones make it likely enough to ask.
    nonisolated(unsafe) static let circumstances: [(code: String, presence: Presence, regex: NSRegularExpression)] = [
        ("leaving-prison", .stated, regex(#"\b(out of|left|leaving|released from|came out of|come out of|got out of|coming out of) (prison|jail|custody)\b|\bon (probation|licence|license)\b|\bex[- ]?(offender|prisoner)\b"#)),
        ("homeless", .stated, regex(#"\bhomeless\b|\bsleeping (rough|in (my|his|her|the|a) (car|van|tent)|on the streets?|outside)\b|\bnowhere to (sleep|stay|live|go tonight)\b|\bno fixed abode\b|\bsofa[- ]?surfing\b|\bon the streets\b"#)),
        ("women-only", .stated, regex(#"\b(i'?m|i am) a (woman|lady|mum|mother)\b|\bas a woman\b"#)),
        ("women-only", .plausible, regex(#"\b(she|her|woman|women|lady|ladies|mum|mam|mother|wife|daughter|girl|sister|gran|granny|grandma|nan|nana|aunt|auntie|girlfriend|pregnant|menopause)\b"#)),
        ("men-only", .stated, regex(#"\b(i'?m|i am) a (man|bloke|dad|father)\b|\bas a man\b"#)),
        ("men-only", .plausible, regex(#"\b(he|him|his|man|men|bloke|dad|father|husband|son|boy|brother|grandad|grandpa|uncle|boyfriend)\b"#)),
        ("lgbtq", .stated, regex(#"\b(gay|lesbian|bisexual|bi|trans|transgender|non[- ]?binary|queer|lgbt\w*)\b"#)),
        ("veterans", .stated, regex(#"\bveterans?\b|\b(served|serving) in the (army|navy|raf|marines|forces|armed forces)\b|\bex[- ]?(army|forces|military|navy|raf|serviceman|servicewoman)\b|\barmed forces\b"#)),
        ("pregnant-new-parents", .stated, regex(#"\bpregnan(t|cy)\b|\bexpecting (a|our|my) baby\b|\b(new|newborn) baby\b|\bjust had (a|my|our) baby\b|\bnew (mum|dad|parents?)\b|\bpost[- ]?natal\b|\bbaby is \d+ (weeks|months)\b"#)),
        ("diagnosed", .stated, regex(#"\bdiagnos(ed|is) (with|of)\b|\bhas been diagnosed\b|\bgot a diagnosis\b"#)),
        ("ehcp", .stated, regex(#"\behcp\b|\beducation,? health and care plan\b"#)),
        ("ehcp", .plausible, regex(#"\b(send|sen|special (educational )?needs)\b"#)),
        ("refugees-asylum", .stated, regex(#"\brefugees?\b|\basylum\b|\bseeking sanctuary\b|\bfled (the war|from)\b"#)),
        ("bsl-users", .stated, regex(#"\bbsl\b|\bsign language\b|\bsigns?\b(?= (only|to communicate))"#)),
        ("bsl-users", .plausible, regex(#"\bdeaf\b"#)),
        ("bereaved-by-cause", .stated, regex(#"\b(bereaved|lost (my|our|his|her) \w+) (by|to) (suicide|drugs?|alcohol|addiction|an overdose|overdose)\b|\b(died|death) (by|from) (suicide|an overdose|overdose|drugs?|alcohol)\b|\btook (his|her|their) own life\b"#)),
        ("care-leavers", .stated, regex(#"\bcare leaver\b|\b(left|leaving) care\b|\b(grew up|was|were) in (foster |local authority )?care\b"#)),
        ("existing-patients", .plausible, regex(#"\b(under|known to) the (hospice|hospital|team|consultant|service)\b|\b(their|the hospice's|the hospital's) patients?\b"#)),
        ("tenants", .plausible, regex(#"\b(tenant|tenancy|landlord|housing association|council (house|flat)|rent)\b"#)),
        ("housebound", .stated, regex(#"\b(housebound|house-bound|bed-?bound|bedridden|confined to (the house|home|bed))\b|\b(can'?t|cannot|can not|unable to|doesn'?t|does not|never) (get|go|leave|getting)( \w+)? (out of the house|out of the flat|out of the home|outside|out any ?more|to the (surgery|doctors?|gp))\b"#)),
        ("housebound", .plausible, regex(#"\b(struggles?|struggling) to get out\b|\brarely (gets|goes) out\b"#)),
        ("recent-discharge", .stated, regex(#"\b(just|recently|only just|been) (come|came|got|home|discharged|out)( \w+)? (home )?(from|of) (hospital|the hospital|the ruh|the ward)\b|\b(discharged|discharge) from (hospital|the ruh|the ward)\b|\b(leaving|coming (home )?(out )?(of|from)) (hospital|the ruh)\b|\b(is|are|was) (in|still in) hospital\b|\bafter (a|her|his|my) (hospital stay|stay in hospital)\b"#)),
        ("carers-only", .stated, regex(#"\bi (look|am looking) after\b|\bi care for\b|\b(i'?m|i am) (a|an|his|her|their|the) (unpaid )?carer\b|\bcaring for\b"#)),
    ]

    /// The speaker the words suggest, and the words that said so; nil when they say nothing.
    public static func speaker(in text: String) -> (Speaker, String)? {
        let t = SafetyCheck.fold(text)
        let ns = t as NSString
        for (role, re) in roles {
            guard let m = re.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { continue }
            if role == .carer, selfCentred.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) != nil,
               !ns.substring(with: m.range).hasPrefix("i ") { continue }
            return (role, ns.substring(with: m.range))
        }
        return nil
    }

    /// Circumstance codes found in the words, the strongest presence for each, with the words.
    public static func circumstances(in text: String) -> [String: (Presence, String)] {
        let t = SafetyCheck.fold(text)
        let ns = t as NSString
        var out: [String: (Presence, String)] = [:]
        for c in circumstances {
            guard let m = c.regex.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { continue }
            if let have = out[c.code], have.0 >= c.presence { continue }
            out[c.code] = (c.presence, ns.substring(with: m.range))
        }
        return out
    }

    /// The person someone speaks for, by the first relation they name ("my mum", "our son").
    nonisolated(unsafe) static let relation = regex(#"\b(?:my|our) (?:\d+[- ]?(?:year|yr)[- ]?old )?(mum|mam|mom|mother|wife|sister|gran|granny|grandma|grandmother|nan|nana|aunt|auntie|daughter|girl|girlfriend|mother-in-law|dad|father|husband|brother|grandad|grandpa|grandfather|uncle|son|boy|boyfriend|father-in-law)\b"#)
    static let female: Set<String> = ["mum", "mam", "mom", "mother", "wife", "sister", "gran", "granny", "grandma", "grandmother", "nan", "nana", "aunt", "auntie", "daughter", "girl", "girlfriend", "mother-in-law"]

    /// The gender code of the person a carer or parent speaks for, when the relation names one.
    public static func relationGender(in text: String) -> (code: String, words: String)? {
        let t = SafetyCheck.fold(text)
        let ns = t as NSString
        guard let m = relation.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let noun = ns.substring(with: m.range(at: 1))
        return (female.contains(noun) ? "women-only" : "men-only", ns.substring(with: m.range))
    }

    /// Circumstances of the person who needs help. When a carer or parent names the relation
    /// ("my dad"), its gender is that person's, and the pronouns of others in the story
    /// ("mum is worn out looking after him") no longer make the other gender likely.
    public static func circumstances(in text: String, speaker: Speaker) -> [String: (Presence, String)] {
        var out = circumstances(in: text)
        guard speaker.caresForSomeone, let (code, words) = relationGender(in: text) else { return out }
        let other = code == "women-only" ? "men-only" : "women-only"
        if out[other]?.0 == .plausible { out[other] = nil }
        if (out[code]?.0 ?? .plausible) < .stated { out[code] = (.stated, words) }
        return out
    }

    /// Circumstances the profile's facts state: a housebound person is housebound.
    public static func circumstances(of p: NeedsProfile) -> [(code: String, words: String)] {
        p.transport == .housebound ? [("housebound", "housebound")] : []
    }

    /// "my son is 8", "my 8 year old", "I'm 82": the age of the person who needs help, when the words give it.
    nonisolated(unsafe) static let ageWords = regex(#"\b(?:is|aged|age|i'?m|i am|he'?s|she'?s) (\d{1,3})\b(?! (km|miles|minutes|mins|hours|pounds|quid|weeks|months))|\b(\d{1,3})[- ]?(?:year|yr)s?[- ]?old\b"#)

    public static func age(in text: String) -> Int? {
        let t = SafetyCheck.fold(text)
        let ns = t as NSString
        guard let m = ageWords.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { return nil }
        for g in 1..<m.numberOfRanges where m.range(at: g).location != NSNotFound {
            if let n = Int(ns.substring(with: m.range(at: g))), (0...110).contains(n) { return n }
        }
        return nil
    }
}

/// A service's `waymark:eligibility` rule against what is known of a person, and the rule in
/// plain words. One home for the rule the taxonomy states: the gender rule if the service has
/// one, and at least one of its other circumstances if it has any.
public enum CircumstanceRule {
    public static let gender: Set<String> = ["women-only", "men-only"]

    public enum Verdict: Equatable, Sendable {
        case fits
        /// Likely but not certain: suggest, with the navigator's question for these codes.
        case ask([String])
        /// The person does not have what the service requires (the codes it requires).
        case excluded([String])
    }

    /// `have` gives each circumstance the profile has; codes it lacks are absent.
    public static func verdict(requires: [String], have: (String) -> Presence?) -> Verdict {
        guard !requires.isEmpty else { return .fits }
        let genders = requires.filter { gender.contains($0) }
        let others = requires.filter { !gender.contains($0) }
        var ask: [String] = []
        for group in [genders, others] where !group.isEmpty {
            let best = group.compactMap { c in have(c).map { (c, $0) } }.max { $0.1 < $1.1 }
            guard let (code, presence) = best else { return .excluded(group) }
            if presence == .plausible { ask.append(code) }
        }
        return ask.isEmpty ? .fits : .ask(ask)
    }

    /// "for people leaving prison or on probation", "for families of people with dementia".
    public static func plainWords(_ code: String, service: Service, taxonomy: Taxonomy) -> String {
        let conditions = service.codes(.condition).map { taxonomy.label($0).lowercased() }
        let named = conditions.isEmpty ? "the condition it names" : conditions.joined(separator: " or ")
        switch code {
        case "carers-only": return "for unpaid carers"
        case "family-of-person-with": return "for families of people with \(named)"
        case "existing-patients": return "for the provider's own patients and their families"
        case "leaving-prison": return "for people leaving prison or on probation"
        case "homeless": return "for people who are homeless or sleeping rough"
        case "women-only": return "for women"
        case "men-only": return "for men"
        case "lgbtq": return "for LGBTQ+ people"
        case "veterans": return "for armed forces veterans"
        case "pregnant-new-parents": return "for pregnant people and new parents"
        case "diagnosed": return "for people diagnosed with \(named)"
        case "tenants": return "for the landlord's own tenants"
        case "ehcp": return "for children and young people with an EHCP"
        case "refugees-asylum": return "for refugees and people seeking asylum"
        case "bsl-users": return "for British Sign Language users"
        case "bereaved-by-cause": return "for people bereaved in the way it names"
        case "care-leavers": return "for care leavers"
        case "housebound": return "for people who are housebound"
        case "recent-discharge": return "for people leaving or just out of hospital"
        default: return "for: " + taxonomy.label(code).lowercased()
        }
    }

    /// The whole rule of a service in plain words ("for women; for people leaving prison or on probation"), or nil.
    public static func summary(_ service: Service, taxonomy: Taxonomy) -> String? {
        let codes = service.codes(.eligibility)
        guard !codes.isEmpty else { return nil }
        let genders = codes.filter { gender.contains($0) }.map { plainWords($0, service: service, taxonomy: taxonomy) }
        let others = codes.filter { !gender.contains($0) }.map { plainWords($0, service: service, taxonomy: taxonomy) }
        return [genders.joined(separator: " or "), others.joined(separator: ", or ")].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// The caution for a circumstance the words make likely but do not state.
    public static func caution(_ code: String, service: Service, taxonomy: Taxonomy) -> String {
        let plain = plainWords(code, service: service, taxonomy: taxonomy)
        if gender.contains(code) { return "\(plain): ask whether this fits" }
        let question = taxonomy.term(code, in: .eligibility)?.question
        return question.map { "\(plain): ask \"\($0)\"" } ?? "\(plain): ask whether this fits"
    }
}
