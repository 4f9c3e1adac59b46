/// A linear pass over JSON text, before `JSONSerialization`, for what that parser
/// accepts or reports badly: a trailing comma (accepted), NaN and Infinity, a number too
/// big for a Double (given only as a character offset) and a lone UTF-16 surrogate
/// ("the file ends too soon"). It names where the problem is as a path
/// ("contents[3]" and ".minimum_age"), so the message can name the record and field.
/// Anything else it does not understand it leaves to the real parser.
struct JSONPreScan {
    struct Problem: Equatable {
        /// The record: the path to the item in the top-level list ("contents[3]", "[0]"), or nil at the top.
        var record: String?
        /// The field inside it (".schedules[0].byday"), or nil.
        var field: String?
        var message: String
    }

    private enum Frame {
        case array(index: Int)
        case object(key: String?)
    }

    private let bytes: [UInt8]
    private var i = 0
    private var stack: [Frame] = []

    static func problem(in data: [UInt8]) -> Problem? {
        var scan = JSONPreScan(bytes: data)
        return scan.value()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 }
    }

    private func here(_ message: String) -> Problem {
        // The record is the path down to the first array index (the top-level list, or "contents").
        var record = "", field = "", inRecord = true
        for frame in stack {
            var part = ""
            switch frame {
            case .array(let n): part = "[\(n)]"
            case .object(let key): part = key.map { "." + $0 } ?? ""
            }
            if inRecord {
                record += part
                if case .array = frame { inRecord = false }
            } else { field += part }
        }
        if inRecord { field = record; record = "" }
        if record.hasPrefix(".") { record.removeFirst() }
        return Problem(record: record.isEmpty ? nil : record, field: field.isEmpty ? nil : field, message: message)
    }

    /// Scans one value; returns a problem, or nil when it is fine or not ours to judge (then `i` is past the end).
    private mutating func value() -> Problem? {
        skipSpace()
        guard let c = peek else { return nil }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return container(isObject: c == UInt8(ascii: "{"))
        case UInt8(ascii: "\""):
            return string().problem
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            while let d = peek, "+-.eE0123456789".utf8.contains(d) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let d = Double(text), !d.isFinite {
                return here("the number \(text.prefix(40)) is too large to hold; check the value, or write it as text in quotes")
            }
            if text == "-", i < bytes.count, bytes[i] == UInt8(ascii: "I") { i = start; return word() }
            return nil
        default:
            return word()
        }
    }

    private mutating func word() -> Problem? {
        let start = i
        while let c = peek, (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "-") { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if ["true", "false", "null"].contains(text) { return nil }
        if ["nan", "infinity", "-infinity", "inf", "-inf"].contains(text.lowercased()) {
            return here("\(text) is not a number JSON can hold; write a number, or null if the value is unknown")
        }
        i = bytes.count // Not ours: the real parser reports it.
        return nil
    }

    private mutating func container(isObject: Bool) -> Problem? {
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        i += 1
        guard stack.count < Self.maxDepth else { i = bytes.count; return nil }
        stack.append(isObject ? .object(key: nil) : .array(index: 0))
        defer { stack.removeLast() }
        skipSpace()
        if peek == close { i += 1; return nil }
        var index = 0
        while i < bytes.count {
            if isObject {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { i = bytes.count; return nil }
                let key = string()
                if let p = key.problem { return p }
                stack[stack.count - 1] = .object(key: key.text)
                skipSpace()
                guard peek == UInt8(ascii: ":") else { i = bytes.count; return nil }
                i += 1
            } else {
                stack[stack.count - 1] = .array(index: index)
            }
            if let p = value() { return p }
            skipSpace()
            if peek == close { i += 1; return nil }
            guard peek == UInt8(ascii: ",") else { i = bytes.count; return nil }
            i += 1
            skipSpace()
            if peek == close {
                return here("has a comma after the last \(isObject ? "field" : "item"), which JSON does not allow; remove the comma")
            }
            index += 1
        }
        return nil
    }

    /// Scans a string from its opening quote; keeps the text only for keys (short).
    private mutating func string() -> (text: String, problem: Problem?) {
        i += 1
        let start = i
        var pendingHigh = false
        while let c = peek {
            if c == UInt8(ascii: "\"") {
                if pendingHigh { return ("", here(Self.loneSurrogate)) }
                let text = String(decoding: bytes[start..<min(i, start + 200)], as: UTF8.self)
                i += 1
                return (text, nil)
            }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { return ("", nil) }
                if bytes[i + 1] == UInt8(ascii: "u"), i + 6 <= bytes.count,
                   let unit = UInt16(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16) {
                    switch unit {
                    case 0xD800...0xDBFF:
                        if pendingHigh { return ("", here(Self.loneSurrogate)) }
                        pendingHigh = true
                    case 0xDC00...0xDFFF:
                        if !pendingHigh { return ("", here(Self.loneSurrogate)) }
                        pendingHigh = false
                    default:
                        if pendingHigh { return ("", here(Self.loneSurrogate)) }
                    }
                    i += 6
                    continue
                }
                if pendingHigh { return ("", here(Self.loneSurrogate)) }
                i += 2
                continue
            }
            if pendingHigh { return ("", here(Self.loneSurrogate)) }
            i += 1
        }
        return ("", nil)
    }

    /// Deeper than any Open Referral file; past it the real parser judges (and the scan cannot overflow the stack).
    static let maxDepth = 256

    static let loneSurrogate = "holds a \\u escape for half of a character pair (a lone surrogate such as \\ud800), which is not text; remove it or write the whole character"
}
