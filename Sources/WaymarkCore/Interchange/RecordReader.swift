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
        // Text and containers before NSNull: testing a Swift array or dictionary against a
        // Foundation class bridges it whole first (on Linux), which was 7% of an import.
        switch v {
        case let s as String: return !s.isEmpty
        case is [Any], is [String: Any]: return true
        default: return !(v is NSNull)
        }
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case let s as String:
            // Sanitised before it is cut: a cut inside an escape sequence would leave it open, and
            // the sanitiser would then swallow the rest of the message with it.
            let shown = DisplayText.line(s)
            return "text \"\(shown.count > 40 ? String(shown.prefix(40)) + "…" : shown)\""
        case let n as NSNumber:
            if isBool(n) { return n.boolValue ? "true" : "false" }
            return "number \(n)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "\(type(of: value))"
        }
    }

    static func isBool(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    // Types, required fields, formats and closed lists are the official schemas' to check
    // (`ReadState.passesSchema`, before a record is read), and a record that breaks them is never
    // read here. What is left for these readers is what the schemas do not say: a value under a
    // name the schema does not type (an older alias), or text Waymark cannot use. Those are
    // warnings, and the value is left out of Waymark's model (the source record keeps it).

    func string(_ key: String) -> String? {
        guard has(key) else { return nil }
        let value = object[key]!
        if let s = value as? String { return s }
        if lenient, let n = value as? NSNumber, !RecordReader.isBool(n) { return n.stringValue }
        warning(key, "is \(RecordReader.describe(value)), not text; left out")
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
        warning(key, "is \(RecordReader.describe(value)), not a whole number Waymark can use; left out")
        return nil
    }

    func double(_ key: String) -> Double? {
        guard has(key) else { return nil }
        let value = object[key]!
        if let n = value as? NSNumber, !RecordReader.isBool(n), n.doubleValue.isFinite { return n.doubleValue }
        if lenient, let s = value as? String, let d = RecordReader.decimal(s), d.isFinite { return d }
        warning(key, "is \(RecordReader.describe(value)), not a number; left out")
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

    /// The schemas type dates as plain text; Waymark needs YYYY-MM-DD to use one.
    func date(_ key: String) -> LocalDate? {
        guard let text = string(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            warning(key, "\"\(text)\" is not a date Waymark can read (YYYY-MM-DD); left out of Waymark's view, kept for export")
            return nil
        }
        return date
    }

    /// The schemas type times as plain text; Waymark needs HH:MM or HH:MM:SS to show opening hours.
    func time(_ key: String) -> TimeOfDay? {
        guard let text = string(key) else { return nil }
        guard let t = TimeOfDay(iso: text) else {
            warning(key, "\"\(text)\" is not a time of day Waymark can read (HH:MM or HH:MM:SS); left out of the opening hours, kept for export")
            return nil
        }
        return t
    }

    /// The schemas' email format asks only for an @; Waymark offers an address to write to only
    /// when it looks like one (name@domain.tld).
    func email(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard text.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil else {
            warning(key, "\"\(text)\" is not an email address Waymark can offer (name@domain); left out of Waymark's view, kept for export")
            return nil
        }
        return text
    }

    /// The schemas' uri format takes any absolute URI; Waymark links only to web pages.
    func url(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard let u = URL(string: text), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = u.host, !host.isEmpty else {
            warning(key, "\"\(text)\" is not a web address (http:// or https://); left out of Waymark's view, kept for export")
            return nil
        }
        return text
    }

    func objects(_ key: String) -> [(RecordReader, Int)] {
        guard has(key) else { return [] }
        guard let list = object[key] as? [Any] else {
            warning(key, "is \(RecordReader.describe(object[key]!)), not a list; left out")
            return []
        }
        var out: [(RecordReader, Int)] = []
        for (i, item) in list.enumerated() {
            guard let dict = item as? [String: Any] else {
                warning("\(key)[\(i)]", "is \(RecordReader.describe(item)), not an object; left out")
                continue
            }
            out.append((child(dict, path: ".\(key)[\(i)]"), i))
        }
        return out
    }

    func object(_ key: String) -> RecordReader? {
        guard has(key) else { return nil }
        guard let dict = object[key] as? [String: Any] else {
            warning(key, "is \(RecordReader.describe(object[key]!)), not an object; left out")
            return nil
        }
        return child(dict, path: ".\(key)")
    }

    /// An id for a nested record; where a schema does not require one, a missing one is made up
    /// rather than losing the record. (Its shape, uuid or not, is the schema's to check.)
    func id(fallback: String) -> String {
        if let id = string("id") { return id }
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
    /// Warnings a later one about the same field replaces, by where they are in `issues`.
    private var provisional: [String: Int] = [:]

    /// `provisional`: a note that gives way to a later warning about the same file, record and
    /// field (the full schema's word on a page item yields to the decoder's, which says what
    /// Waymark did with the value), so each field is told once.
    func add(_ issue: ImportIssue, provisional isProvisional: Bool = false) {
        // The key is made only while a provisional warning is waiting, or for one that will wait.
        let key = issue.severity == .warning && (isProvisional || !provisional.isEmpty)
            ? "\(issue.file)\u{0}\(issue.record ?? "")\u{0}\(issue.path ?? "")" : nil
        if let key, let at = provisional.removeValue(forKey: key) {
            issues[at] = issue
            return
        }
        if issue.severity == .warning {
            guard warningsKept < Self.keptWarnings else { omittedWarnings += 1; return }
            warningsKept += 1
        }
        if isProvisional, let key { provisional[key] = issues.count }
        issues.append(issue)
    }

    /// Where the sink is, to drop what a file said when the file is refused whole.
    var mark: (issues: Int, kept: Int, omitted: Int) { (issues.count, warningsKept, omittedWarnings) }

    func rewind(to mark: (issues: Int, kept: Int, omitted: Int)) {
        issues.removeSubrange(mark.issues...)
        provisional = provisional.filter { $0.value < mark.issues }
        warningsKept = mark.kept
        omittedWarnings = mark.omitted
    }
}

func shortID(_ id: String) -> String { id.count > 8 ? String(id.prefix(8)) + "…" : id }
