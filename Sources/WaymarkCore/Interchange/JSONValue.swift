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
