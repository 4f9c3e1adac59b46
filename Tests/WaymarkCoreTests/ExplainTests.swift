import Foundation
import XCTest
@testable import WaymarkCore

/// Reasons state the facts a navigator uses: when it runs, whether people can just drop in,
/// the town of the nearest venue and how far, on real bundled services.
final class ExplainTests: XCTestCase {
    static let directory = RoundTripTests.bundledDirectory

    func service(_ name: String) throws -> Service { try XCTUnwrap(Self.directory.services.first { $0.name == name }, name) }

    func testADropInSaysItsDaysTownAndWalk() throws {
        let hubs = try service("Community Wellbeing Hubs – Somer Valley and Keynsham")
        let keynsham = try XCTUnwrap(Repo.gazetteer.resolve("Keynsham")).coordinate
        let text = try XCTUnwrap(Explainer.whenAndWhere(hubs, from: keynsham, distance: nil))
        XCTAssertTrue(text.hasPrefix("drop-in Tue, Thu 10:00–15:00; Wed, Fri 10:00–14:00 in Keynsham, "), text)
        XCTAssertTrue(text.hasSuffix(" min walk, 0.1 km"), text)
        // From Midsomer Norton the nearest venue of the same service is there instead.
        let msn = try XCTUnwrap(Repo.gazetteer.resolve("Midsomer Norton")).coordinate
        XCTAssertTrue(Explainer.whenAndWhere(hubs, from: msn, distance: nil)?.contains("in Midsomer Norton") ?? false)
    }

    func testFarAwayIsInKilometresAndAServiceWithoutDropInSaysNone() throws {
        let therapies = try service("Talking Therapies – Counselling and CBT")
        let radstock = try XCTUnwrap(Repo.gazetteer.resolve("Radstock")).coordinate
        let text = try XCTUnwrap(Explainer.whenAndWhere(therapies, from: radstock, distance: nil))
        XCTAssertFalse(text.contains("drop-in"), text)
        XCTAssertFalse(text.contains("walk"), "beyond a mile it is a distance, not a walk: \(text)")
        XCTAssertTrue(text.hasPrefix("Mon–Fri 08:30–17:00; Tue, Thu 17:00–20:00 in "), text)
        XCTAssertTrue(text.hasSuffix(" km"), text)
    }

    func testTheMatchGivesTheFactsAsReasons() throws {
        let index = SearchIndex(directory: Self.directory, taxonomy: Repo.taxonomy, lexicon: try Repo.fixtures.loadLexicon())
        let m = Matcher(index: index, gazetteer: Repo.gazetteer, now: at("2026-11-24", "10:00"))
        let r = m.match(NeedsProfile(text: "feeling low and anxious, somewhere to drop in", place: "Keynsham", transport: .bus))
        let hubs = try XCTUnwrap(r.suggestions.first { index.services[$0.doc].name.hasPrefix("Community Wellbeing Hubs") })
        let all = hubs.reasons + r.commonReasons
        XCTAssertTrue(all.contains { $0.hasPrefix("drop-in Tue, Thu 10:00–15:00") && $0.contains("in Keynsham") }, "\(all)")
        XCTAssertFalse(all.contains { $0.hasSuffix("km away") }, "the distance is part of where, not a reason of its own")
    }

    func testAHomeVisitNamesNoTownOrDistance() throws {
        let s = try XCTUnwrap(Self.directory.services.first { $0.has("home-visit", in: .transport) && $0.schedules.contains(where: \.hasHours) && !$0.physicalLocations.isEmpty })
        let text = Explainer.whenAndWhere(s, from: Coordinate(latitude: 51.38, longitude: -2.36), distance: 3.2)
        XCTAssertFalse(text?.contains(" in ") ?? false, text ?? "")
        XCTAssertFalse(text?.contains("km") ?? false, text ?? "")
    }
}
