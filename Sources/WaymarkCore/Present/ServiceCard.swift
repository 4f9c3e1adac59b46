import Foundation

/// A service as plain text, in the order a navigator reads it: what it is, who
/// it is for, how to get it, when and where, who to contact.
/// Everything from data passes through `DisplayText`, so no escape sequence reaches a terminal.
public struct ServiceCard {
    public let taxonomy: Taxonomy
    public let today: LocalDate
    public let now: LocalDateTime

    public init(taxonomy: Taxonomy, now: LocalDateTime) {
        self.taxonomy = taxonomy
        self.now = now
        self.today = now.date
    }

    /// Months since the record was last checked, when that is more than 12.
    public static func staleMonths(_ s: Service, today: LocalDate) -> Int? {
        s.assuredDate.flatMap { staleMonths(assured: $0, today: today) }
    }

    /// The one rule for a stale record: more than 12 whole months since it was verified.
    public static func staleMonths(assured: LocalDate, today: LocalDate) -> Int? {
        let m = assured.months(until: today)
        return m > 12 ? m : nil
    }

    /// The card as plain lines, for text output.
    public func sections(_ s: Service, organisation: String?) -> [(title: String, lines: [String])] {
        typedSections(s, organisation: organisation).map { ($0.title, $0.lines.map(\.text)) }
    }

    /// The card with each line's kind, so a view colours a warning because it is one, not by its first words.
    public func typedSections(_ s: Service, organisation: String?) -> [(title: String, lines: [CardLine])] {
        let t = DisplayText.line
        var out: [(String, [CardLine])] = []
        var head = [CardLine(t(s.name), .title), CardLine("by " + t(organisation ?? "an unknown provider"))]
        if s.status != .active { head.append(CardLine("Status: " + s.status.rawValue, .warning)) }
        if let alert = s.alert { head.append(CardLine("Alert: " + t(alert), .warning)) }
        out.append(("", head))
        out.append(("About", [DisplayText.block(s.description)].map { CardLine($0) }))
        out.append(("Who it is for", s.whoCanUse(taxonomy).map(t).map { CardLine($0) }))
        out.append(("Areas served", ([s.areasServed(taxonomy).map(t).joined(separator: ", ")].filter { !$0.isEmpty }).map { CardLine($0) }))
        var how: [String] = []
        if let steps = s.applicationProcess { how.append(DisplayText.block(steps)) }
        let referral = s.codes(.referral).map { taxonomy.label($0) }
        if !referral.isEmpty { how.append("Referral: " + referral.joined(separator: "; ")) }
        out.append(("How to get it", how.map { CardLine($0) }))
        var cost = s.codes(.cost).map { taxonomy.label($0) }
        if let fees = s.fees { cost.append(t(fees)) }
        if !cost.isEmpty { out.append(("Cost", cost.map { CardLine($0) })) }
        var hours = s.schedules.map { t($0.summaryWithNotes) }
        if let status = s.hours.status(at: now) { hours.insert(status.prefix(1).uppercased() + status.dropFirst(), at: 0) }
        var hourLines = hours.map { CardLine($0) }
        if s.hours.isOpen(at: now) == true, !hourLines.isEmpty { hourLines[0].kind = .good }
        if !hours.isEmpty { out.append(("Hours", hourLines)) }
        var contact: [String] = s.phones.map { "Phone " + t($0.number) + ($0.description.map { " (" + t($0) + ")" } ?? "") }
        if let e = s.email { contact.append("Email " + t(e)) }
        if let u = s.url { contact.append("Web " + t(u)) }
        contact += s.contacts.compactMap { c in c.name.map { "Ask for " + t($0) + (c.title.map { ", " + t($0) } ?? "") } }
        if !contact.isEmpty { out.append(("Contact", contact.map { CardLine($0) })) }
        var places: [String] = []
        for l in s.physicalLocations {
            places.append(t(l.oneLine))
            if let tr = l.transportation { places.append("  Getting there: " + t(tr)) }
            for a in l.accessibility { places.append("  Access: " + t(a.description)) }
        }
        let ways = s.codes(.transport).filter { ["home-visit", "phone", "online"].contains($0) }.map { taxonomy.label($0) }
        if !ways.isEmpty { places.append(ways.joined(separator: ", ")) }
        if !places.isEmpty { out.append(("Where", places.map { CardLine($0) })) }
        var tags: [String] = []
        for v in [Vocabulary.condition, .function, .transport, .audience] {
            let codes = s.codes(v)
            if !codes.isEmpty { tags.append(codes.map { taxonomy.label($0) }.joined(separator: ", ")) }
        }
        let unknown = taxonomy.unknownTerms(of: s).map { t($0.name ?? $0.code) }
        if !unknown.isEmpty { tags.append("Other: " + unknown.joined(separator: ", ")) }
        if !tags.isEmpty { out.append(("Tags", tags.map { CardLine($0) })) }
        var checked = [CardLine(s.assuredDate.map { "Last verified \($0.longText)" } ?? "Never verified")]
        if let m = ServiceCard.staleMonths(s, today: today) { checked.append(CardLine("Last checked \(m) months ago: confirm details before referring", .warning)) }
        out.append(("Record", checked + [CardLine("id " + t(s.id))]))
        return out
    }

    public func render(_ s: Service, organisation: String?, width: Int = 78) -> String {
        var lines: [String] = []
        for (title, body) in sections(s, organisation: organisation) where !body.isEmpty {
            if !title.isEmpty { lines.append(""); lines.append(title.uppercased()) }
            for b in body { lines += Wrap.lines(b, width: width) }
        }
        return lines.joined(separator: "\n")
    }
}

/// One line of a service card and what kind of line it is.
public struct CardLine: Equatable, Sendable {
    public enum Kind: Sendable { case title, body, warning, good }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .body) {
        self.text = text
        self.kind = kind
    }
}
