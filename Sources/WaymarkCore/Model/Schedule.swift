import Foundation

/// When a service is open (HSDS `schedule`): weekly or monthly recurrence with
/// ordinal weekdays such as `1TU` ("first Tuesday"), or free text alone for
/// "by appointment".
public struct Schedule: Codable, Equatable, Sendable {
    public var id: String
    public var freq: Frequency?
    public var interval: Int?
    public var byday: [ByDay]
    public var bymonthday: [Int]
    public var opensAt: TimeOfDay?
    public var closesAt: TimeOfDay?
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    public var dtstart: LocalDate?
    public var description: String?
    /// HSDS `notes`: what the record adds about these times ("Closed on bank holidays",
    /// "Term time only"), shown beside them wherever they are.
    public var notes: String?

    public init(id: String, freq: Frequency? = nil, interval: Int? = nil, byday: [ByDay] = [], bymonthday: [Int] = [],
                opensAt: TimeOfDay? = nil, closesAt: TimeOfDay? = nil, validFrom: LocalDate? = nil,
                validTo: LocalDate? = nil, dtstart: LocalDate? = nil, description: String? = nil, notes: String? = nil) {
        self.id = id
        self.freq = freq
        self.interval = interval
        self.byday = byday
        self.bymonthday = bymonthday
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.validFrom = validFrom
        self.validTo = validTo
        self.dtstart = dtstart
        self.description = description
        self.notes = notes
    }

    public enum Frequency: String, Codable, Sendable {
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
    }

    /// Whether this schedule gives fixed hours (as opposed to "by appointment").
    public var hasHours: Bool { opensAt != nil && (freq != nil || !byday.isEmpty || !bymonthday.isEmpty) }

    /// Whether the schedule still applies on `date` (valid_from and valid_to are inclusive).
    public func isValid(on date: LocalDate) -> Bool {
        if let from = validFrom, date < from { return false }
        if let to = validTo, date > to { return false }
        return true
    }

    /// Whether a session of this schedule starts on `date`: its rule gives the day, and a
    /// weekday service does not run on a bank holiday unless its record says so.
    public func occurs(on date: LocalDate) -> Bool {
        recurs(on: date) && !closedForBankHoliday(on: date)
    }

    /// Whether `date` is a bank holiday on which this schedule's rule would give a session that does not run.
    public func closedForBankHoliday(on date: LocalDate) -> Bool {
        bankHolidays == .closed && BankHolidays.isBankHoliday(date) && recurs(on: date)
    }

    /// Whether the schedule's rule (RRULE, valid dates) gives a session on `date`, bank holidays aside.
    public func recurs(on date: LocalDate) -> Bool {
        guard hasHours, isValid(on: date) else { return false }
        if let start = dtstart, date < start { return false }
        let frequency = freq ?? .weekly
        if let interval, interval > 1, let start = dtstart {
            switch frequency {
            case .weekly:
                let weeks = (date.dayNumber - start.adding(days: -start.weekday).dayNumber) / 7
                if weeks % interval != 0 { return false }
            case .monthly:
                if start.months(until: LocalDate(year: date.year, month: date.month, day: 31)) % interval != 0 { return false }
            }
        }
        if !bymonthday.isEmpty {
            let matchesDay = bymonthday.contains { $0 == date.day || ($0 < 0 && date.daysInMonth + $0 + 1 == date.day) }
            if !matchesDay { return false }
            if byday.isEmpty { return true }
        }
        if byday.isEmpty { return frequency == .weekly }
        return byday.contains { $0.matches(date, monthly: frequency == .monthly) }
    }

    /// The sessions of this schedule that start on `date`, as minute ranges.
    /// A session that closes at or before it opens runs past midnight; 23:59 closing means the end of the day.
    func session(on date: LocalDate) -> (start: Int, end: Int)? {
        guard occurs(on: date), let open = opensAt else { return nil }
        var close = closesAt?.minutes ?? 24 * 60
        if close == 23 * 60 + 59 { close = 24 * 60 }
        if close <= open.minutes { close += 24 * 60 }
        return (open.minutes, close)
    }

    /// The summary and, beside it, what the record's notes add: "Mon–Fri 09:00–17:00 (Term time only)".
    public var summaryWithNotes: String {
        guard let n = notes?.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty else { return summary }
        return "\(summary) (\(n))"
    }

    /// "Mon–Fri 09:00–17:00", "2nd Tue of the month 14:00–16:00", "24 hours, every day".
    public var summary: String {
        guard hasHours, let open = opensAt else { return description ?? "Hours not given" }
        let days = ByDay.summary(byday, monthly: freq == .monthly, monthDays: bymonthday)
        var text: String
        if open.minutes == 0, closesAt?.minutes == 23 * 60 + 59 || closesAt == nil || closesAt?.minutes == 0 {
            text = days == "Every day" ? "24 hours, every day" : "\(days), 24 hours"
        } else {
            text = "\(days) \(open)–\(closesAt.map { "\($0)" } ?? "late")"
        }
        if let from = validFrom, from > LocalDate(year: 1900, month: 1, day: 1) { text += ", from \(from.longText)" }
        if let to = validTo { text += ", until \(to.longText)" }
        return text
    }
}

/// One BYDAY entry: a weekday, with an ordinal for monthly rules (`2TU`, `-1FR`).
public struct ByDay: Codable, Equatable, Sendable, CustomStringConvertible {
    public var ordinal: Int?
    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int

    public init(ordinal: Int? = nil, weekday: Int) {
        self.ordinal = ordinal
        self.weekday = weekday
    }

    static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Parses "TU", "1TU", "-1FR", "+2WE".
    public init?(rrule text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.count >= 2, let day = ByDay.codes.firstIndex(of: String(t.suffix(2))) else { return nil }
        let head = t.dropLast(2)
        if head.isEmpty {
            self.init(weekday: day)
        } else {
            guard let n = Int(head), n != 0, abs(n) <= 5 else { return nil }
            self.init(ordinal: n, weekday: day)
        }
    }

    /// Parses a comma-separated BYDAY list; nil when any entry is malformed.
    public static func parseList(_ text: String) -> [ByDay]? {
        let items = text.split(separator: ",").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var out: [ByDay] = []
        for item in items {
            guard let d = ByDay(rrule: item) else { return nil }
            out.append(d)
        }
        return out
    }

    public var description: String { (ordinal.map(String.init) ?? "") + ByDay.codes[weekday] }

    func matches(_ date: LocalDate, monthly: Bool) -> Bool {
        guard date.weekday == weekday else { return false }
        guard monthly, let n = ordinal else { return true }
        if n > 0 { return (date.day - 1) / 7 + 1 == n }
        return (date.daysInMonth - date.day) / 7 + 1 == -n
    }

    static func summary(_ days: [ByDay], monthly: Bool, monthDays: [Int]) -> String {
        if days.isEmpty {
            if !monthDays.isEmpty { return "Day " + monthDays.map(String.init).joined(separator: ", ") + " of the month" }
            return "Every day"
        }
        if monthly || days.contains(where: { $0.ordinal != nil }) {
            let parts = days.map { d -> String in
                guard let n = d.ordinal else { return "every " + LocalDate.weekdayShort[d.weekday] }
                let ord = n == -1 ? "last" : ["1st", "2nd", "3rd", "4th", "5th"][max(0, min(4, n - 1))]
                return "\(ord) \(LocalDate.weekdayShort[d.weekday])"
            }
            return parts.joined(separator: " and ") + " of the month"
        }
        let set = Set(days.map(\.weekday)).sorted()
        if set == Array(0...6) { return "Every day" }
        // Collapse runs: Mon–Fri, Sat–Sun.
        var runs: [String] = []
        var i = 0
        while i < set.count {
            var j = i
            while j + 1 < set.count, set[j + 1] == set[j] + 1 { j += 1 }
            let a = LocalDate.weekdayShort[set[i]], b = LocalDate.weekdayShort[set[j]]
            runs.append(j - i >= 2 ? "\(a)–\(b)" : (i == j ? a : "\(a), \(b)"))
            i = j + 1
        }
        return runs.joined(separator: ", ")
    }
}

/// A time of day to the minute ("09:30").
public struct TimeOfDay: Codable, Equatable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses "09:30", "09:30:00", "9:30" and "09:30:00Z" style times.
    public init?(iso text: String) {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("Z") { t.removeLast() }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]),
              parts[1].count == 2 else { return nil }
        if parts.count == 3 { guard let s = Double(parts[2]), (0..<60).contains(s) else { return nil } }
        if h == 24, m == 0 { self.init(minutes: 24 * 60 - 1); return }
        guard (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(minutes: h * 60 + m)
    }

    public var description: String { String(format: "%02d:%02d", (minutes / 60) % 24, minutes % 60) }
    public var iso: String { description + ":00" }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = TimeOfDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time: \(text)"))
        }
        self = t
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// Answers about opening hours for a set of schedules.
public struct OpeningHours: Sendable {
    public var schedules: [Schedule]

    public init(_ schedules: [Schedule]) { self.schedules = schedules }

    /// True or false when the service has fixed hours; nil when it has none (by appointment).
    public func isOpen(at now: LocalDateTime) -> Bool? {
        guard schedules.contains(where: \.hasHours) else { return nil }
        for schedule in schedules where schedule.hasHours {
            if let s = schedule.session(on: now.date), s.start <= now.minute, now.minute < s.end { return true }
            // A session from yesterday that runs past midnight.
            if let s = schedule.session(on: now.date.adding(days: -1)), s.end > 24 * 60, now.minute < s.end - 24 * 60 { return true }
        }
        return false
    }

    /// One session: when it starts and ends on the wall clock.
    public struct Session: Equatable, Sendable {
        public var start: LocalDateTime
        public var end: LocalDateTime
        /// "Thursday 3 December 2026, 12:00 to 14:00"
        public var longText: String {
            let day = "\(LocalDate.weekdayLong[start.date.weekday]) \(start.date.longText), \(TimeOfDay(minutes: start.minute))"
            return end.minute == 24 * 60 && end.date == start.date ? day + " to midnight"
                : day + " to \(TimeOfDay(minutes: end.minute))" + (end.date != start.date && end.minute != 0 ? " the next day" : "")
        }
    }

    /// The next session that starts strictly after `now`, looking a little over a year ahead.
    public func nextSession(after now: LocalDateTime) -> Session? {
        for offset in 0...400 {
            let day = now.date.adding(days: offset)
            var best: Session?
            for schedule in schedules {
                guard let s = schedule.session(on: day) else { continue }
                let start = LocalDateTime(date: day, minute: s.start)
                guard start > now, best.map({ start < $0.start }) ?? true else { continue }
                let end = s.end > 24 * 60 ? LocalDateTime(date: day.adding(days: 1), minute: s.end - 24 * 60) : LocalDateTime(date: day, minute: s.end)
                best = Session(start: start, end: end)
            }
            if let best { return best }
        }
        return nil
    }

    /// When the service next opens strictly after `now`, looking a little over a year ahead.
    public func nextOpening(after now: LocalDateTime) -> LocalDateTime? {
        nextSession(after: now)?.start
    }

    /// The bank holiday that closes this service today, when its hours would otherwise give a session today.
    public func closedForBankHoliday(on date: LocalDate) -> BankHolidays.Holiday? {
        guard schedules.contains(where: { $0.closedForBankHoliday(on: date) }) else { return nil }
        return BankHolidays.holiday(on: date)
    }

    /// "open now", "opens today 14:00", "next open Thu 14:00" (within six days), "next open
    /// Thu 31 Dec, 14:00" (further off), "closed today (bank holiday), next open Tue 09:00",
    /// "by appointment", or nil when nothing is known.
    public func status(at now: LocalDateTime) -> String? {
        switch isOpen(at: now) {
        case true?: return "open now"
        case false?:
            let next = nextSession(after: now)?.start
            if closedForBankHoliday(on: now.date) != nil {
                return "closed today (bank holiday)" + (next.map { ", next open \($0.whenText(from: now))" } ?? "")
            }
            if let next {
                if next.date == now.date { return "opens today \(TimeOfDay(minutes: next.minute))" }
                return "next open \(next.whenText(from: now))"
            }
            return "no upcoming opening"
        case nil:
            return schedules.isEmpty ? nil : "by appointment"
        }
    }
}

public extension Service {
    var hours: OpeningHours { OpeningHours(schedules) }

    func isOpen(at instant: Date, in zone: TimeZone = .london) -> Bool? {
        hours.isOpen(at: LocalDateTime(instant, in: zone))
    }

    func nextOpening(after instant: Date, in zone: TimeZone = .london) -> LocalDateTime? {
        hours.nextOpening(after: LocalDateTime(instant, in: zone))
    }
}
