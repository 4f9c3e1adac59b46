import XCTest
@testable import WaymarkCore

/// Sources: a sync is stored in one transaction, a full one removes what the feed dropped,
/// a switched-off source leaves the directory, and the title bar's wording.
final class SourcesTests: XCTestCase {
    func feed(_ names: [String], full: Bool = true, at started: Date = Date()) -> FeedSync {
        var batch = ImportBatch()
        batch.organisations = [Organisation(id: "org-1", name: "Feed org")]
        batch.services = names.map { n in
            var s = sampleService(id: "feed-" + n.prefix(1))
            s.name = n
            return s
        }
        return FeedSync(name: "council", url: "http://127.0.0.1:1/api", batch: batch, isFull: full, startedAt: started,
                        taxonomies: 1, taxonomyTerms: 2)
    }

    func names(_ store: Store) throws -> [String] { try store.loadDirectory().services.map(\.name).sorted() }

    func testFullSyncAddsChangesAndRemovesOnlyItsOwnServices() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Repo.bundledBatch(), source: "bundled", origin: SourceName.sample)
        let sample = try store.serviceCount()

        var outcome = try store.applySync(feed(["a one", "b two", "c three"]))
        XCTAssertEqual([outcome.added, outcome.changed, outcome.removed], [3, 0, 0])
        XCTAssertEqual(try store.serviceCount(), sample + 3)

        outcome = try store.applySync(feed(["a one", "b two, renamed"], full: false))
        XCTAssertEqual([outcome.added, outcome.changed, outcome.unchanged, outcome.removed], [0, 1, 1, 0],
                       "an incremental sync never removes: the feed only listed what changed")
        XCTAssertTrue(try names(store).contains("c three"))

        outcome = try store.applySync(feed(["a one", "b two, renamed"]))
        XCTAssertEqual(outcome.removed, 1)
        XCTAssertFalse(try names(store).contains("c three"))
        XCTAssertEqual(try store.serviceCount(), sample + 2, "the sample's services are another source's, so they stay")

        let council = try XCTUnwrap(store.source(named: "council"))
        XCTAssertEqual(council.kind, .feed)
        XCTAssertEqual(council.services, 2)
        XCTAssertEqual([council.lastReceived, council.lastRemoved, council.taxonomies, council.taxonomyTerms], [2, 1, 1, 2])
        XCTAssertNotNil(council.lastFullSyncAt)
    }

    /// A feed listing one service per organisation, each with the records a source keeps beside it.
    private func pull(_ organisations: [String]) -> FeedSync {
        var batch = ImportBatch()
        for o in organisations {
            batch.organisations.append(Organisation(id: "org-" + o, name: "Organisation " + o, description: "d"))
            var s = sampleService(id: "svc-" + o)
            s.organisationID = "org-" + o
            s.name = "Service " + o
            batch.services.append(s)
            batch.sources.add(.organisation, id: "org-" + o, .object(["id": .string("org-" + o), "name": .string("Organisation " + o),
                                                                       "description": .string("d"), "funding": .array([.object(["id": .string("fund-" + o), "source": .string("Fund of " + o)])])]))
            batch.sources.add(.service, id: "svc-" + o, .object(["id": .string("svc-" + o), "name": .string("Service " + o), "status": .string("active")]))
            batch.sources.add(.location, id: "loc-" + o, .object(["id": .string("loc-" + o), "name": .string("Hall of " + o), "location_type": .string("physical")]))
        }
        return FeedSync(name: "council", url: "http://127.0.0.1:1/api", batch: batch, isFull: true, startedAt: Date(), taxonomies: 0, taxonomyTerms: 0)
    }

    func testAFullSyncThatDropsAnOrganisationDropsEveryRecordItKept() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.applySync(pull(["a", "b"]))
        XCTAssertNotNil(try store.sourceRecords()[.organisation, "org-b"])
        try store.applySync(pull(["a"]))
        let kept = try store.sourceRecords()
        XCTAssertNil(kept[.organisation, "org-b"], "the dropped organisation's own record")
        XCTAssertNil(kept[.service, "svc-b"], "its service's")
        XCTAssertNil(kept[.location, "loc-b"], "a record of the feed that the full read no longer lists")
        XCTAssertNotNil(kept[.organisation, "org-a"])
        XCTAssertNotNil(kept[.location, "loc-a"])
        let writer = HSDSWriter(taxonomy: Repo.taxonomy, sources: kept)
        let directory = try store.loadDirectory()
        let json = String(decoding: try writer.page(directory), as: UTF8.self)
        let csv = try writer.csvPackage(directory, descriptor: Repo.fixtures.loadDescriptor(.uk)).map { String(decoding: $0.1, as: UTF8.self) }.joined()
        for export in [json, csv] {
            XCTAssertFalse(export.contains("Organisation b") || export.contains("Fund of b") || export.contains("Hall of b"), "an export no longer mentions it")
            XCTAssertTrue(export.contains("Organisation a"))
        }
    }

    func testSwitchingTheSampleOffLeavesOnlyTheFeed() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Repo.bundledBatch(), source: "bundled", origin: SourceName.sample)
        XCTAssertFalse(try store.hasEnabledFeed(), "the sample is no feed")
        try store.applySync(feed(["a one"]))
        XCTAssertTrue(try store.hasEnabledFeed())
        XCTAssertEqual(try store.hasEnabledFeed(), try store.sources().contains { $0.kind == .feed && $0.enabled })
        XCTAssertTrue(try store.showsSample())
        try store.setSource(SourceName.sample, enabled: false)
        XCTAssertEqual(try names(store), ["a one"])
        XCTAssertEqual(try store.loadDirectory().organisations.map(\.id), ["org-1"], "the sample's organisations leave too")
        XCTAssertFalse(try store.showsSample())
        try store.setSource(SourceName.sample, enabled: true)
        XCTAssertEqual(try store.loadDirectory().services.count, Repo.bundledBatch().services.count + 1)
        let feedName = try XCTUnwrap(try store.sources().first { $0.kind == .feed }?.name)
        try store.setSource(feedName, enabled: false)
        XCTAssertFalse(try store.hasEnabledFeed(), "a feed switched off is not shown")
        XCTAssertThrowsError(try store.setSource("nowhere", enabled: false)) { error in
            XCTAssertTrue("\(error)".contains("no source named \"nowhere\""), "\(error)")
        }
    }

    func testAFailedWriteLeavesTheDatabaseAsItWas() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let store = try Store(path: path)
        try store.applySync(feed(["a one", "b two"]))
        let before = try store.fingerprint(), sourcesBefore = try store.sources()
        struct Boom: Error {}
        XCTAssertThrowsError(try store.apply(feed(["z new"]).batch, source: "x", origin: "council") { _ in throw Boom() })
        XCTAssertEqual(try store.fingerprint(), before)
        XCTAssertEqual(try store.sources(), sourcesBefore)
    }

    func testAFeedCannotTakeABuiltInNameOrAnotherFeedsName() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.applySync(feed(["a one"]))
        XCTAssertThrowsError(try store.checkFeedName("sample", url: "http://x")) { XCTAssertEqual($0 as? SourceError, .reserved("sample")) }
        XCTAssertThrowsError(try store.checkFeedName("council", url: "http://elsewhere/api")) { error in
            XCTAssertTrue("\(error)".contains("already syncs from http://127.0.0.1:1/api"), "\(error)")
        }
        XCTAssertNoThrow(try store.checkFeedName("council", url: "http://127.0.0.1:1/api"))
    }

    func testAnOlderDatabaseSeededFromTheSampleCountsItsRowsAsTheSample() throws {
        // The migration runs on a database that already has the sample in it (meta source "bundled").
        let path = Repo.tempDir() + "/w.sqlite"
        let store = try Store(path: path)
        try store.apply(Repo.bundledBatch(), source: "bundled", meta: ["source": "bundled"])
        XCTAssertEqual(try store.sources().map(\.name), ["import"], "applied as an import, before sources knew the sample")
        try store.pool.write { db in
            try db.execute(sql: "DROP TABLE sources; DROP INDEX service_source; DROP INDEX organisation_source; ALTER TABLE service DROP COLUMN source; ALTER TABLE organisation DROP COLUMN source; DELETE FROM grdb_migrations WHERE identifier LIKE '%sync%'")
        }
        let reopened = try Store(path: path)
        XCTAssertEqual(try reopened.sources().map(\.name), ["sample"])
        XCTAssertTrue(try reopened.showsSample())
    }

    func testSyncedWording() {
        let now = ISO8601DateFormatter().date(from: "2026-12-02T12:00:00Z")!
        func source(_ name: String, _ secondsAgo: TimeInterval?, kind: SourceKind = .feed, enabled: Bool = true) -> SourceRecord {
            SourceRecord(name: name, kind: kind, url: nil, enabled: enabled, lastSyncAt: secondsAgo.map { now.addingTimeInterval(-$0) },
                         lastSyncStartedAt: nil, lastFullSyncAt: nil, services: 1, lastReceived: 0, lastAdded: 0, lastChanged: 0,
                         lastRemoved: 0, organisations: 0, taxonomies: 0, taxonomyTerms: 0)
        }
        XCTAssertEqual(SyncStatus.line([source("bath", 3 * 86400 + 60)], now: now), "synced 3 days ago from bath")
        XCTAssertEqual(SyncStatus.line([source("bath", 20)], now: now), "synced just now from bath")
        XCTAssertEqual(SyncStatus.line([source("bath", 60)], now: now), "synced 1 minute ago from bath")
        XCTAssertEqual(SyncStatus.line([source("bath", 5 * 3600)], now: now), "synced 5 hours ago from bath")
        XCTAssertEqual(SyncStatus.line([source("bath", 30 * 3600)], now: now), "synced yesterday from bath")
        XCTAssertEqual(SyncStatus.line([source("bath", 40 * 86400)], now: now), "synced on 23 October 2026 from bath")
        XCTAssertEqual(SyncStatus.line([source("old", 9 * 86400), source("new", 7200), source("off", 10, enabled: false)], now: now),
                       "synced 2 hours ago from new (+1 more)", "the newest of the feeds that are on")
        XCTAssertNil(SyncStatus.line([source("sample", 10, kind: .sample), source("never", nil)], now: now),
                     "the sample and imports are not synced, and a feed never synced says nothing")
        XCTAssertEqual(SyncStatus.line([source("bath\u{1B}[31m", 120)], now: now), "synced 2 minutes ago from bath",
                       "a name is data: its escape sequence never reaches the terminal")
    }
}
