import Foundation

/// The `format` values the official schemas use, checked as python-jsonschema's `FormatChecker`
/// checks them (jsonschema 4.26 with `jsonschema[format]`: rfc3987, rfc3339-validator), so that
/// Waymark and the official validator give the same verdict on the same text. A format the
/// checker does not know (`csv` and the like) is an annotation and checks nothing, as there.
/// Only text is checked: a number where a format is asked is the `type` keyword's business.
public enum SchemaFormat: String, CaseIterable, Sendable {
    case uuid, uri, email
    case dateTime = "date-time"
    case date

    public func accepts(_ text: String) -> Bool {
        switch self {
        case .email: return text.contains("@") // jsonschema's is_email: `"@" in instance`, nothing more
        case .uuid: return Self.isUUID(text)
        case .uri: return Self.isURI(text)
        case .dateTime: return Self.isDateTime(text)
        case .date: return Self.isDate(text)
        }
    }

    /// What a user is told to write instead.
    var example: String {
        switch self {
        case .uuid: "a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6"
        case .uri: "an absolute URI such as https://example.org/page"
        case .email: "an email address (it needs an @)"
        case .dateTime: "an RFC 3339 date-time with its zone, such as 2023-03-15T10:30:45Z"
        case .date: "a date written YYYY-MM-DD"
        }
    }

    // MARK: uuid

    /// jsonschema's `is_uuid`: `UUID(instance)` must succeed, and the original text must have a hyphen
    /// at code points 8, 13, 18 and 23. Python's `UUID(hex)` removes every "urn:" and then every
    /// "uuid:", strips braces from both ends, removes every hyphen, wants 32 code points left and
    /// parses them with `int(…, 16)`, which allows spaces around, a sign, a 0x prefix, single
    /// underscores between digits and any Unicode decimal digit. So "+2345678-1234-…" passes, and
    /// "{…}" and "urn:uuid:…" fail (their hyphens are not at 8, 13, 18, 23).
    static func isUUID(_ text: String) -> Bool {
        if isCanonicalUUID(text) { return true }
        let scalars = Array(text.unicodeScalars)
        var hex = removing(Array("uuid:".unicodeScalars), from: removing(Array("urn:".unicodeScalars), from: scalars))[...]
        while let c = hex.first, c == "{" || c == "}" { hex.removeFirst() }
        while let c = hex.last, c == "{" || c == "}" { hex.removeLast() }
        let digits = hex.filter { $0 != "-" }
        guard digits.count == 32, pythonHexInt(digits) else { return false }
        return [8, 13, 18, 23].allSatisfy { $0 < scalars.count && scalars[$0] == "-" }
    }

    /// 8-4-4-4-12 hex digits: what nearly every id is, and what Python's check accepts, without its detours.
    private static func isCanonicalUUID(_ text: String) -> Bool {
        var count = 0
        for (i, b) in text.utf8.enumerated() {
            count += 1
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else if !((0x30...0x39).contains(b) || (0x61...0x66).contains(b | 0x20)) {
                return false
            }
        }
        return count == 36
    }

    /// Python's `str.replace(needle, "")`: every occurrence, left to right, without overlaps.
    private static func removing(_ needle: [Unicode.Scalar], from text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [], i = 0
        while i < text.count {
            if i + needle.count <= text.count, text[i..<(i + needle.count)].elementsEqual(needle) { i += needle.count; continue }
            out.append(text[i]); i += 1
        }
        return out
    }

    /// Whether Python's `int(text, 16)` accepts these code points.
    private static func pythonHexInt(_ scalars: [Unicode.Scalar]) -> Bool {
        // int() first maps Unicode spaces to " " and Unicode decimal digits to ASCII ones.
        let mapped: [UInt8?] = scalars.map { s in
            if s.isASCII { return UInt8(s.value) }
            if pythonSpaces.contains(s.value) { return 0x20 }
            if s.properties.numericType == .decimal, let v = s.properties.numericValue { return UInt8(0x30 + Int(v)) }
            return nil
        }
        guard !mapped.contains(nil) else { return false }
        var b = mapped.map { $0! }[...]
        // PyLong_FromString skips Py_ISSPACE only: space, \t \n \v \f \r.
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        while let c = b.first, isSpace(c) { b.removeFirst() }
        while let c = b.last, isSpace(c) { b.removeLast() }
        if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { b.removeFirst() }
        var afterPrefix = false
        if b.count >= 2, b[b.startIndex] == UInt8(ascii: "0"), b[b.startIndex + 1] | 0x20 == UInt8(ascii: "x") {
            b.removeFirst(2)
            afterPrefix = true
        }
        let isHex: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x61...0x66).contains($0 | 0x20) }
        // Digits, with single underscores between them (and one straight after a 0x prefix).
        var previousWasDigit = afterPrefix, sawDigit = false
        for c in b {
            if c == UInt8(ascii: "_") {
                guard previousWasDigit else { return false }
                previousWasDigit = false
            } else if isHex(c) {
                previousWasDigit = true
                sawDigit = true
            } else {
                return false
            }
        }
        return sawDigit && previousWasDigit
    }

    /// `Py_UNICODE_ISSPACE` beyond ASCII: what `int()` treats as white space.
    private static let pythonSpaces: Set<UInt32> = [
        0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
        0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ]

    // MARK: uri

    /// rfc3987's `parse(instance, rule="URI")`: RFC 3986's URI rule as one regular expression, the
    /// pieces named as rfc3987 names them. Python's `$` also matches before a final "\n", so one
    /// trailing newline is allowed, as there.
    static func isURI(_ text: String) -> Bool {
        if fullMatch(uriPattern, text) { return true }
        guard text.unicodeScalars.last == "\n" else { return false }
        var body = text.unicodeScalars
        body.removeLast()
        return fullMatch(uriPattern, String(body))
    }

    private static let uriPattern: NSRegularExpression = {
        let hexdig = "[0-9A-Fa-f]"
        let unreserved = "[a-zA-Z0-9_.~-]", pct = "%\(hexdig){2}", sub = "[!$&'()*+,;=]"
        let pchar = "(?:\(unreserved)|\(pct)|\(sub)|:|@)"
        let segment = "\(pchar)*", segmentNZ = "\(pchar)+"
        let decOctet = "(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)"
        let ipv4 = "(?:\(decOctet)\\.){3}\(decOctet)"
        let h16 = "\(hexdig){1,4}", ls32 = "(?:\(h16):\(h16)|\(ipv4))"
        let ipv6 = "(?:" + [
            "(?:\(h16):){6}\(ls32)",
            "::(?:\(h16):){5}\(ls32)",
            "(?:\(h16))?::(?:\(h16):){4}\(ls32)",
            "(?:(?:\(h16):)?\(h16))?::(?:\(h16):){3}\(ls32)",
            "(?:(?:\(h16):){0,2}\(h16))?::(?:\(h16):){2}\(ls32)",
            "(?:(?:\(h16):){0,3}\(h16))?::(?:\(h16):)\(ls32)",
            "(?:(?:\(h16):){0,4}\(h16))?::\(ls32)",
            "(?:(?:\(h16):){0,5}\(h16))?::\(h16)",
            "(?:(?:\(h16):){0,6}\(h16))?::",
        ].joined(separator: "|") + ")"
        let ipFuture = "v\(hexdig)+\\.(?:\(unreserved)|\(sub)|:)+"
        let host = "(?:\\[(?:\(ipv6)|\(ipFuture))\\]|\(ipv4)|(?:\(unreserved)|\(pct)|\(sub))*)"
        let authority = "(?:(?:\(unreserved)|\(pct)|\(sub)|:)*@)?\(host)(?::[0-9]*)?"
        let hierPart = "(?://\(authority)(?:/\(segment))*|/(?:\(segmentNZ)(?:/\(segment))*)?|\(segmentNZ)(?:/\(segment))*|)"
        let query = "(?:\(pchar)|/|\\?)*"
        let pattern = "^[a-zA-Z][a-zA-Z0-9+.-]*:\(hierPart)(?:\\?\(query))?(?:#\(query))?$"
        return try! NSRegularExpression(pattern: pattern)
    }()

    // MARK: date-time and date

    /// rfc3339-validator's `validate_rfc3339(instance.upper())`: the pattern below (ASCII digits),
    /// a year that is not 0, and a day that the month has. Its `$` allows one final "\n".
    static func isDateTime(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard let m = firstMatch(dateTimePattern, upper) else { return false }
        return validDay(m, in: upper)
    }

    private static let dateTimePattern = try! NSRegularExpression(pattern:
        "^([0-9]{4})-(0[1-9]|1[0-2])-([0-9]{2})T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])(?:\\n)?\\z")

    /// jsonschema's `is_date`: exactly YYYY-MM-DD in ASCII digits, and a real day (`date.fromisoformat`).
    static func isDate(_ text: String) -> Bool {
        guard let m = firstMatch(datePattern, text) else { return false }
        return validDay(m, in: text)
    }

    private static let datePattern = try! NSRegularExpression(pattern: "^([0-9]{4})-([0-9]{2})-([0-9]{2})\\z")

    private static func validDay(_ m: NSTextCheckingResult, in text: String) -> Bool {
        let ns = text as NSString
        guard let year = Int(ns.substring(with: m.range(at: 1))), let month = Int(ns.substring(with: m.range(at: 2))),
              let day = Int(ns.substring(with: m.range(at: 3))), year >= 1, (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    private static func firstMatch(_ regex: NSRegularExpression, _ text: String) -> NSTextCheckingResult? {
        regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: (text as NSString).length))
    }

    private static func fullMatch(_ regex: NSRegularExpression, _ text: String) -> Bool {
        let length = (text as NSString).length
        guard let m = regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: length)) else { return false }
        return m.range.location == 0 && m.range.length == length
    }
}
