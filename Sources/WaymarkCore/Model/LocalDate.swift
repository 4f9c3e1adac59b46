import Foundation

/// A calendar date with no time zone, as HSDS writes `assured_date` and `valid_to`.
///
/// Date arithmetic is done on day numbers (days since 1970-01-01) with Howard
/// Hinnant's civil-calendar algorithms: exact, fast, and free of Calendar's locale state.
public struct LocalDate: Codable, Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" (a time part after it, as some feeds send, is ignored).
    public init?(iso text: String) {
        let head = text.prefix(10)
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard head.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var daysInMonth: Int { LocalDate.daysIn(month: month, year: year) }

    /// Whole months from this date to `later`, counting a month only when its day is reached.
    public func months(until later: LocalDate) -> Int {
        var months = (later.year - year) * 12 + (later.month - month)
        if later.day < day { months -= 1 }
        return months
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// "3 March 2027"
    public var longText: String { "\(day) \(LocalDate.monthNames[month - 1]) \(year)" }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
    public static let monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    public static let weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    public static let weekdayLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A moment on the wall clock in Bath: a date and minutes after midnight.
public struct LocalDateTime: Equatable, Comparable, Sendable, CustomStringConvertible {
    public var date: LocalDate
    public var minute: Int

    public init(date: LocalDate, minute: Int) {
        self.date = date
        self.minute = minute
    }

    /// The wall-clock time in `zone` at `instant`.
    public init(_ instant: Date, in zone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        self.init(date: LocalDate(dayNumber: days), minute: (seconds - days * 86_400) / 60)
    }

    /// The instant this wall-clock time names in `zone`.
    public func instant(in zone: TimeZone) -> Date {
        let local = Double(date.dayNumber * 86_400 + minute * 60)
        let guess = Date(timeIntervalSince1970: local)
        return Date(timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: guess)))
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date.dayNumber, a.minute) < (b.date.dayNumber, b.minute)
    }

    /// "Tue 10:00"
    public var shortText: String {
        "\(LocalDate.weekdayShort[date.weekday]) \(TimeOfDay(minutes: minute))"
    }

    /// How to say this time to someone at `now`: "today 14:00", "Thu 14:00" within six days
    /// (one weekday name cannot be mistaken then), else with the date, "Thu 31 Dec, 14:00",
    /// and the year too when it is more than half a year off in another year.
    public func whenText(from now: LocalDateTime) -> String {
        let days = date.dayNumber - now.date.dayNumber
        let time = TimeOfDay(minutes: minute)
        if days == 0 { return "today \(time)" }
        if (1...6).contains(days) { return shortText }
        let year = date.year != now.date.year && abs(days) > 183 ? " \(date.year)" : ""
        return "\(LocalDate.weekdayShort[date.weekday]) \(date.day) \(LocalDate.monthShort[date.month - 1])\(year), \(time)"
    }

    public var description: String { "\(date) \(TimeOfDay(minutes: minute))" }
}

public extension TimeZone {
    /// Opening hours in the directory are Bath's wall clock.
    static let london = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
}
