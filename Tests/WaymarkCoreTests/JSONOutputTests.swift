import Foundation
import XCTest
@testable import WaymarkCore

/// JSON output is built from `JSONValue` (Encodable) and still escapes every control a terminal could act on.
final class JSONOutputTests: XCTestCase {
    func testEncodableOutputEscapesC0C1AndBidiControls() throws {
        let hostile = "a\u{1B}[31mb\u{9B}c\u{202E}d\u{0007}e"
        let text = String(decoding: try JSONValue.object(["name": .string(hostile)]).jsonData(), as: UTF8.self)
        for raw in ["\u{1B}", "\u{9B}", "\u{202E}", "\u{0007}"] { XCTAssertFalse(text.contains(raw), "raw \(raw.unicodeScalars.first!.value) in \(text)") }
        XCTAssertTrue(text.contains("\\u009B") && text.contains("\\u202E"), text)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(back?["name"] as? String, hostile, "escaped, not stripped")
    }

    func testTheShowObjectAddsToTheFlatObjectAndChangesNoneOfIt() throws {
        let batch = Repo.bundledBatch()
        let s = try XCTUnwrap(batch.services.first { !$0.phones.isEmpty && !$0.schedules.isEmpty })
        let flat = try XCTUnwrap(ServiceJSON.value(s, organisationName: "Org").objectValue)
        let now = LocalDateTime(date: LocalDate(iso: "2026-11-24")!, minute: 10 * 60 + 30)
        let detail = try XCTUnwrap(ServiceJSON.detail(s, organisationName: "Org", now: now).objectValue)
        for (k, v) in flat where k != "locations" { XCTAssertEqual(detail[k], v, k) }
        XCTAssertEqual(detail["phones"]?.arrayValue?.first?["number"]?.stringValue, s.phones[0].number)
        XCTAssertNotNil(detail["next_open"]?.stringValue, "a service with hours says when it next opens")
        XCTAssertEqual(detail["next_steps"]?.stringValue, s.applicationProcess)
    }

    func testDistanceIsToTheNearestLocatedPlace() {
        let near = Location(id: "a", latitude: 51.412, longitude: -2.5017), far = Location(id: "b", latitude: 51.38, longitude: -2.36)
        let s = Service(id: "s", organisationID: "o", name: "S", locations: [ServiceAtLocation(id: "1", location: far), ServiceAtLocation(id: "2", location: near)])
        XCTAssertEqual(ServiceJSON.distanceKm(s, from: Coordinate(latitude: 51.412, longitude: -2.5017)), 0)
        XCTAssertNil(ServiceJSON.distanceKm(Service(id: "t", organisationID: "o", name: "T"), from: Coordinate(latitude: 51, longitude: -2)))
    }
}
