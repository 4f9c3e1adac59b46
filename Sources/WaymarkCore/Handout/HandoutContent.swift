import Foundation

/// What the handout says about one service, in plain words and already made safe for any
/// output. The formats (`HandoutRendering.swift`) only lay these parts out.
extension Handout {
    /// One titled block of a service's part of the handout. A closed set: every format shows
    /// them in this order, under these headings.
    enum Section: CaseIterable {
        case why, next, venue, gettingThere, cost, haveReady, call, steps

        var title: String {
            switch self {
            case .why: return "Why it was suggested"
            case .next: return "Next session"
            case .venue: return "Where"
            case .gettingThere: return "How to get there"
            case .cost: return "What it costs"
            case .haveReady: return "What to have ready"
            case .call: return "When you call"
            case .steps: return "How to start"
            }
        }
    }

    struct Parts {
        var title: String
        var what: String
        var note: String?
        var sections: [(Section, [String])]
    }

    /// A venue and how far it is from the person, when their place is known.
    struct Venue {
        var location: Location
        var km: Double?
    }

    /// The physical venue nearest the person's place (the first one when the place is not known).
    func nearestVenue(_ s: Service) -> (nearest: Venue?, others: Int) {
        guard let v = s.nearestVenue(to: place?.coordinate) else { return (nil, 0) }
        return (Venue(location: v.location, km: v.km), v.others)
    }

    /// "about 2 miles (3.5 km)"; under half a mile is "less than half a mile".
    static func distanceText(km: Double) -> String {
        let miles = km / 1.609_344
        if miles < 0.5 { return "less than half a mile" }
        let m = miles < 10 ? (miles * 2).rounded() / 2 : miles.rounded()
        let milesText = m == m.rounded() ? String(format: "%.0f", m) : String(format: "%.1f", m)
        return "about \(milesText) mile\(m == 1 ? "" : "s") (\(String(format: km < 10 ? "%.1f" : "%.0f", km)) km)"
    }

    /// The person's needs this service meets, in the order they were given; else the service's own.
    func needsMet(_ s: Service, in vocabulary: Vocabulary) -> (codes: [String], theirs: Bool) {
        let own = s.codes(vocabulary)
        let theirs = needs.filter(own.contains)
        return theirs.isEmpty ? (own, false) : (theirs, true)
    }

    static func list(_ words: [String]) -> String {
        switch words.count {
        case 0: return ""
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }

    /// What a person asks for, by the kind of help (`waymark:function` codes). A code missing
    /// here is said as "I'd like help with <its label>".
    static let asks: [String: String] = [
        "social-connection": "I'd like to come along and meet people",
        "peer-support": "I'd like to meet people who have been through the same thing",
        "carer-support": "I look after someone and would like some support as a carer",
        "respite": "I look after someone and would like a break",
        "care-at-home": "I'd like to ask about care at home",
        "money-benefits": "I'd like help with money and benefits",
        "housing-support": "I'd like help with housing",
        "information-advice": "I'd like some advice",
        "advocacy": "I'd like someone to help me speak up and be heard",
        "navigation": "I'd like help to find the right support",
        "physical-activity": "I'd like to be more active",
        "transport-service": "I need transport to get to appointments",
        "equipment-adaptations": "I'd like to ask about equipment or changes at home to make things safer",
        "hospital-discharge": "I'd like help to get home and settled after a stay in hospital",
        "rehabilitation": "I'd like help to get my strength and confidence back",
        "self-management": "I'd like help to manage my condition day to day",
        "prevention": "I'd like help to stay well",
        "crisis-response": "I need urgent help",
        "end-of-life-care": "I'd like to ask about care and support towards the end of life",
        "clinical-care": "I'd like to ask about treatment and care",
        "diagnosis-assessment": "I'd like an assessment",
        "learning-work": "I'd like to ask about courses, volunteering or work",
    ]

    /// How a person gets the service: a closed set, settled from the `waymark:referral` codes.
    enum Referral {
        case yourself, gp, professional
        /// Only codes Waymark does not know: nothing is claimed either way.
        case unsaid

        init(_ codes: [String]) {
            if codes.isEmpty || codes.contains("self-referral") { self = .yourself }
            else if codes.contains("gp-referral") { self = .gp }
            else if codes.contains("professional-referral") { self = .professional }
            else { self = .unsaid }
        }
    }

    /// What is known about one service for this person, worked out once; each section reads it.
    struct Facts {
        var service: Service
        var referral: Referral
        /// Someone comes to the person's home.
        var comes: Bool
        /// "phone", "online": ways to use it without travelling.
        var remote: [String]
        var venue: Venue?
        var otherVenues: Int
        var functions: (codes: [String], theirs: Bool)
        var conditions: (codes: [String], theirs: Bool)
        var session: OpeningHours.Session?
        var placeName: String?
    }

    func facts(_ s: Service) -> Facts {
        let (venue, others) = nearestVenue(s)
        return Facts(service: s, referral: Referral(s.codes(.referral)), comes: s.has("home-visit", in: .transport),
                     remote: s.codes(.transport).filter { $0 == "phone" || $0 == "online" }, venue: venue, otherVenues: others,
                     functions: needsMet(s, in: .function), conditions: needsMet(s, in: .condition),
                     session: s.hours.nextSession(after: now), placeName: place.map { DisplayText.line($0.place.name) })
    }

    func parts(_ e: Entry) -> Parts {
        let f = facts(e.service)
        let t = DisplayText.line
        let sentences = t(e.service.description).split(separator: ".", omittingEmptySubsequences: true).prefix(2).map { $0.trimmingCharacters(in: .whitespaces) + "." }
        // The service's own steps (HSDS application_process), as it numbers them.
        let steps = e.service.applicationProcess.map { DisplayText.block($0).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        return Parts(title: t(e.service.name) + " — " + t(e.organisation), what: sentences.joined(separator: " "),
                     note: e.note.trimmingCharacters(in: .whitespaces).isEmpty ? nil : t(e.note),
                     sections: [(.why, why(f)), (.next, next(f)), (.venue, venue(f)), (.gettingThere, gettingThere(f)), (.cost, cost(f)),
                                (.haveReady, haveReady(f)), (.call, call(f)), (.steps, steps)].filter { !$0.1.isEmpty })
    }

    /// "aged 60 and over", "aged up to 18", from `Eligibility.ageSummary`.
    static func aged(_ summary: String) -> String {
        summary.hasPrefix("Ages up to") ? "aged up to" + summary.dropFirst("Ages up to".count) : "aged" + summary.dropFirst("Ages".count)
    }

    /// Why: the needs it meets, who it is for, how near, and the easy parts, in sentences.
    func why(_ f: Facts) -> [String] {
        let s = f.service
        var why: [String] = []
        // When it meets any of the person's needs, only those are named: not what they did not ask about.
        let asked = f.functions.theirs || f.conditions.theirs
        let met = ((f.functions.theirs || !asked ? f.functions.codes : []) + (f.conditions.theirs || !asked ? f.conditions.codes : []))
            .map { taxonomy.label($0).lowercased() }
        if !met.isEmpty { why.append((asked ? "It helps with what you asked about: " : "It offers ") + Handout.list(met) + ".") }
        if let ages = s.eligibility.ageSummary { why.append("It is for people \(Handout.aged(ages)).") }
        if f.comes { why.append("Someone comes to your home, so there is no travel.") }
        else if let km = f.venue?.km, let placeName = f.placeName { why.append("It is \(Handout.distanceText(km: km)) from \(placeName).") }
        else if f.venue == nil, !f.remote.isEmpty { why.append("You can use it \(Handout.list(f.remote.map { $0 == "phone" ? "by phone" : "online" })), from home.") }
        if s.has("free", in: .cost) { why.append("It is free.") }
        if f.referral == .yourself { why.append("You can contact them yourself; you do not need a referral.") }
        return why
    }

    /// The next session, with its date; or how sessions are arranged.
    func next(_ f: Facts) -> [String] {
        let s = f.service
        var next: [String] = []
        if let session = f.session {
            let days = session.start.date.dayNumber - now.date.dayNumber
            next.append((days == 0 ? "Today, " : days == 1 ? "Tomorrow, " : "") + session.longText)
        } else if !s.schedules.contains(where: \.hasHours) {
            next.append(f.comes ? "They arrange a time to visit you." : "By appointment: ask for a time when you call.")
        } else {
            next.append("No dates are listed: ask when the next one is.")
        }
        if let today = s.hours.closedForBankHoliday(on: now.date) { next.append("Closed today (\(today.name)).") }
        let regular = s.schedules.filter(\.hasHours).map { DisplayText.line($0.summaryWithNotes) }
        if !regular.isEmpty { next.append("Usually: " + regular.joined(separator: "; ")) }
        return next
    }

    /// Where: the venue nearest the person.
    func venue(_ f: Facts) -> [String] {
        if let venue = f.venue {
            var lines = [(f.placeName != nil && f.otherVenues > 0 ? "Nearest to you: " : "") + DisplayText.line(venue.location.oneLine)]
            if f.otherVenues > 0 { lines.append("It also meets at \(f.otherVenues) other place\(f.otherVenues == 1 ? "" : "s"): ask which suits you.") }
            return lines
        }
        if f.comes { return ["At your home."] }
        if !f.remote.isEmpty { return [Handout.list(f.remote.map { $0 == "phone" ? "By phone" : "Online" }) + ": no need to travel."] }
        return ["Ask where when you call."]
    }

    func gettingThere(_ f: Facts) -> [String] {
        let t = DisplayText.line
        var getting: [String] = []
        if f.comes { getting.append("They come to you.") }
        if let venue = f.venue {
            if let km = venue.km, let placeName = f.placeName { getting.append("From \(placeName): \(Handout.distanceText(km: km)).") }
            if let tr = venue.location.transportation { getting.append(t(tr)) }
            getting += venue.location.accessibility.map { t($0.description) }
        }
        if f.service.has("transport-provided", in: .transport) || f.service.has("community-transport", in: .transport) {
            getting.append("Transport can be arranged: ask when you call.")
        }
        if f.venue != nil, getting.isEmpty { getting.append("Ask how to get there when you call.") }
        return getting
    }

    func cost(_ f: Facts) -> [String] {
        let s = f.service, t = DisplayText.line
        let words = s.codes(.cost).map(taxonomy.label)
        if let fees = s.fees { return [(words.isEmpty ? "" : words.joined(separator: ", ") + ": ") + t(fees)] }
        let options = s.costOptions.map { o in
            let amount = o.amount.map { o.currency == nil || o.currency == "GBP" ? String(format: "£%.2f", $0) : String(format: "%.2f ", $0) + t(o.currency!) }
            return [o.option.map(t) ?? amount, o.option == nil ? o.amountDescription.map(t) : nil].compactMap { $0 }.joined(separator: " ")
        }.filter { !$0.isEmpty }
        if !options.isEmpty { return options }
        return [words.isEmpty ? "Ask when you call." : words.joined(separator: ", ") + "."]
    }

    func haveReady(_ f: Facts) -> [String] {
        let s = f.service
        var ready: [String] = []
        switch f.referral {
        case .gp: ready.append("The name of your GP surgery: your GP needs to refer you first.")
        case .professional: ready.append("The name of a health or care worker who knows you: they need to refer you.")
        case .yourself, .unsaid: break
        }
        if let ages = s.eligibility.ageSummary { ready.append("Your date of birth (\(ages.prefix(1).lowercased() + ages.dropFirst())).") }
        if s.has("charged", in: .cost) || s.has("low-cost", in: .cost), let fees = s.fees { ready.append("Money for the cost: \(DisplayText.line(fees))") }
        if s.has("carers", in: .audience) || s.has("carer-support", in: .function) { ready.append("A few words about the person you look after and what you do for them.") }
        if s.has("money-benefits", in: .function) { ready.append("Letters about your benefits, bills or debts.") }
        if s.has("housing-support", in: .function) { ready.append("Letters from your landlord or council, if you have them.") }
        if !s.codes(.condition).isEmpty || s.has("clinical-care", in: .function) || s.has("diagnosis-assessment", in: .function) {
            ready.append("Your NHS number if you have it, and a list of the medicines you take.")
        }
        return ready.isEmpty ? ["Just this sheet, and a pen to write down who you spoke to."] : ready
    }

    /// How to reach them, then what to say: the service, the need, where they live, and the next step.
    func call(_ f: Facts) -> [String] {
        let s = f.service, t = DisplayText.line
        var lines = s.phones.map { "Ring \(t($0.number))" + ($0.description.map { " (\(t($0)))" } ?? "") }
        if let email = s.email { lines.append("Email \(t(email))") }
        if let url = s.url { lines.append("Web \(t(url))") }
        var say = ["Hello, I'm calling about \(t(s.name))."]
        if let code = f.functions.codes.first { say.append((Handout.asks[code] ?? "I'd like help with \(taxonomy.label(code).lowercased())") + ".") }
        // A condition is said when it is the person's, or when no needs were given (the service's own).
        if let c = f.conditions.codes.first, f.conditions.theirs || needs.isEmpty { say.append("It's about \(taxonomy.label(c).lowercased()).") }
        if let placeName = f.placeName { say.append("I live in \(placeName).") }
        switch f.referral {
        case .gp: say.append("What does my GP need to send you?")
        case .professional: say.append("Who can refer me?")
        case .unsaid: say.append("How do I start?")
        case .yourself:
            if let session = f.session, !f.comes {
                let day = "\(LocalDate.weekdayLong[session.start.date.weekday]) \(session.start.date.day) \(LocalDate.monthNames[session.start.date.month - 1])"
                let books = (s.applicationProcess ?? "").lowercased().contains("book")
                say.append(books ? "Can I book a place for \(day)?" : "Can I come on \(day)?")
            } else {
                say.append(f.comes ? "Could someone visit me at home?" : "How do I start?")
            }
        }
        lines.append("Say: \"" + say.joined(separator: " ") + "\"")
        return lines
    }

    var heading: String { firstName.map { "Services for \($0)" } ?? "Services to contact" }
    var dateLine: String { "Made on \(date.longText)" }
    var givenByLine: String? { givenBy.map { "Given to you by \($0)." } }

    /// The line every handout ends with. The numbers are the program's own (`SafetyContact`),
    /// never the directory's, so an import cannot change where someone in danger is sent.
    static var emergencyLine: String {
        "If someone is in danger or badly hurt, call \(SafetyContact.emergency.phone) now. "
            + "For urgent health worries, or a mental health crisis, call NHS \(SafetyContact.nhs111.phone) (option 2 for mental health), day or night."
    }

    var footer: String { footer(large: false) }

    /// Large print sets nothing in capitals, the sample-data notice included.
    func footer(large: Bool) -> String {
        let notice = large ? Workspace.sampleNotice.replacingOccurrences(of: "SAMPLE DATA", with: "Sample data") : Workspace.sampleNotice
        return (sampleData ? notice + " " : "") + "Check details with the service before you travel."
    }
}
