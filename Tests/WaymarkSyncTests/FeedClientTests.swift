import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkSync

/// The real client (AsyncHTTPClient) against a real server on 127.0.0.1: e2e/feed_server.py,
/// serving the official mock feed or a generated one, with faults.
final class FeedClientTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let interop = (root as NSString).deletingLastPathComponent + "/shared/interop"
    static let taxonomy = try! Fixtures(root: root + "/Fixtures").loadTaxonomy()

    var servers: [Process] = []

    override func tearDown() {
        for s in servers where s.isRunning { s.terminate(); s.waitUntilExit() }
        servers = []
    }

    /// Starts the feed server and returns its base URL; it is stopped in tearDown (and stops itself after a minute).
    func serve(_ args: [String]) throws -> FeedEndpoint {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", FeedClientTests.root + "/e2e/feed_server.py", "--lifetime", "60"] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        servers.append(p)
        // The first line is the port; a server that cannot start closes its output.
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let port = try XCTUnwrap(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), "the feed server did not start")
        return try FeedEndpoint("http://127.0.0.1:\(port)")
    }

    func pull(_ endpoint: FeedEndpoint, _ options: SyncOptions = SyncOptions(retry: RetryPolicy(attempts: 3, baseDelay: 0.1))) async throws
        -> (FeedPull, [SyncProgress]) {
        let client = FeedClient(endpoint: endpoint, options: options, taxonomy: FeedClientTests.taxonomy)
        let seen = Seen()
        do {
            let pull = try await client.pull { seen.add($0) }
            await client.shutdown()
            return (pull, seen.all)
        } catch {
            await client.shutdown()
            throw error
        }
    }

    func testTheOfficialGoodFeedIsReadWholeWithServicesFetchedOneByOne() async throws {
        let (pull, progress) = try await pull(try serve(["--feed", FeedClientTests.interop + "/oruk-feed-good"]))
        XCTAssertEqual(pull.servicePages, 1)
        XCTAssertEqual(pull.fetchedOneByOne, 1, "the mock's /services lists one-to-one fields only, so /services/{id} is asked")
        XCTAssertEqual([pull.taxonomies, pull.taxonomyTerms], [1, 1])
        let batch = pull.checked(taxonomy: FeedClientTests.taxonomy)
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.services.map(\.name), ["Community Counselling"])
        XCTAssertFalse(batch.services[0].schedules.isEmpty, "the full service's schedules came from /services/{id}")
        XCTAssertEqual(progress.filter { $0.notice == nil }.map(\.stage), [.services, .taxonomies, .taxonomyTerms])
    }

    func testTheOfficialBadFeedIsRefusedWithURLPageRecordAndField() async throws {
        let (pull, _) = try await pull(try serve(["--feed", FeedClientTests.interop + "/oruk-feed-bad"]))
        let batch = pull.checked(taxonomy: FeedClientTests.taxonomy)
        XCTAssertFalse(batch.isAcceptable)
        let first = try XCTUnwrap(batch.errors.first?.description)
        XCTAssertTrue(first.contains("/services"), first)
        XCTAssertTrue(batch.errors.contains { $0.record?.hasPrefix("service ") == true && $0.path != nil }, "\(batch.errors)")
    }

    func testPagedFullFeedIsReadPageByPageWithoutPerServiceRequests() async throws {
        let (pull, progress) = try await pull(try serve(["--generated", "7"]), SyncOptions(perPage: 3))
        XCTAssertEqual(pull.servicePages, 3)
        XCTAssertEqual(pull.fetchedOneByOne, 0)
        XCTAssertEqual(pull.checked(taxonomy: FeedClientTests.taxonomy).services.count, 7)
        let pages = progress.filter { $0.stage == .services && $0.notice == nil }
        XCTAssertEqual(pages.map(\.page), [1, 2, 3])
        XCTAssertEqual(pages.last?.services, 7)
        XCTAssertEqual(pages.last?.totalServices, 7)
    }

    func testTwo500sThenSuccessIsRetriedWithNotices() async throws {
        let (pull, progress) = try await pull(try serve(["--generated", "4", "--fail-page", "2", "--fail-times", "2"]),
                                              SyncOptions(perPage: 2, retry: RetryPolicy(attempts: 3, baseDelay: 0.1)))
        XCTAssertEqual(pull.checked(taxonomy: FeedClientTests.taxonomy).services.count, 4)
        let notices = progress.compactMap(\.notice)
        XCTAssertEqual(notices.count, 2, "\(notices)")
        XCTAssertTrue(notices[0].contains("HTTP 500") && notices[0].contains("try 2 of 3"), notices[0])
    }

    func test429WaitsForRetryAfter() async throws {
        let start = Date()
        let (pull, progress) = try await pull(try serve(["--generated", "2", "--fail-page", "1", "--fail-times", "1",
                                                         "--fail-status", "429", "--retry-after", "1"]))
        XCTAssertEqual(pull.servicesListed, 2)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 1, "Retry-After: 1 was waited for")
        XCTAssertTrue(progress.compactMap(\.notice).first?.contains("trying again in 1.0 s") == true)
    }

    func testRetryAfterBeyondTheBoundStopsAtOnce() async throws {
        let endpoint = try serve(["--generated", "2", "--fail-page", "1", "--fail-status", "503", "--retry-after", "3600"])
        do {
            _ = try await pull(endpoint)
            XCTFail("a feed asking for an hour's wait was waited for")
        } catch let e as SyncError {
            XCTAssertTrue(e.description.contains("asked Waymark to wait 3600 s"), e.description)
        }
    }

    func testAConnectionDroppedMidPageFailsNamingThePage() async throws {
        let endpoint = try serve(["--generated", "4", "--drop-page", "2"])
        do {
            _ = try await pull(endpoint, SyncOptions(perPage: 2, retry: RetryPolicy(attempts: 2, baseDelay: 0.1)))
            XCTFail("a page cut short was accepted")
        } catch let e as SyncError {
            guard case .transport(let place, let url, _, let attempts) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(place, "services page 2 of 2")
            XCTAssertTrue(url.contains("page=2"), url)
            XCTAssertEqual(attempts, 2)
        }
    }

    func testAFeedThatHangsTimesOut() async throws {
        let endpoint = try serve(["--generated", "2", "--hang-page", "1"])
        do {
            _ = try await pull(endpoint, SyncOptions(timeout: 1, retry: RetryPolicy(attempts: 1)))
            XCTFail("a feed that never answers was waited for")
        } catch let e as SyncError {
            XCTAssertTrue(e.description.contains("within 1 s"), e.description)
        }
    }

    func testModifiedAfterAsksOnlyForChanges() async throws {
        let endpoint = try serve(["--generated", "5"])
        let (all, _) = try await pull(endpoint)
        XCTAssertEqual(all.servicesListed, 5)
        let (none, _) = try await pull(endpoint, SyncOptions(modifiedAfter: Date().addingTimeInterval(-60)))
        XCTAssertEqual(none.servicesListed, 0, "nothing changed in the last minute")
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [SyncProgress] = []
    func add(_ p: SyncProgress) { lock.lock(); items.append(p); lock.unlock() }
    var all: [SyncProgress] { lock.lock(); defer { lock.unlock() }; return items }
}
