import Foundation

/// A JSON Schema compiled once into a checker tree, for exactly the keywords the official Open
/// Referral schemas use: `type`, `properties`, `required`, `items`, `enum`, `format` and `$ref`
/// (to a sibling file, as the uncompiled schemas write it). Anything else that would constrain a
/// value (`additionalProperties`, `pattern`, `minimum`, `allOf`…) is refused when the schema is
/// compiled, so a keyword can never be ignored without anyone noticing; annotations (`title`,
/// `description`, `example`, Frictionless' `constraints`…) are skipped, as JSON Schema says.
///
/// The semantics are draft 2020-12's as python-jsonschema applies them: `properties`, `required`
/// only judge objects, `items` arrays, `format` strings; a `$ref` applies beside its siblings.
/// Nodes live in one array and refer to each other by index, so a `$ref` cycle is just an edge.
public struct JSONSchema: Sendable {
    enum ValueType: String, Sendable {
        case string, number, integer, object, array, boolean, null
    }

    struct Node: Sendable {
        var types: [ValueType]?
        var properties: [String: Int] = [:]
        var required: [String] = []
        var items: Int?
        var enumValues: [JSONValue]?
        var format: SchemaFormat?
        var refs: [Int] = []
    }

    let nodes: [Node]

    /// Keywords that describe a value without constraining it: skipped.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "name", "path", "example", "examples", "default",
        "constraints", "core", "datapackage_metadata", "datapackage_type", "tabular_required", "deprecated",
        "readOnly", "writeOnly",
    ]
    static let keywords: Set<String> = ["type", "properties", "required", "items", "enum", "format", "$ref"]

    /// Compiles `root`, the parsed JSON of `file`; `load` gives the parsed JSON of a file a `$ref` names.
    public init(_ root: Any, file: String, load: (String) throws -> Any) throws {
        nodes = try withoutActuallyEscaping(load) { load in
            var compiler = Compiler(load: load)
            _ = try compiler.compile(root, file: file, pointer: "")
            return compiler.nodes
        }
    }

    /// Every way `value` breaks the schema, in path order. `cellsAsText`: the value is rows of the
    /// tabular form, whose cells are a CSV's, so a number or boolean is also text (as "12" is in a CSV).
    public func violations(of value: Any, cellsAsText: Bool = false) -> [SchemaViolation] {
        var out: [SchemaViolation] = []
        var path: [PathStep] = []
        check(value, node: 0, cellsAsText: cellsAsText, path: &path, into: &out)
        return out.sorted { ($0.path, $0.keyword.rawValue) < ($1.path, $1.keyword.rawValue) }
    }

    enum PathStep {
        case key(String), index(Int)
    }

    static func render(_ path: [PathStep]) -> String {
        path.map { step in
            switch step {
            case .key(let k): ".\(k)"
            case .index(let i): "[\(i)]"
            }
        }.joined()
    }

    /// What a value is, found with one dynamic cast where possible (casts of `Any` are most of the
    /// cost of checking a record), most common first.
    private enum Shape {
        case string(String), object([String: Any]), array([Any]), number(NSNumber), boolean, null
    }

    private static func shape(_ value: Any) -> Shape {
        if let s = value as? String { return .string(s) }
        if let o = value as? [String: Any] { return .object(o) }
        if let a = value as? [Any] { return .array(a) }
        if let n = value as? NSNumber { return RecordReader.isBool(n) ? .boolean : .number(n) }
        return .null
    }

    private func check(_ value: Any, node index: Int, cellsAsText: Bool, path: inout [PathStep], into out: inout [SchemaViolation]) {
        let node = nodes[index]
        let shape = Self.shape(value)
        if let types = node.types, !types.contains(where: { Self.matches(shape, $0, cellsAsText: cellsAsText) }) {
            let wanted = types.map(Self.words).joined(separator: " or ")
            out.append(SchemaViolation(path: Self.render(path), keyword: .type,
                                       message: "is \(RecordReader.describe(value)), but the schema asks for \(wanted); correct it in the source"))
        }
        if let allowed = node.enumValues {
            let v = JSONValue(any: value)
            if !allowed.contains(where: { Self.equal($0, v) }) {
                let list = allowed.map { v -> String in if case .string(let s) = v { return s } else { return "\(v)" } }.joined(separator: ", ")
                out.append(SchemaViolation(path: Self.render(path), keyword: .enumeration,
                                           message: "\(RecordReader.describe(value)) is not one the schema allows (\(list)); use one of them, written exactly so"))
            }
        }
        switch shape {
        case .string(let text):
            if let format = node.format, !format.accepts(text) {
                out.append(SchemaViolation(path: Self.render(path), keyword: .format, format: format,
                                           message: "\(RecordReader.describe(value)) is not \(format.example), as the schema's \(format.rawValue) format asks"))
            }
        case .object(let object):
            for name in node.required where object[name] == nil {
                path.append(.key(name))
                out.append(SchemaViolation(path: Self.render(path), keyword: .required,
                                           message: "is required by the schema but missing; add it to the source"))
                path.removeLast()
            }
            if !node.properties.isEmpty {
                for (key, child) in object {
                    guard let sub = node.properties[key] else { continue }
                    path.append(.key(key))
                    check(child, node: sub, cellsAsText: cellsAsText, path: &path, into: &out)
                    path.removeLast()
                }
            }
        case .array(let list):
            if let items = node.items {
                for (i, item) in list.enumerated() {
                    path.append(.index(i))
                    check(item, node: items, cellsAsText: cellsAsText, path: &path, into: &out)
                    path.removeLast()
                }
            }
        case .number, .boolean, .null: break
        }
        for ref in node.refs { check(value, node: ref, cellsAsText: cellsAsText, path: &path, into: &out) }
    }

    /// Python's rule: an integer is a number whose value is whole (1.0 is one); a boolean is no number.
    private static func matches(_ shape: Shape, _ wanted: ValueType, cellsAsText: Bool) -> Bool {
        switch (shape, wanted) {
        case (.number, .string), (.boolean, .string): return cellsAsText
        case (.string, .string), (.object, .object), (.array, .array), (.number, .number), (.boolean, .boolean), (.null, .null): return true
        case (.number(let n), .integer):
            let d = n.doubleValue
            return d.isFinite && d == d.rounded()
        default: return false
        }
    }

    static func words(_ type: ValueType) -> String {
        switch type {
        case .string: "text"
        case .number: "a number"
        case .integer: "a whole number"
        case .object: "an object"
        case .array: "a list"
        case .boolean: "true or false"
        case .null: "null"
        }
    }

    /// jsonschema's `equal`: text by code points (not Swift's canonical equivalence), a boolean never
    /// equal to a number, 1 equal to 1.0, lists and objects member by member.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.int(let x), .int(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.double(let x), .double(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        default: return false
        }
    }

    private struct Compiler {
        let load: (String) throws -> Any
        var nodes: [Node] = []
        /// The root node of each file already compiled, so a file named twice (or in a cycle) is compiled once.
        var files: [String: Int] = [:]

        init(load: @escaping (String) throws -> Any) { self.load = load }

        mutating func compile(_ schema: Any, file: String, pointer: String) throws -> Int {
            guard let object = schema as? [String: Any] else {
                throw SchemaError.unsupported(file: file, pointer: pointer, what: "a schema that is not an object")
            }
            let index = nodes.count
            nodes.append(Node())
            if pointer.isEmpty { files[file] = index }
            var node = Node()
            for (key, value) in object {
                if JSONSchema.annotations.contains(key) { continue }
                guard JSONSchema.keywords.contains(key) else {
                    throw SchemaError.unsupported(file: file, pointer: pointer, what: "the keyword \"\(key)\"")
                }
                let here = pointer + "/" + key
                switch key {
                case "type":
                    let names = (value as? [Any]) ?? [value]
                    node.types = try names.map { name in
                        guard let s = name as? String, let t = ValueType(rawValue: s) else {
                            throw SchemaError.unsupported(file: file, pointer: here, what: "the type \(name)")
                        }
                        return t
                    }
                case "properties":
                    guard let props = value as? [String: Any] else { throw SchemaError.unsupported(file: file, pointer: here, what: "properties that are not an object") }
                    for (name, sub) in props { node.properties[name] = try compile(sub, file: file, pointer: here + "/" + name) }
                case "required":
                    guard let names = value as? [String] else { throw SchemaError.unsupported(file: file, pointer: here, what: "required that is not a list of names") }
                    node.required = names
                case "items":
                    node.items = try compile(value, file: file, pointer: here)
                case "enum":
                    guard let list = value as? [Any] else { throw SchemaError.unsupported(file: file, pointer: here, what: "enum that is not a list") }
                    node.enumValues = list.map(JSONValue.init(any:))
                case "format":
                    // A format the official checker does not know (csv…) is an annotation there too.
                    node.format = (value as? String).flatMap(SchemaFormat.init(rawValue:))
                case "$ref":
                    guard let ref = value as? String, !ref.isEmpty, !ref.contains("/"), !ref.contains("#") else {
                        throw SchemaError.unsupported(file: file, pointer: here, what: "the reference \(value) (only a sibling file is followed)")
                    }
                    if let done = files[ref] { node.refs.append(done) } else {
                        node.refs.append(try compile(try load(ref), file: ref, pointer: ""))
                    }
                default: break
                }
            }
            nodes[index] = node
            return index
        }
    }
}

/// One way a record breaks its official schema: where (a field path inside the record), which
/// keyword, and what to do.
public struct SchemaViolation: Equatable, Sendable {
    public enum Keyword: String, Sendable { case type, required, enumeration = "enum", format }

    /// ".schedules[0].wkst"; for a missing field, the field's own path; "" for the record itself.
    public var path: String
    public var keyword: Keyword
    public var format: SchemaFormat?
    public var message: String

    public init(path: String, keyword: Keyword, format: SchemaFormat? = nil, message: String) {
        self.path = path
        self.keyword = keyword
        self.format = format
        self.message = message
    }

    /// The one exception to "the schema's rules are errors": every id is given the uuid format, and
    /// Waymark keeps an id of another shape (as issue 9 asks), saying other systems may refuse it.
    public var severity: ImportIssue.Severity {
        keyword == .format && format == .uuid ? .warning : .error
    }

    public var issueMessage: String {
        severity == .warning ? message + "; Waymark keeps it, but other systems may refuse it" : message
    }
}

public enum SchemaError: Error, CustomStringConvertible, Equatable {
    case unsupported(file: String, pointer: String, what: String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .unsupported(let file, let pointer, let what):
            return "the schema \(file) uses \(what) at \(pointer.isEmpty ? "its top" : pointer), which Waymark's checker does not support"
        case .unreadable(let path):
            return "cannot read the official schema \(path); reinstall Waymark or set WAYMARK_FIXTURES to its Fixtures folder"
        }
    }
}
