import XCTest
@testable import WaymarkCore

/// Importing files this project did not write is how we know we fit the ecosystem.
final class InteropTests: XCTestCase {
    func read(_ relative: String) -> ImportBatch {
        HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/" + relative])
    }

    func testGoodSamplesImportWithoutErrorInJSONAndCSV() {
        for folder in ["hsds-3.0", "hsds-3.0/csv", "hsds-uk-3.0", "hsds-uk-3.0/csv", "oruk-feed-good",
                       "hsds-uk-3.0/service_full.json", "hsds-uk-3.0/service_list.json", "oruk-feed-good/organization.json"] {
            let batch = read(folder)
            XCTAssertEqual(batch.errors, [], folder)
            XCTAssertTrue(batch.isAcceptable, folder)
            XCTAssertEqual(batch.services.map(\.name), ["Community Counselling"], folder)
        }
    }

    func testCSVAndJSONGiveTheSameServiceCore() {
        let json = read("hsds-3.0/service_full.json").services[0]
        let csv = read("hsds-3.0/csv").services[0]
        XCTAssertEqual(json.id, csv.id)
        XCTAssertEqual(json.eligibility, csv.eligibility)
        XCTAssertEqual(json.schedules.first?.byday, csv.schedules.first?.byday)
        XCTAssertEqual(json.locations.first?.location.name, csv.locations.first?.location.name)
        XCTAssertEqual(csv.organisationID, "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
    }

    func testUnknownTermsAreKeptAndReported() {
        let batch = read("hsds-uk-3.0/service_full.json")
        let service = batch.services[0]
        XCTAssertEqual(Repo.taxonomy.unknownTerms(of: service).map(\.code), ["name"])
        XCTAssertTrue(batch.notes.contains { $0.contains("not in Waymark's vocabulary") })
    }

    func testBadFeedIsRejectedWithFileRecordAndPath() {
        let batch = read("oruk-feed-bad")
        XCTAssertFalse(batch.isAcceptable)
        let lines = batch.errors.map(\.description)
        XCTAssertTrue(lines.contains(#"service_full.json: service ac148810…: .email: text "email-example_com" is not an email address (it needs an @), as the schema's email format asks"#), lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.contains("service") && $0.hasSuffix(".description: is required by the schema but missing; add it to the source") && !$0.contains("taxonomy") },
                       "no schema requires a service description")
        XCTAssertTrue(lines.contains { $0.contains("service_list.json: service e85f5bb0…: .email: is false, but the schema asks for text") })
        XCTAssertTrue(lines.contains { $0.contains("taxonomy_term.json") && $0.contains(".term_uri") })
        XCTAssertEqual(batch.errors.count, 17, "each problem once: \(lines.joined(separator: "\n"))")
    }

    func testBadFeedLeavesTheDatabaseExactlyAsItWas() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(read("hsds-uk-3.0"), source: "setup")
        let before = try store.fingerprint()
        let batch = read("oruk-feed-bad")
        XCTAssertFalse(batch.isAcceptable)
        // The CLI never applies such a batch; and were `Store.apply` itself to fail half-way
        // (here a trigger refuses the last service, after the others and every organisation are
        // written), its transaction rolls back and nothing changes.
        let good = read("oruk-feed-good")
        let last = try XCTUnwrap(good.services.last?.id)
        XCTAssertGreaterThan(good.services.count + good.organisations.count, 1, "something is written before the failure")
        try store.failInsertingService(last)
        XCTAssertThrowsError(try store.apply(good, source: "interrupted", replacingAll: true))
        try store.stopFailing()
        XCTAssertEqual(try store.fingerprint(), before)
    }
}

extension Store {
    /// Makes the database refuse one service, as a full disk or a crash would part-way through an import.
    func failInsertingService(_ id: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON service WHEN NEW.id = '\(id.replacingOccurrences(of: "'", with: "''"))'
                BEGIN SELECT RAISE(ABORT, 'interrupted for the test'); END
                """)
        }
    }

    func stopFailing() throws {
        try pool.write { db in try db.execute(sql: "DROP TRIGGER IF EXISTS temp.refuse_one") }
    }
}
