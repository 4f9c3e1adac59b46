import Foundation

/// Any JSON value, as an `Encodable` type: how source records are kept whole and how
/// Waymark's JSON output is built (never `[String: Any]` at the edge).
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// From what `JSONSerialization` returns (NSNumber booleans stay booleans, whole numbers stay whole).
    public init(any value: Any?) {
        // Containers and strings are matched first: casting a Swift dictionary or array to
        // NSNull or NSNumber bridges it whole to Foundation first (on Linux), at every level of
        // nesting, which was most of an import's time (a profile at 10k: 34% of it in that bridging).
        switch value {
        case let o as [String: Any]: self = .object(o.mapValues { JSONValue(any: $0) })
        case let a as [Any]: self = .array(a.map { JSONValue(any: $0) })
        case let s as String: self = .string(s)
        case nil, is NSNull: self = .null
        case let n as NSNumber:
            if RecordReader.isBool(n) { self = .bool(n.boolValue) }
            else if "fd".contains(String(cString: n.objCType)) { self = .double(n.doubleValue) }
            else { self = .int(n.intValue) }
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case let a as [Any?]: self = .array(a.map { JSONValue(any: $0) })
        case let v as JSONValue: self = v
        default: self = .string("\(value!)")
        }
    }

    /// The Foundation form, for code that still speaks `[String: Any]`.
    public var any: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }

    /// The value as compact JSON with sorted keys and unescaped slashes, byte for byte what
    /// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes (`CompactJSONTests`), at a
    /// small part of its cost: an import stores every source record this way (`Store.sourceText`),
    /// and the encoder was a sixth of it. Nil for a number JSON cannot hold (infinite or NaN),
    /// where the encoder throws.
    public var compactText: String? {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        guard Self.write(self, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ v: JSONValue, into out: inout [UInt8]) -> Bool {
        switch v {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d):
            guard d.isFinite else { return false }
            let text = d.description
            out += (text.hasSuffix(".0") ? String(text.dropLast(2)) : text).utf8
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, item) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard write(item, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(o[key]!, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x08: out += #"\b"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0C: out += #"\f"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += #"\u00"#.utf8
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value with every null field left out: Waymark reads a null as no value, as the schemas
    /// (which allow no null) would have it, so a kept record does not write one back.
    public var withoutNulls: JSONValue {
        switch self {
        case .object(let o): return .object(o.filter { $0.value != .null }.mapValues(\.withoutNulls))
        case .array(let a): return .array(a.map(\.withoutNulls))
        default: return self
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    /// Text for a CSV cell: numbers as written by JSON, booleans as true/false, null as empty.
    var cellText: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): return s
        case .array, .object: return nil
        }
    }

    /// Pretty, sorted, unescaped slashes, then C1 and bidi controls escaped (`JSONText`).
    public func jsonData() throws -> Data { try Self.data(self) }

    /// Any `Encodable` value as Waymark writes JSON for people and scripts: the one encoder home.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return JSONText.escaped(try e.encode(value))
    }
}

/// Builds a JSON object field by field, leaving out absent values (HSDS omits what it does not know).
public struct JSONObjectBuilder {
    public private(set) var fields: [String: JSONValue] = [:]
    public init(_ fields: [String: JSONValue] = [:]) { self.fields = fields }
    public mutating func set(_ key: String, _ value: String?) { if let value { fields[key] = .string(value) } }
    public mutating func set(_ key: String, _ value: Int?) { if let value { fields[key] = .int(value) } }
    public mutating func set(_ key: String, _ value: Double?) { if let value { fields[key] = .double(value) } }
    public mutating func set(_ key: String, _ value: Bool?) { if let value { fields[key] = .bool(value) } }
    public mutating func set(_ key: String, _ value: JSONValue?) { if let value { fields[key] = value } }
    public mutating func set(_ key: String, _ list: [JSONValue]) { fields[key] = .array(list) }
    public var value: JSONValue { .object(fields) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
