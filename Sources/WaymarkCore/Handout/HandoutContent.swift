import Foundation

/// What the handout says about one service, in plain words and already made safe for any
/// output. The formats (`HandoutRendering.swift`) only lay these parts out.
extension Handout {
    /// One titled block of a service's part of the handout. A closed set: every format shows
    /// them in this order, under these headings.
    enum Section: CaseIterable {
        case why, next, where_, gettingThere, cost, haveReady, call, steps

        var title: String {
            switch self {
            case .why: return "Why it was suggested"
            case .next: return "Next session"
            case .where_: return "Where"
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
        let venues = s.physicalLocations
        guard !venues.isEmpty else { return (nil, 0) }
        guard let here = place?.coordinate else { return (Venue(location: venues[0], km: nil), venues.count - 1) }
        let measured = venues.map { l in Venue(location: l, km: l.coordinate.map { here.distanceKm(to: $0) }) }
        let best = measured.min { ($0.km ?? .infinity) < ($1.km ?? .infinity) } ?? measured[0]
        return (best, venues.count - 1)
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

    func parts(_ e: Entry) -> Parts {
        let s = e.service
        let t = DisplayText.line
        let label = { (code: String) in self.taxonomy.label(code) }
        let sentences = t(s.description).split(separator: ".", omittingEmptySubsequences: true).prefix(2).map { $0.trimmingCharacters(in: .whitespaces) + "." }
        let referral = s.codes(.referral)
        let selfReferral = referral.contains("self-referral") || referral.isEmpty
        let gp = !selfReferral && referral.contains("gp-referral")
        let professional = !selfReferral && !gp && referral.contains("professional-referral")
        let comes = s.has("home-visit", in: .transport)
        let remote = s.codes(.transport).filter { $0 == "phone" || $0 == "online" }
        let (venue, otherVenues) = nearestVenue(s)
        let functions = needsMet(s, in: .function), conditions = needsMet(s, in: .condition)
        let session = s.hours.nextSession(after: now)
        let byAppointment = !s.schedules.isEmpty && !s.schedules.contains(where: \.hasHours)
        let placeName = place.map { t($0.place.name) }

        // Why: the needs it meets, who it is for, how near, and the easy parts, in sentences.
        var why: [String] = []
        // When it meets any of the person's needs, only those are named: not what they did not ask about.
        let asked = functions.theirs || conditions.theirs
        let met = ((functions.theirs || !asked ? functions.codes : []) + (conditions.theirs || !asked ? conditions.codes : [])).map { label($0).lowercased() }
        if !met.isEmpty { why.append((asked ? "It helps with what you asked about: " : "It offers ") + Handout.list(met) + ".") }
        if let ages = s.eligibility.ageSummary { why.append("It is for people \(ages.hasPrefix("Ages up to") ? "aged up to" + ages.dropFirst("Ages up to".count) : "aged" + ages.dropFirst("Ages".count)).") }
        if comes { why.append("Someone comes to your home, so there is no travel.") }
        else if let km = venue?.km, let placeName { why.append("It is \(Handout.distanceText(km: km)) from \(placeName).") }
        else if venue == nil, !remote.isEmpty { why.append("You can use it \(Handout.list(remote.map { $0 == "phone" ? "by phone" : "online" })), from home.") }
        if s.has("free", in: .cost) { why.append("It is free.") }
        if selfReferral { why.append("You can contact them yourself; you do not need a referral.") }

        // The next session, with its date; or how sessions are arranged.
        var next: [String] = []
        if let session {
            let days = session.start.date.dayNumber - now.date.dayNumber
            next.append((days == 0 ? "Today, " : days == 1 ? "Tomorrow, " : "") + session.longText)
        }
        else if byAppointment || s.schedules.isEmpty { next.append(comes ? "They arrange a time to visit you." : "By appointment: ask for a time when you call.") }
        else { next.append("No dates are listed: ask when the next one is.") }
        if let today = s.hours.closedForBankHoliday(on: now.date) { next.append("Closed today (\(today.name)).") }
        let regular = s.schedules.filter(\.hasHours).map { t($0.summary) }
        if !regular.isEmpty { next.append("Usually: " + regular.joined(separator: "; ")) }

        // Where: the nearest venue.
        var whereLines: [String] = []
        if let venue {
            whereLines.append((placeName != nil && otherVenues > 0 ? "Nearest to you: " : "") + t(venue.location.oneLine))
            if otherVenues > 0 { whereLines.append("It also meets at \(otherVenues) other place\(otherVenues == 1 ? "" : "s"): ask which suits you.") }
        } else if comes { whereLines.append("At your home.") }
        else if !remote.isEmpty { whereLines.append(Handout.list(remote.map { $0 == "phone" ? "By phone" : "Online" }) + ": no need to travel.") }
        else { whereLines.append("Ask where when you call.") }

        // How to get there.
        var getting: [String] = []
        if comes { getting.append("They come to you.") }
        if let venue {
            if let km = venue.km, let placeName { getting.append("From \(placeName): \(Handout.distanceText(km: km)).") }
            if let tr = venue.location.transportation { getting.append(t(tr)) }
            getting += venue.location.accessibility.map { t($0.description) }
        }
        if s.has("transport-provided", in: .transport) || s.has("community-transport", in: .transport) { getting.append("Transport can be arranged: ask when you call.") }
        if venue != nil, getting.isEmpty { getting.append("Ask how to get there when you call.") }

        // What it costs.
        var cost: [String] = []
        let costWords = s.codes(.cost).map(label)
        if let fees = s.fees { cost.append((costWords.isEmpty ? "" : costWords.joined(separator: ", ") + ": ") + t(fees)) }
        else if !s.costOptions.isEmpty {
            cost += s.costOptions.map { o in
                let amount = o.amount.map { o.currency == nil || o.currency == "GBP" ? String(format: "£%.2f", $0) : String(format: "%.2f \(t(o.currency!))", $0) }
                return [o.option.map(t) ?? amount, o.option == nil ? o.amountDescription.map(t) : nil].compactMap { $0 }.joined(separator: " ")
            }.filter { !$0.isEmpty }
        }
        if cost.isEmpty { cost.append(costWords.isEmpty ? "Ask when you call." : costWords.joined(separator: ", ") + ".") }

        // What to have ready.
        var ready: [String] = []
        if gp { ready.append("The name of your GP surgery: your GP needs to refer you first.") }
        if professional { ready.append("The name of a health or care worker who knows you: they need to refer you.") }
        if let ages = s.eligibility.ageSummary { ready.append("Your date of birth (\(ages.prefix(1).lowercased() + ages.dropFirst())).") }
        if s.has("charged", in: .cost) || s.has("low-cost", in: .cost), let fees = s.fees { ready.append("Money for the cost: \(t(fees))") }
        if s.has("carers", in: .audience) || s.has("carer-support", in: .function) { ready.append("A few words about the person you look after and what you do for them.") }
        if s.has("money-benefits", in: .function) { ready.append("Letters about your benefits, bills or debts.") }
        if s.has("housing-support", in: .function) { ready.append("Letters from your landlord or council, if you have them.") }
        if !s.codes(.condition).isEmpty || s.has("clinical-care", in: .function) || s.has("diagnosis-assessment", in: .function) {
            ready.append("Your NHS number if you have it, and a list of the medicines you take.")
        }
        if ready.isEmpty { ready.append("Just this sheet, and a pen to write down who you spoke to.") }

        // What to say: the service, the need in the person's words, where they live, and the next step.
        var contact = s.phones.map { "Ring \(t($0.number))" + ($0.description.map { " (\(t($0)))" } ?? "") }
        if let email = s.email { contact.append("Email \(t(email))") }
        if let url = s.url { contact.append("Web \(t(url))") }
        var say = ["Hello, I'm calling about \(t(s.name))."]
        if let f = functions.codes.first { say.append((Handout.asks[f] ?? "I'd like help with \(label(f).lowercased())") + ".") }
        // A condition is said when it is the person's, or when no needs were given (the service's own).
        if let c = conditions.codes.first, conditions.theirs || needs.isEmpty { say.append("It's about \(label(c).lowercased()).") }
        if let placeName { say.append("I live in \(placeName).") }
        if gp { say.append("What does my GP need to send you?") }
        else if professional { say.append("Who can refer me?") }
        else if let session, !comes {
            let day = "\(LocalDate.weekdayLong[session.start.date.weekday]) \(session.start.date.day) \(LocalDate.monthNames[session.start.date.month - 1])"
            let books = (s.applicationProcess ?? "").lowercased().contains("book")
            say.append(books ? "Can I book a place for \(day)?" : "Can I come on \(day)?")
        } else if comes { say.append("Could someone visit me at home?") }
        else { say.append("How do I start?") }
        var call = contact
        call.append("Say: \"" + say.joined(separator: " ") + "\"")
        // The service's own steps (HSDS application_process), as it numbers them.
        let steps = s.applicationProcess.map { DisplayText.block($0).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []

        return Parts(title: t(s.name) + " — " + t(e.organisation), what: sentences.joined(separator: " "),
                     note: e.note.trimmingCharacters(in: .whitespaces).isEmpty ? nil : t(e.note),
                     sections: [(.why, why), (.next, next), (.where_, whereLines), (.gettingThere, getting), (.cost, cost),
                                (.haveReady, ready), (.call, call), (.steps, steps)].filter { !$0.1.isEmpty })
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
