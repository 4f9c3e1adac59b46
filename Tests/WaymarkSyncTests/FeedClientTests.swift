import Foundation
import Hummingbird
import XCTest
@testable import WaymarkCore
@testable import WaymarkSync
import WaymarkTestSupport

/// The real `FeedClient` (AsyncHTTPClient) against a real HTTP server on 127.0.0.1, started in the
/// test (`LocalFeed`). Every wait is bounded: the client's timeouts and retry waits are short, the
/// server stops when each test's body ends, and the client is shut down on every path.
final class FeedClientTests: XCTestCase {
    /// A feed of `services` full services, paged by `page` and `per_page`, with no taxonomies.
    static func pagedFeed(_ services: [JSONValue], seen: Requests) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/services") { request, _ in
            seen.add(request)
            let page = request.uri.queryParameters.get("page", as: Int.self) ?? 1
            let perPage = request.uri.queryParameters.get("per_page", as: Int.self) ?? 10
            return LocalFeed.json(LocalFeed.page(services, page: page, perPage: perPage))
        }
        router.get("/taxonomies") { request, _ in seen.add(request); return LocalFeed.json(.object(["message": "none"]), status: .notFound) }
        router.get("/taxonomy_terms") { request, _ in seen.add(request); return LocalFeed.json(.object(["message": "none"]), status: .notFound) }
        return router
    }

    func testPagesOfFullServicesAreReadToTheLastAndKeepEachServiceAsTheFeedWroteIt() async throws {
        let services = try LocalFeed.services(5)
        let seen = Requests()
        let pull = try await LocalFeed.with(Self.pagedFeed(services, seen: seen)) { base in
            try await LocalFeed.client(base, LocalFeed.options(perPage: 2)) { client in
                try await client.pull(progress: { _ in })
            }
        }
        XCTAssertEqual(seen.uris.filter { $0.hasPrefix("/services") },
                       (1...3).map { "/services?page=\($0)&per_page=2&full=true" }, "three pages of two, in order, asking for full services")
        XCTAssertEqual(pull.servicePages, 3)
        XCTAssertEqual(pull.servicesListed, 5)
        XCTAssertEqual(pull.fetchedOneByOne, 0, "full services need no /services/{id}")
        XCTAssertEqual(pull.requests, 5, "three pages, and one 404 each for the optional taxonomies and terms")
        XCTAssertEqual(pull.notes.count, 2, "the missing taxonomies are a note, not an error: \(pull.notes)")

        let batch = pull.checked(taxonomy: Repo.taxonomy)
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.services.map(\.name), (1...5).map { "Feed service \($0)" })
        // Each service is kept as the feed wrote it (less its organisation, kept apart), for a lossless export.
        for s in services {
            var record = try XCTUnwrap(s.objectValue)
            record.removeValue(forKey: "organization")
            let id = try XCTUnwrap(s["id"]?.stringValue)
            XCTAssertTrue(batch.sources[.service, id] == JSONValue.object(record).withoutNulls, "service \(id) is kept as the feed wrote it")
        }
    }

    func testA503IsAskedAgainAfterTheRetryAfterItGives() async throws {
        let services = try LocalFeed.services(1)
        let seen = Requests(), notices = Notices()
        let router = Self.pagedFeed(services, seen: seen)
        let failures = Counter()
        router.get("/busy/services") { request, _ in
            seen.add(request)
            if failures.next() <= 2 { return LocalFeed.json(.object(["message": "busy"]), status: .serviceUnavailable, headers: [.retryAfter: "1"]) }
            return LocalFeed.json(LocalFeed.page(services, page: 1, perPage: 10))
        }
        let pull = try await LocalFeed.with(router) { base in
            try await LocalFeed.client(base + "/busy", LocalFeed.options(attempts: 3)) { client in
                try await client.pull(progress: notices.add)
            }
        }
        XCTAssertEqual(pull.servicesListed, 1, "the third try succeeds")
        let tries = seen.times("/busy/services")
        XCTAssertEqual(tries.count, 3)
        for (a, b) in zip(tries, tries.dropFirst()) {
            XCTAssertGreaterThanOrEqual(b - a, .milliseconds(950), "the client waits the second the feed asked for, not its own 0.05 s backoff")
        }
        XCTAssertEqual(notices.all.count, 2)
        XCTAssertTrue(notices.all.allSatisfy { $0.contains("HTTP 503; trying again in 1.0 s") }, "\(notices.all)")
    }

    func testA404IsNotAskedAgainAndSaysWhichPageAndURL() async throws {
        let seen = Requests()
        let router = Router()
        router.get("/services") { request, _ in seen.add(request); return LocalFeed.json(.object(["message": "no such feed"]), status: .notFound) }
        do {
            _ = try await LocalFeed.with(router) { base in
                try await LocalFeed.client(base, LocalFeed.options(attempts: 4)) { client in
                    try await client.pull(progress: { _ in })
                }
            }
            XCTFail("a 404 for /services stops the sync")
        } catch let SyncError.http(place, url, status, body, attempts) {
            XCTAssertEqual(status, 404)
            XCTAssertEqual(place, "services page 1")
            XCTAssertTrue(url.hasSuffix("/services?page=1&per_page=2&full=true"), url)
            XCTAssertEqual(attempts, 1, "asking again cannot fix a wrong URL")
            XCTAssertTrue(body.contains("no such feed"))
            XCTAssertTrue(SyncError.http(place: place, url: url, status: status, body: body, attempts: attempts).description
                .contains("check the feed's base URL"))
        }
        XCTAssertEqual(seen.count("/services"), 1)
    }

    func testAPageThatIsNotJSONStopsTheSyncNamingThePageAndItsURL() async throws {
        let services = try LocalFeed.services(3)
        let seen = Requests()
        let router = Router()
        router.get("/services") { request, _ in
            seen.add(request)
            if request.uri.queryParameters.get("page") == "2" { return LocalFeed.text("{\"contents\": [{\"id\": ") }
            return LocalFeed.json(LocalFeed.page(services, page: 1, perPage: 2))
        }
        do {
            _ = try await LocalFeed.with(router) { base in
                try await LocalFeed.client(base, LocalFeed.options()) { client in try await client.pull(progress: { _ in }) }
            }
            XCTFail("a page that is not JSON stops the sync")
        } catch let SyncError.notJSON(place, url, _) {
            XCTAssertEqual(place, "services page 2 of 2")
            XCTAssertTrue(url.hasSuffix("/services?page=2&per_page=2&full=true"), url)
        }
    }

    func testABadFieldOnAPageIsAnErrorNamingThePageURLTheRecordAndTheField() async throws {
        var services = try LocalFeed.services(3)
        services[2] = .object(try XCTUnwrap(services[2].objectValue).merging(["email": "not an email"]) { _, new in new })
        let pull = try await LocalFeed.with(Self.pagedFeed(services, seen: Requests())) { base in
            try await LocalFeed.client(base, LocalFeed.options()) { client in try await client.pull(progress: { _ in }) }
        }
        let errors = pull.checked(taxonomy: Repo.taxonomy).errors
        XCTAssertEqual(errors.count, 1, "\(errors)")
        let e = try XCTUnwrap(errors.first)
        XCTAssertTrue(e.file.hasPrefix("services page 2 of 2 (http://127.0.0.1:"), e.file)
        XCTAssertTrue(e.file.hasSuffix("/services?page=2&per_page=2&full=true)"), e.file)
        XCTAssertEqual(e.record, "service 7a0c3c6e…")
        XCTAssertEqual(e.path, ".email")
    }

    func testAFeedThatNeverAnswersTimesOutAndIsTriedAgainThenStops() async throws {
        let seen = Requests()
        let router = Router()
        router.get("/services") { request, _ in
            seen.add(request)
            // Longer than the client waits; the server's stop cancels this sleep.
            try await Task.sleep(for: .seconds(30))
            return LocalFeed.json(.object([:]))
        }
        let clock = ContinuousClock(), start = clock.now
        do {
            _ = try await LocalFeed.with(router) { base in
                try await LocalFeed.client(base, LocalFeed.options(timeout: 1, attempts: 2)) { client in try await client.pull(progress: { _ in }) }
            }
            XCTFail("a feed that never answers stops the sync")
        } catch let SyncError.transport(place, _, reason, attempts) {
            XCTAssertEqual(place, "services page 1")
            XCTAssertEqual(reason, "no answer within 1 s (timed out)")
            XCTAssertEqual(attempts, 2)
        }
        XCTAssertEqual(seen.count("/services"), 2, "a timeout is tried again")
        XCTAssertLessThan(clock.now - start, .seconds(15), "the server's stop does not wait for the hung answer")
    }

    func testAClientShutDownRefusesAtOnceInsteadOfWaiting() async throws {
        let seen = Requests()
        try await LocalFeed.with(Self.pagedFeed(try LocalFeed.services(1), seen: seen)) { base in
            let client = FeedClient(endpoint: try FeedEndpoint(base), options: LocalFeed.options(), taxonomy: Repo.taxonomy)
            await client.shutdown()
            do {
                _ = try await client.pull(progress: { _ in })
                XCTFail("a shut-down client makes no request")
            } catch let SyncError.transport(place, _, _, attempts) {
                XCTAssertEqual(place, "services page 1")
                XCTAssertEqual(attempts, 1)
            }
        }
        XCTAssertEqual(seen.uris, [], "nothing reached the server")
    }
}

/// Counts calls from concurrent handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}
