import Foundation

/// Reads fields out of one decoded JSON object, recording a precise issue for
/// every field that is missing, of the wrong type or malformed.
final class RecordReader {
    let object: [String: Any]
    let file: String
    let record: String
    let prefix: String
    /// CSV cells are all text: accept "12" where a number is expected.
    let lenient: Bool
    private let sink: IssueSink

    init(_ object: [String: Any], file: String, record: String, prefix: String = "", lenient: Bool, sink: IssueSink) {
        self.object = object
        self.file = file
        self.record = record
        self.prefix = prefix
        self.lenient = lenient
        self.sink = sink
    }

    func child(_ object: [String: Any], path: String) -> RecordReader {
        RecordReader(object, file: file, record: record, prefix: prefix + path, lenient: lenient, sink: sink)
    }

    func error(_ key: String?, _ message: String) {
        sink.add(ImportIssue(.error, file: file, record: record, path: key.map { prefix + "." + $0 } ?? (prefix.isEmpty ? nil : prefix), message: message))
    }

    func warning(_ key: String?, _ message: String) {
        sink.add(ImportIssue(.warning, file: file, record: record, path: key.map { prefix + "." + $0 } ?? (prefix.isEmpty ? nil : prefix), message: message))
    }

    func has(_ key: String) -> Bool {
        guard let v = object[key] else { return false }
        if v is NSNull { return false }
        if let s = v as? String, s.isEmpty { return false }
        return true
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case let s as String: return "text \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case let n as NSNumber:
            if isBool(n) { return n.boolValue ? "true" : "false" }
            return "number \(n)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "\(type(of: value))"
        }
    }

    static func isBool(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard has(key) else {
            if required { error(key, "is required but missing") }
            return nil
        }
        let value = object[key]!
        if let s = value as? String { return s }
        if lenient, let n = value as? NSNumber, !RecordReader.isBool(n) { return n.stringValue }
        error(key, "expected text, found \(RecordReader.describe(value))")
        return nil
    }

    func int(_ key: String) -> Int? {
        guard has(key) else { return nil }
        let value = object[key]!
        if let n = value as? NSNumber, !RecordReader.isBool(n) {
            let d = n.doubleValue
            if d == d.rounded(), abs(d) < 1e9 { return Int(d) }
        } else if lenient, let s = value as? String, let d = RecordReader.decimal(s), d == d.rounded(), abs(d) < 1e9 {
            return Int(d)
        }
        error(key, "expected a whole number, found \(RecordReader.describe(value))")
        return nil
    }

    func double(_ key: String) -> Double? {
        guard has(key) else { return nil }
        let value = object[key]!
        if let n = value as? NSNumber, !RecordReader.isBool(n), n.doubleValue.isFinite { return n.doubleValue }
        if lenient, let s = value as? String, let d = RecordReader.decimal(s), d.isFinite { return d }
        error(key, "expected a number, found \(RecordReader.describe(value))")
        return nil
    }

    /// A number written in text (a CSV cell) as people write them: decimal digits, an optional
    /// sign, point and exponent. Swift's `Double("0x10")` is 16 and `Double("nan")` is NaN;
    /// neither is what a spreadsheet meant, so both are refused.
    static func decimal(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              t.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        return Double(t)
    }

    func date(_ key: String) -> LocalDate? {
        guard let text = string(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            error(key, "\"\(text)\" is not a date; write it as YYYY-MM-DD")
            return nil
        }
        return date
    }

    func time(_ key: String) -> TimeOfDay? {
        guard let text = string(key) else { return nil }
        guard let t = TimeOfDay(iso: text) else {
            error(key, "\"\(text)\" is not a time of day; write it as HH:MM or HH:MM:SS")
            return nil
        }
        return t
    }

    func email(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard text.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil else {
            error(key, "\"\(text)\" is not an email address")
            return nil
        }
        return text
    }

    func url(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard let u = URL(string: text), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = u.host, !host.isEmpty else {
            error(key, "\"\(text)\" is not a web address; it must start with http:// or https://")
            return nil
        }
        return text
    }

    /// An absolute URI, as JSON Schema's `uri` format asks: a scheme, a colon, no spaces.
    func uri(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"#, options: .regularExpression) != nil else {
            error(key, "\"\(text)\" is not a URI; it must be absolute, such as https://example.org/openapi.json")
            return nil
        }
        return text
    }

    /// An RFC 3339 date-time with its zone, as the schemas' `date-time` format asks.
    func dateTime(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            error(key, "\"\(text)\" is not a date-time; write it with a time and zone, such as 2023-03-15T10:30:45Z")
            return nil
        }
        return text
    }

    /// The schemas give every id the `uuid` format; Waymark keeps other ids, but says that other systems may not.
    func checkUUID(_ id: String, key: String = "id") {
        let pattern = #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#
        if id.range(of: pattern, options: .regularExpression) == nil {
            warning(key, "\"\(id.count > 40 ? String(id.prefix(40)) + "…" : id)\" is not a UUID, which the Open Referral schemas ask for; Waymark keeps it, but other systems may refuse it")
        }
    }

    func objects(_ key: String) -> [(RecordReader, Int)] {
        guard has(key) else { return [] }
        guard let list = object[key] as? [Any] else {
            error(key, "expected a list, found \(RecordReader.describe(object[key]!))")
            return []
        }
        var out: [(RecordReader, Int)] = []
        for (i, item) in list.enumerated() {
            guard let dict = item as? [String: Any] else {
                error("\(key)[\(i)]", "expected an object, found \(RecordReader.describe(item))")
                continue
            }
            out.append((child(dict, path: ".\(key)[\(i)]"), i))
        }
        return out
    }

    func object(_ key: String) -> RecordReader? {
        guard has(key) else { return nil }
        guard let dict = object[key] as? [String: Any] else {
            error(key, "expected an object, found \(RecordReader.describe(object[key]!))")
            return nil
        }
        return child(dict, path: ".\(key)")
    }

    /// An id for a nested record; HSDS requires one, but a missing one is made up rather than losing the record.
    func id(fallback: String) -> String {
        if let id = string("id") { checkUUID(id); return id }
        warning("id", "is missing; Waymark made one up (\(fallback))")
        return fallback
    }
}

/// Collects issues from every reader of one import.
final class IssueSink {
    /// Past this many, warnings are counted, not kept: a feed of a million records with a few
    /// warnings each would otherwise hold (and print) millions, and memory would grow with the file.
    static let keptWarnings = 1000
    private(set) var issues: [ImportIssue] = []
    private var warningsKept = 0
    private(set) var omittedWarnings = 0

    func add(_ issue: ImportIssue) {
        if issue.severity == .warning {
            guard warningsKept < Self.keptWarnings else { omittedWarnings += 1; return }
            warningsKept += 1
        }
        issues.append(issue)
    }

    /// Where the sink is, to drop what a file said when the file is refused whole.
    var mark: (issues: Int, kept: Int, omitted: Int) { (issues.count, warningsKept, omittedWarnings) }

    func rewind(to mark: (issues: Int, kept: Int, omitted: Int)) {
        issues.removeSubrange(mark.issues...)
        warningsKept = mark.kept
        omittedWarnings = mark.omitted
    }
}

func shortID(_ id: String) -> String { id.count > 8 ? String(id.prefix(8)) + "…" : id }
