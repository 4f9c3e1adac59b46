/// A linear pass over JSON text, before `JSONSerialization`, for what that parser
/// accepts or reports badly: a trailing comma (accepted), NaN and Infinity, a number too
/// big for a Double (given only as a character offset) and a lone UTF-16 surrogate
/// ("the file ends too soon"). It names where the problem is as a path
/// ("contents[3]" and ".minimum_age"), so the message can name the record and field.
/// Anything else it does not understand it leaves to the real parser (`gaveUp`).
///
/// It reads through a `JSONByteSource`, so it runs over a file of any size in a fixed buffer,
/// and it can hand each record of the top-level list (a page's `contents`, or a bare array) to
/// `onRecord` as its own bytes, keeping the rest of the document as a `skeleton` in which
/// every record is replaced by `0` (see `JSONStreamReader`).
final class JSONPreScan {
    struct Problem: Equatable {
        /// The record: the path to the item in the top-level list ("contents[3]", "[0]"), or nil at the top.
        var record: String?
        /// The field inside it (".schedules[0].byday"), or nil.
        var field: String?
        var message: String
    }

    enum Frame: Equatable {
        case array(index: Int)
        case object(key: String?)
    }

    /// One record of the top-level list, as its own bytes.
    struct RecordBytes {
        var index: Int
        var bytes: [UInt8]
        /// Where its first byte is in the document.
        var offset: Int
    }

    private let source: JSONByteSource
    private var stack: [Frame] = []
    /// Set when the scan met something it does not judge; the real parser reports it.
    private(set) var gaveUp = false
    /// Called with each record of the top-level list when `recording`.
    private let onRecord: ((RecordBytes) -> Void)?
    /// The document outside the records, each record written as `0`, when `recording`.
    private(set) var skeleton: [UInt8] = []
    /// The record being read, if any.
    private(set) var record: RecordBytes?
    /// For each record replaced in the skeleton: where its `0` ends in the skeleton, and how much
    /// shorter the skeleton is than the document from there on.
    private(set) var shrinkage: [(skeletonEnd: Int, shorterBy: Int)] = []

    static func problem(in data: [UInt8]) -> Problem? {
        let scan = JSONPreScan(source: JSONByteSource(bytes: data), onRecord: nil)
        return scan.scan()
    }

    init(source: JSONByteSource, onRecord: ((RecordBytes) -> Void)?) {
        self.source = source
        self.onRecord = onRecord
    }

    /// Scans the document's one value; returns the first problem, or nil when it is fine or not ours to judge.
    func scan() -> Problem? { value() }

    /// Reads what follows the top value (whitespace, or stray text the real parser refuses) into the skeleton.
    func readTrailing(limit: Int) {
        var n = 0
        while n < limit, consume() != nil { n += 1 }
    }

    /// The document offset of a skeleton offset.
    func documentOffset(ofSkeleton s: Int) -> Int {
        var shift = 0
        for r in shrinkage { if r.skeletonEnd <= s { shift = r.shorterBy } else { break } }
        return s + shift
    }

    private var peek: UInt8? { gaveUp ? nil : source.peek() }

    @discardableResult
    private func consume() -> UInt8? {
        guard let b = source.next() else { return nil }
        if onRecord != nil {
            if record != nil { record!.bytes.append(b) } else { skeleton.append(b) }
        }
        return b
    }

    private func giveUp() { gaveUp = true }

    private func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { consume() }
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

    /// Scans one value; returns a problem, or nil when it is fine or not ours to judge.
    private func value() -> Problem? {
        skipSpace()
        guard let c = peek else { return nil }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return container(isObject: c == UInt8(ascii: "{"))
        case UInt8(ascii: "\""):
            return string().problem
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            var text: [UInt8] = []
            while let d = peek, "+-.eE0123456789".utf8.contains(d) { text.append(d); consume() }
            let string = String(decoding: text, as: UTF8.self)
            if let d = Double(string), !d.isFinite {
                return here("the number \(string.prefix(40)) is too large to hold; check the value, or write it as text in quotes")
            }
            if string == "-", peek == UInt8(ascii: "I") { return word(startingWith: text) }
            return nil
        default:
            return word(startingWith: [])
        }
    }

    private func word(startingWith start: [UInt8]) -> Problem? {
        var bytes = start
        while let c = peek, (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "-") {
            bytes.append(c)
            consume()
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if ["true", "false", "null"].contains(text) { return nil }
        if ["nan", "infinity", "-infinity", "inf", "-inf"].contains(text.lowercased()) {
            return here("\(text) is not a number JSON can hold; write a number, or null if the value is unknown")
        }
        giveUp() // Not ours: the real parser reports it.
        return nil
    }

    /// The list whose items are records: the top-level array, or the array of the top-level "contents".
    private var isRecordList: Bool {
        onRecord != nil && (stack.isEmpty || stack == [.object(key: "contents")])
    }

    private func container(isObject: Bool) -> Problem? {
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let records = !isObject && isRecordList
        consume()
        guard stack.count < Self.maxDepth else { giveUp(); return nil }
        stack.append(isObject ? .object(key: nil) : .array(index: 0))
        defer { stack.removeLast() }
        skipSpace()
        if peek == close { consume(); return nil }
        var index = 0
        while peek != nil {
            if isObject {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { giveUp(); return nil }
                let key = string()
                if let p = key.problem { return p }
                stack[stack.count - 1] = .object(key: key.text)
                skipSpace()
                guard peek == UInt8(ascii: ":") else { giveUp(); return nil }
                consume()
            } else {
                stack[stack.count - 1] = .array(index: index)
            }
            if records {
                skipSpace()
                record = RecordBytes(index: index, bytes: [], offset: source.offset)
                if let p = value() { return p }
                if gaveUp { return nil }
                endRecord()
            } else if let p = value() { return p }
            skipSpace()
            if peek == close { consume(); return nil }
            guard peek == UInt8(ascii: ",") else { giveUp(); return nil }
            consume()
            skipSpace()
            if peek == close {
                return here("has a comma after the last \(isObject ? "field" : "item"), which JSON does not allow; remove the comma")
            }
            index += 1
        }
        return nil
    }

    private func endRecord() {
        guard let r = record else { return }
        record = nil
        skeleton.append(UInt8(ascii: "0"))
        shrinkage.append((skeleton.count, (shrinkage.last?.shorterBy ?? 0) + r.bytes.count - 1))
        onRecord?(r)
    }

    /// Scans a string from its opening quote; keeps the text only for keys (short).
    private func string() -> (text: String, problem: Problem?) {
        consume()
        var kept: [UInt8] = []
        var pendingHigh = false
        while let c = peek {
            if c == UInt8(ascii: "\"") {
                if pendingHigh { return ("", here(Self.loneSurrogate)) }
                consume()
                return (String(decoding: kept, as: UTF8.self), nil)
            }
            if c == UInt8(ascii: "\\") {
                guard let escaped = source.peek(1) else { return ("", nil) }
                if escaped == UInt8(ascii: "u"), let unit = hexUnit() {
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
                    for _ in 0..<6 { keep(&kept) }
                    continue
                }
                if pendingHigh { return ("", here(Self.loneSurrogate)) }
                keep(&kept); keep(&kept)
                continue
            }
            if pendingHigh { return ("", here(Self.loneSurrogate)) }
            keep(&kept)
        }
        return ("", nil)
    }

    /// Consumes a byte of a string, keeping the first 200 (enough for any key).
    private func keep(_ kept: inout [UInt8]) {
        if let b = consume(), kept.count < 200 { kept.append(b) }
    }

    /// The code unit of the `\uXXXX` escape at the next byte, if its four digits are there.
    private func hexUnit() -> UInt16? {
        var digits: [UInt8] = []
        for k in 2..<6 { guard let d = source.peek(k) else { return nil }; digits.append(d) }
        return UInt16(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    /// Deeper than any Open Referral file; past it the real parser judges (and the scan cannot overflow the stack).
    static let maxDepth = 256

    static let loneSurrogate = "holds a \\u escape for half of a character pair (a lone surrogate such as \\ud800), which is not text; remove it or write the whole character"
}
