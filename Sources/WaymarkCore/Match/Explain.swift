import Foundation

/// Stage 6 of matching: the facts a navigator needs about each suggestion (reasons) and what
/// may stand in the way (cautions). How the words were read is said once, in "understood".
struct Explainer {
    let index: SearchIndex
    let now: LocalDateTime

    /// `service`, when given, is `doc` already decoded.
    func reasons(_ doc: Int, service: Service? = nil, covered: [Int], needs: [Need], transport: NeedsProfile.Transport?, remoteOK: Bool, distance: Double?, from point: Coordinate? = nil) -> [String] {
        let s = service ?? index.services[doc]
        let taxonomy = index.taxonomy
        var out: [String] = []
        let firm = covered.filter { needs[$0].from != .inferred }.map { taxonomy.label(needs[$0].code).lowercased() }
        let hinted = covered.filter { needs[$0].from == .inferred }.map { taxonomy.label(needs[$0].code).lowercased() }
        if needs.count > 1, !firm.isEmpty { out.append("meets: " + firm.joined(separator: ", ")) }
        if !hinted.isEmpty { out.append("also offers " + hinted.joined(separator: ", ")) }
        if s.has("home-visit", in: .transport) { out.append("comes to your home") }
        if s.has("phone", in: .transport) && (remoteOK || transport == .housebound) { out.append("by phone") }
        if s.has("online", in: .transport) && (remoteOK || transport == .housebound) { out.append("online") }
        if let when = Explainer.whenAndWhere(s, from: point, distance: distance) { out.append(when) }
        if transport == .bus || transport == .noCar {
            if s.has("bus-route", in: .transport) { out.append("on a bus route") }
            if s.has("transport-provided", in: .transport) || s.has("community-transport", in: .transport) { out.append("transport can be arranged") }
        }
        if s.has("free", in: .cost) { out.append("free") }
        if s.has("self-referral", in: .referral) { out.append("you can refer yourself") }
        if s.hours.isOpen(at: now) == true { out.append("open now") }
        return out
    }

    /// Words in a service's own text that mean people can turn up without booking.
    static let dropInWords = ["drop-in", "drop in", "just turn up", "just come along", "no need to book"]
    /// How many regular sessions a reason names before "and more".
    static let sessionsNamed = 2
    /// Straight-line walking pace, and how far a walk is worth naming in minutes (about a mile).
    static let walkingKmPerHour = 4.8
    static let walkNamedUpToKm = 1.6

    /// A service people can walk into: its name, description or steps say so.
    /// Bytes, as `Matcher.isSpecialist` searches: through NSString this search was a third of
    /// explaining a match (`perf`, 2026-12-07). The words are ASCII.
    static func isDropIn(_ s: Service) -> Bool {
        var text = [s.name, s.description, s.applicationProcess ?? ""].joined(separator: " ").lowercased()
        return text.withUTF8 { bytes in dropInBytes.contains { Matcher.contains(bytes, $0) } }
    }
    static let dropInBytes = dropInWords.map { Array($0.utf8) }

    /// "12 min walk, 0.9 km" within a walk; "3.2 km" beyond.
    static func distanceText(_ km: Double) -> String {
        guard km <= walkNamedUpToKm else { return String(format: "%.1f km", km) }
        let minutes = max(1, Int((km / walkingKmPerHour * 60).rounded()))
        return "\(minutes) min walk, " + String(format: "%.1f km", km)
    }

    /// When and where, as a navigator says it: "drop-in Tue, Thu 10:00–15:00 in Keynsham,
    /// 5 min walk, 0.4 km". The regular sessions (`Schedule.summary`), the town of the venue
    /// nearest the person, and how far. Nil when none of these is known.
    static func whenAndWhere(_ s: Service, from point: Coordinate?, distance: Double?) -> String? {
        let comes = s.has("home-visit", in: .transport)
        let sessions = s.schedules.filter(\.hasHours).map { DisplayText.line($0.summary) }
        var when = sessions.prefix(sessionsNamed).joined(separator: "; ")
        if sessions.count > sessionsNamed { when += " and more" }
        let venue = comes ? nil : s.nearestVenue(to: point)
        let town = venue?.location.address?.city.map(DisplayText.line)
        var parts: [String] = []
        if isDropIn(s), venue != nil { parts.append(when.isEmpty ? "drop-in" : "drop-in " + when) } else if !when.isEmpty { parts.append(when) }
        if let town { parts.append("in " + town) }
        var text = parts.joined(separator: " ")
        if !comes, let km = distance ?? venue?.km { text += (text.isEmpty ? "" : ", ") + distanceText(km) }
        return text.isEmpty ? nil : text
    }

    /// A reason on every one of the first rows says nothing about any of them: it is taken off
    /// the rows and said once. Needs met stay, as they tell the rows apart when there are several.
    static let commonReasonRows = 3
    static func liftCommon(_ suggestions: [Suggestion]) -> (rows: [Suggestion], common: [String]) {
        let shown = suggestions.prefix(Diversifier.topTen)
        guard shown.count >= commonReasonRows, let first = shown.first else { return (suggestions, []) }
        let common = first.reasons.filter { r in !r.hasPrefix("meets:") && shown.allSatisfy { $0.reasons.contains(r) } }
        guard !common.isEmpty else { return (suggestions, []) }
        let rows = suggestions.map { s in
            Suggestion(doc: s.doc, rank: s.rank, score: s.score, distanceKm: s.distanceKm, covers: s.covers,
                       reasons: s.rank <= Diversifier.topTen ? s.reasons.filter { !common.contains($0) } : s.reasons, cautions: s.cautions)
        }
        return (rows, common)
    }

    func cautions(_ doc: Int, service: Service? = nil, burden: Double, distance: Double?, transport: NeedsProfile.Transport?) -> [String] {
        let s = service ?? index.services[doc]
        var out: [String] = []
        let referral = s.codes(.referral)
        if !referral.contains("self-referral") {
            if referral.contains("gp-referral") { out.append("needs a GP referral") }
            else if referral.contains("professional-referral") { out.append("needs a referral from a health or care worker") }
        }
        if let m = index.staleMonths(doc, today: now.date) { out.append("last checked \(m) months ago") }
        if s.has("charged", in: .cost) { out.append("charged" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        else if s.has("low-cost", in: .cost) { out.append("small charge" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        if transport == .housebound, burden >= 0.8 { out.append("meets at a venue: they would need to get there") }
        else if burden >= 0.8, let d = distance { out.append(String(format: "%.0f km away: hard to reach without a car", d)) }
        if index.hoursHaveEnded(doc, before: now.date) { out.append("no upcoming sessions listed") }
        if let alert = s.alert { out.append(DisplayText.line(alert)) }
        return out
    }
}
