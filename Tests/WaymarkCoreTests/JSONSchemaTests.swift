import Foundation
import XCTest
@testable import WaymarkCore

/// The schema checker, keyword by keyword and format by format. Each format's cases are the
/// verdicts python-jsonschema 4.26's `FormatChecker().conforms` gives (run in the venv), so a
/// case fails if Waymark's check is missing or differs from the official validator's.
final class JSONSchemaTests: XCTestCase {
    private func schema(_ json: String, siblings: [String: String] = [:]) throws -> JSONSchema {
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try JSONSchema(root, file: "test.json") { name in
            guard let text = siblings[name] else { throw SchemaError.unreadable(name) }
            return try JSONSerialization.jsonObject(with: Data(text.utf8))
        }
    }

    private func violations(_ schema: JSONSchema, _ json: String) throws -> [String] {
        schema.violations(of: try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
            .map { "\($0.path) \($0.keyword.rawValue)" }
    }

    func testTypeOneOrAList() throws {
        let s = try schema(#"{"properties": {"a": {"type": "string"}, "b": {"type": ["number", "null"]}, "c": {"type": "integer"}, "d": {"type": "boolean"}}}"#)
        XCTAssertEqual(try violations(s, #"{"a": "x", "b": null, "c": 2.0, "d": false}"#), [])
        XCTAssertEqual(try violations(s, #"{"a": 5, "b": "x", "c": 2.5, "d": 1}"#), [".a type", ".b type", ".c type", ".d type"])
        XCTAssertEqual(try violations(s, #"{"b": true}"#), [".b type"], "a boolean is not a number")
    }

    func testTabularCellsAreTextAsInACSV() throws {
        let s = try schema(#"{"properties": {"identifier": {"type": "string"}, "amount": {"type": "number"}}}"#)
        XCTAssertEqual(try violations(s, #"{"identifier": 1234567}"#), [".identifier type"])
        XCTAssertEqual(s.violations(of: ["identifier": NSNumber(value: 1234567), "amount": "x"], cellsAsText: true).map(\.path), [".amount"])
    }

    func testRequiredNamesTheMissingFieldItself() throws {
        let s = try schema(#"{"required": ["id", "name"], "properties": {"languages": {"type": "array", "items": {"required": ["id"]}}}}"#)
        XCTAssertEqual(try violations(s, #"{"id": "x", "languages": [{"id": "a"}, {"name": "Welsh"}]}"#), [".languages[1].id required", ".name required"])
        XCTAssertEqual(try violations(s, #"{"id": null, "name": "n"}"#), [], "null is present, as Python's `in` says")
        XCTAssertEqual(try violations(s, #"[1]"#), [], "required judges objects only")
    }

    func testPropertiesAndItemsGiveNestedPaths() throws {
        let s = try schema(#"{"properties": {"schedules": {"type": "array", "items": {"properties": {"wkst": {"type": "string", "enum": ["MO", "TU"]}}}}}}"#)
        XCTAssertEqual(try violations(s, #"{"schedules": [{"wkst": "MO"}, {"wkst": 3}]}"#), [".schedules[1].wkst enum", ".schedules[1].wkst type"])
        XCTAssertEqual(try violations(s, #"{"schedules": {"wkst": 3}}"#), [".schedules type"], "items judges lists only: nothing inside the object is judged")
    }

    func testEnumIsExactByCodePoint() throws {
        let s = try schema(#"{"enum": ["active", "caf\u00e9", 1]}"#)
        XCTAssertEqual(try violations(s, #""active""#), [])
        XCTAssertEqual(try violations(s, #""Active""#), [" enum"], "the record itself, whose path is empty")
        XCTAssertEqual(try violations(s, #""cafe\u0301""#).count, 1, "decomposed é is another string to Python")
        XCTAssertEqual(try violations(s, "1.0"), [], "1.0 equals 1")
        XCTAssertEqual(try violations(s, "true").count, 1, "true is not 1")
    }

    func testAnnotationsAndUnknownFormatsCheckNothing() throws {
        let s = try schema(#"{"properties": {"a": {"type": "string", "format": "csv", "constraints": {"required": true}, "title": "A", "example": "x"}}}"#)
        XCTAssertEqual(try violations(s, #"{"a": "anything"}"#), [])
        XCTAssertEqual(try violations(s, #"{}"#), [], "Frictionless' constraints.required is not JSON Schema's required")
    }

    func testAKeywordTheCheckerCannotApplyIsRefusedNotIgnored() {
        for json in [#"{"additionalProperties": false}"#, #"{"properties": {"a": {"pattern": "^x"}}}"#, #"{"minimum": 1}"#,
                     #"{"allOf": []}"#, ##"{"items": {"$ref": "#/definitions/x"}}"##, #"{"type": "decimal"}"#] {
            XCTAssertThrowsError(try schema(json), json)
        }
    }

    func testARefToASiblingFileAppliesBesideItsNeighboursAndMayBeCyclic() throws {
        let s = try schema(#"{"properties": {"term": {"$ref": "term.json", "required": ["name"]}}}"#, siblings: [
            "term.json": #"{"required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}, "parent": {"$ref": "term.json"}}}"#,
        ])
        XCTAssertEqual(try violations(s, #"{"term": {"parent": {"id": "x"}}}"#), [".term.id required", ".term.name required", ".term.parent.id format"])
    }

    func testANonUUIDIdIsAWarningAndEverythingElseAnError() throws {
        let s = try schema(#"{"properties": {"id": {"type": "string", "format": "uuid"}, "email": {"type": "string", "format": "email"}}}"#)
        let v = s.violations(of: ["id": "svc-1", "email": "nobody"])
        XCTAssertEqual(v.map(\.severity), [.error, .warning], "\(v)")
    }

    private func assertFormat(_ format: SchemaFormat, _ cases: [(String, Bool)], file: StaticString = #filePath, line: UInt = #line) {
        for (text, official) in cases {
            XCTAssertEqual(format.accepts(text), official, "\(format.rawValue) \(text.debugDescription)", file: file, line: line)
        }
    }

    func testUUIDAsPythonsUUIDThenHyphensAt8_13_18_23() {
        assertFormat(.uuid, [
            ("3fa85f64-5717-4562-b3fc-2c963f66afa6", true), ("3FA85F64-5717-4562-B3FC-2C963F66AFA6", true),
            ("{3fa85f64-5717-4562-b3fc-2c963f66afa6}", false), ("urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6", false),
            ("+fa85f64-5717-4562-b3fc-2c963f66afa6", true), ("3fa85f6-45717-4562-b3fc-2c963f66afa6", false),
            ("3fa85f6457174562b3fc2c963f66afa6", false), ("svc-1", false), ("3fa85f64-5717-4562-b3fc-2c963f66afag", false),
            ("0x a85f64-5717-4562-b3fc-2c963f66afa6", false), ("_fa85f64-5717-4562-b3fc-2c963f66afa6", false),
            ("3fa85f64-5717-4562-b3fc-2c963f66af_6", true), ("3fa85f64-5717-4562-b3fc-2c963f66af\u{663}\u{663}", true),
        ])
    }

    func testURIAsRFC3987sURIRule() {
        assertFormat(.uri, [
            ("https://example.org/openapi.json", true), ("docs-example-org/openapi.json", false), ("mailto:a@b.org", true),
            ("http://exa mple.org", false), ("http://x.org\n", true), ("http://[::1]/x", true), ("http://[::g]/", false),
            ("urn:isbn:0451450523", true), ("http://x/%zz", false), ("http://x/%41", true), ("https://path/to/profile", true),
            ("http://x.org/\u{e9}", false), ("http:", true), ("a:b#c?d", true), ("http://x.org\r\n", false),
            ("http://user:pw@h:80/p?q#f", true), ("1http://x", false),
        ])
    }

    func testEmailIsOnlyAnAt() {
        assertFormat(.email, [("a@", true), ("ab", false), (" @ ", true)])
    }

    func testDateTimeAsRFC3339Validator() {
        assertFormat(.dateTime, [
            ("2023-03-15T10:30:45Z", true), ("2023-03-15t10:30:45z", true), ("2023-02-30T00:00:00Z", false), ("2023-03-15", false),
            ("0000-01-01T00:00:00Z", false), ("2023-03-15T10:30:45Z\n", true), ("2023-03-15T24:00:00Z", false),
            ("2023-03-15T10:30:45.123+01:00", true), ("2024-02-29T00:00:00Z", true), ("2023-03-15 10:30:45Z", false),
            ("2023-03-15T10:30:60Z", false), ("2023-03-15T10:30:45+1:00", false),
        ])
    }

    func testDateAsISOCalendarDays() {
        assertFormat(.date, [("2024-02-29", true), ("2023-02-29", false), ("2024-2-29", false), ("2024-02-29\n", false), ("0000-01-01", false)])
    }

    func testEveryBundledSchemaCompilesAndIsTheOfficialFileUnchanged() throws {
        let schemas = RecordSchemas(root: Repo.fixtures.path("schemas"))
        for profile in TabularProfile.allCases {
            for document in SchemaDocument.allCases {
                if case .failure(let e) = schemas.schema(document, profile: profile) { XCTFail("\(document) \(profile): \(e)") }
                let file = document.file(profile)
                let official = Repo.interop + "/schemas/" + file.replacingOccurrences(of: "/", with: "/schema/", options: [], range: file.range(of: "/"))
                XCTAssertEqual(FileManager.default.contents(atPath: Repo.fixtures.path("schemas/" + file)),
                               FileManager.default.contents(atPath: official), "\(file) is the official \(official)")
            }
        }
    }
}
