import XCTest
@testable import WaymarkCore

/// Bad input never crashes and never loses data; each problem says what, where and what to do.
final class BadInputTests: XCTestCase {
    func read(_ json: String, name: String = "input.json") -> ImportBatch {
        HSDSReader(taxonomy: Repo.taxonomy).read(data: Data(json.utf8), name: name)
    }

    let good = #"{"id":"s1","name":"Lunch club","description":"Hot lunch.","status":"active","organization":{"id":"o1","name":"Org","description":"d"}}"#

    func testTruncatedJSON() {
        let batch = read(String(good.dropLast(20)))
        XCTAssertEqual(batch.errors.count, 1)
        XCTAssertTrue(batch.errors[0].description.hasPrefix("input.json: is not valid JSON"), batch.errors[0].description)
        XCTAssertTrue(batch.errors[0].description.contains("truncated"))
    }

    func testWrongTypes() {
        let batch = read(#"{"id":"s1","name":"X","description":"d","status":"active","minimum_age":"twelve","email":12345,"service_at_locations":"nowhere"}"#)
        let lines = batch.errors.map(\.description)
        XCTAssertTrue(lines.contains(#"input.json: service s1: .minimum_age: is text "twelve", but the schema asks for a number; correct it in the source"#), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("input.json: service s1: .email: is number 12345, but the schema asks for text; correct it in the source"))
        XCTAssertTrue(lines.contains("input.json: service s1: .service_at_locations: is text \"nowhere\", but the schema asks for a list; correct it in the source"))
        XCTAssertEqual(lines.count, 3, "each problem once, from its one home")
    }

    func testDuplicateIDsInOneFile() {
        let batch = read("[\(good),\(good)]")
        XCTAssertEqual(batch.errors.map(\.description), ["input.json: service s1: [1]: duplicate id: the same id is already used at [0]"])
    }

    func testMissingRequiredField() {
        let batch = read(#"{"id":"s1","description":"d","status":"active"}"#)
        XCTAssertEqual(batch.errors.map(\.description), ["input.json: service s1: .name: is required by the schema but missing; add it to the source"])
    }

    func testUnknownStatusAndBadSchedule() {
        let batch = read(#"{"id":"s1","name":"n","description":"d","status":"open","schedules":[{"id":"x","freq":"DAILY","byday":"MO,XX","opens_at":"25:00"}]}"#)
        let lines = batch.errors.map(\.description)
        XCTAssertTrue(lines.contains { $0.contains(#".status: text "open" is not one the schema allows (active, inactive, defunct, temporarily closed)"#) }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains(".schedules[0].freq") })
        XCTAssertEqual(lines.count, 2, "byday and opens_at are free text to the schema: \(lines)")
        // What the schema leaves free but Waymark must read to show hours is a warning, and that schedule is left out.
        let readable = read(#"{"id":"s1","name":"n","description":"d","status":"active","schedules":[{"id":"x","freq":"WEEKLY","byday":"MO,XX"},{"id":"y","opens_at":"25:00"}]}"#)
        XCTAssertTrue(readable.isAcceptable, "\(readable.errors)")
        XCTAssertTrue(readable.warnings.contains { $0.path == ".schedules[0].byday" }, "\(readable.warnings)")
        XCTAssertTrue(readable.warnings.contains { $0.path == ".schedules[1].opens_at" }, "\(readable.warnings)")
        XCTAssertEqual(readable.services.first?.schedules.map(\.id), ["y"])
    }

    func testFiveMegabyteDescriptionIsKept() {
        let huge = String(repeating: "word ", count: 1_000_000)
        let batch = read(#"{"id":"s1","name":"n","status":"active","description":"\#(huge)"}"#)
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.services.first?.description.count, huge.count)
        let card = ServiceCard(taxonomy: Repo.taxonomy, now: at("2026-11-24", "10:00")).render(batch.services[0], organisation: nil)
        XCTAssertTrue(card.contains("word word"))
    }

    func testEscapeSequencesAreKeptInDataButNeverShown() throws {
        let name = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07} club\u{0}\u{9B}31m"
        let json = try JSONSerialization.data(withJSONObject: ["id": "s1", "name": name, "description": "line\u{1B}[31mred\u{08}", "status": "active"])
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(data: json, name: "x.json")
        XCTAssertEqual(batch.services.first?.name, name, "the data is kept as it came")
        let card = ServiceCard(taxonomy: Repo.taxonomy, now: at("2026-11-24", "10:00")).render(batch.services[0], organisation: nil)
        XCTAssertTrue(card.contains("Evil club"), card)
        XCTAssertTrue(card.contains("linered"))
        for scalar in card.unicodeScalars where scalar != "\n" {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), "control character \(scalar.value) reached the output")
        }
        XCTAssertEqual(DisplayText.line("a\tb\r\nc"), "a b c")
    }

    func testMissingPathAndCSVFileAlone() {
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: ["/no/such/file.json", Repo.interop + "/hsds-3.0/csv/services.csv"])
        XCTAssertEqual(batch.missing, ["/no/such/file.json"])
        XCTAssertTrue(batch.errors.contains { $0.message.contains("import the folder that holds services.csv") })
    }

    func testCSVWithQuotedNewlinesAndCommas() {
        let rows = CSV.parse("a,b\r\n\"x, y\",\"line1\nline2 \"\"q\"\"\"\r\n")
        XCTAssertEqual(rows, [["a", "b"], ["x, y", "line1\nline2 \"q\""]])
        XCTAssertEqual(CSV.parse(CSV.write(header: ["a"], rows: [["a": "1,\"2\"\n3"]])), [["a"], ["1,\"2\"\n3"]])
    }
}
