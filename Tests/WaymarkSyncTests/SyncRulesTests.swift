import XCTest
@testable import WaymarkCore
@testable import WaymarkSync

/// The client's rules that need no feed: retries, Retry-After, URLs, the plan, the progress line.
final class SyncRulesTests: XCTestCase {
    func testBackoffDoublesUpToItsCapAndRetryAfterIsObeyedWithinItsBound() {
        let p = RetryPolicy(attempts: 6, baseDelay: 0.5, maxDelay: 3, maxRetryAfter: 60)
        XCTAssertEqual((1...5).map { p.delay(afterAttempt: $0, retryAfter: nil) }, [0.5, 1, 2, 3, 3])
        XCTAssertEqual(p.delay(afterAttempt: 1, retryAfter: 7), 7, "the feed's Retry-After wins over the backoff")
        XCTAssertNil(p.delay(afterAttempt: 1, retryAfter: 3600), "an hour is past the bound: stop and say so, don't sit silent")
        XCTAssertTrue(RetryPolicy.isRetryable(status: 429))
        XCTAssertTrue(RetryPolicy.isRetryable(status: 503))
        XCTAssertFalse(RetryPolicy.isRetryable(status: 404))
        XCTAssertFalse(RetryPolicy.isRetryable(status: 400))
    }

    func testRetryAfterReadsSecondsAndHTTPDates() {
        let now = ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!
        XCTAssertEqual(RetryAfter.seconds("120", now: now), 120)
        XCTAssertEqual(RetryAfter.seconds(" 3 ", now: now), 3)
        XCTAssertEqual(RetryAfter.seconds("Wed, 02 Dec 2026 10:00:30 GMT", now: now), 30)
        XCTAssertEqual(RetryAfter.seconds("Wed, 02 Dec 2026 09:00:00 GMT", now: now), 0, "a date in the past means now")
        XCTAssertNil(RetryAfter.seconds("soon", now: now))
        XCTAssertNil(RetryAfter.seconds("-5", now: now))
    }

    func testEndpointsFollowTheSpecsPaths() throws {
        let e = try FeedEndpoint("https://example.org/api/")
        XCTAssertEqual(e.base, "https://example.org/api")
        XCTAssertEqual(e.url("/services", [("page", "2"), ("per_page", "100"), ("full", "true")]),
                       "https://example.org/api/services?page=2&per_page=100&full=true")
        XCTAssertEqual(e.url("/services", [("modified_after", "2026-12-02T10:00:00+01:00")]),
                       "https://example.org/api/services?modified_after=2026-12-02T10:00:00%2B01:00", "a + in a date is not a space")
        XCTAssertEqual(e.service(id: "a/b c"), "https://example.org/api/services/a%2Fb%20c")
        XCTAssertEqual(e.suggestedName, "example.org")
        XCTAssertEqual(try FeedEndpoint("http://127.0.0.1:8080").suggestedName, "127.0.0.1-8080")
        for bad in ["example.org/api", "ftp://example.org", "https://", "https://example.org/api?x=1", ""] {
            XCTAssertThrowsError(try FeedEndpoint(bad), bad) { XCTAssertTrue("\($0)".contains("is not a feed address"), "\($0)") }
        }
    }

    func testSinceAutoIsIncrementalAfterASyncAndWholeAtLeastWeekly() {
        let now = ISO8601DateFormatter().date(from: "2026-12-02T12:00:00Z")!
        var source = SourceRecord(name: "bath", kind: .feed, url: "x", enabled: true, lastSyncAt: now.addingTimeInterval(-3500),
                                  lastSyncStartedAt: now.addingTimeInterval(-3600), lastFullSyncAt: now.addingTimeInterval(-86400),
                                  services: 1, lastReceived: 1, lastAdded: 1, lastChanged: 0, lastRemoved: 0, organisations: 1,
                                  taxonomies: 0, taxonomyTerms: 0)
        XCTAssertTrue(SyncPlan.resolve(.auto, source: nil, now: now).isFull, "the first sync reads everything")
        let plan = SyncPlan.resolve(.auto, source: source, now: now)
        XCTAssertEqual(plan.modifiedAfter, now.addingTimeInterval(-3600 - SyncPlan.clockAllowance))
        XCTAssertTrue(SyncPlan.resolve(.all, source: source, now: now).isFull)
        source.lastFullSyncAt = now.addingTimeInterval(-8 * 86400)
        XCTAssertTrue(SyncPlan.resolve(.auto, source: source, now: now).isFull, "a week without a full read: read it all to notice removals")
        XCTAssertEqual(SinceChoice(argument: "2026-11-01"), .date(ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z")!))
        XCTAssertEqual(SinceChoice(argument: "2026-11-01T10:00:00Z"), .date(ISO8601DateFormatter().date(from: "2026-11-01T10:00:00Z")!))
        XCTAssertNil(SinceChoice(argument: "last tuesday"))
    }

    func testProgressLineShowsPagesServicesAndRate() {
        let p = SyncProgress(stage: .services, page: 3, totalPages: 10, services: 300, totalServices: 1000, elapsed: 2)
        XCTAssertEqual(p.summary, "services page 3/10 · 300/1000 services · 150.0 services/s")
        XCTAssertEqual(p.bar(width: 80), "[#####..............] services page 3/10 · 300/1000 services · 150.0 services/s")
        let unknown = SyncProgress(stage: .services, page: 2, totalPages: nil, services: 20, totalServices: nil, elapsed: 0)
        XCTAssertEqual(unknown.summary, "services page 2 · 20 services", "no rate before there is time to measure one")
        XCTAssertLessThanOrEqual(p.bar(width: 40).count, 40)
    }

    /// A retry notice carries the feed's URL and what it said; on the terminal it is one clean line.
    func testProgressOnStandardErrorCarriesNoControlFromTheFeed() {
        let hostile = "HTTP 503 from http://feed.example/\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{1B}]0;PWNED\u{07}\u{9B}2J\u{9D}0;T\u{9C}"
            + "\u{90}dcs\u{9C}\u{85}\u{202E}evil\u{2066}\u{200F}\u{061C} x; trying again in 1 s"
        for tty in [true, false] {
            let written = Lines()
            let out = ProgressOutput(tty: tty, width: { 60 }, write: { written.append($0.string) })
            out.show(SyncProgress(stage: .services, page: 1, totalPages: 3, services: 10, totalServices: 30, elapsed: 1))
            out.show(SyncProgress(stage: .services, page: 2, totalPages: 3, services: 0, totalServices: 30, elapsed: 1, notice: hostile))
            out.show(SyncProgress(stage: .services, page: 2, totalPages: 3, services: 20, totalServices: 30, elapsed: 2))
            out.finish()
            // The bar's own CR and CSI K are the only controls, and only on a terminal.
            let all = written.all.joined()
            let own = all.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{1B}[K", with: "")
            XCTAssertFalse(own.unicodeScalars.contains { v in (v.value < 0x20 && v.value != 0x0A) || (0x7F...0x9F).contains(v.value)
                || [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C].contains(v.value) },
                "tty \(tty): \(all.debugDescription)")
            XCTAssertFalse(all.contains("PWNED") || all.contains("cm0g"), "a sequence's payload shows")
            XCTAssertTrue(all.contains("waymark: HTTP 503 from http://feed.example/"), all.debugDescription)
            XCTAssertEqual(all.contains("\u{1B}[K"), tty, "the redraw control only on a terminal")
        }
    }

    /// The index rebuild's bar: in a log, one line to say it started and one that it is done,
    /// however many fractions come; on a terminal, one redraw per new percent and a newline at the end.
    func testFractionProgressIsTwoLinesInALogAndOneRedrawPerPercentOnATerminal() {
        let log = Lines()
        let plain = ProgressOutput(tty: false, width: { 60 }, write: { log.append($0.string) })
        for f in [0.0, 0.004, 0.5, 0.5, 1.0] { plain.show("rebuilding the search index", fraction: f) }
        XCTAssertEqual(log.all, ["waymark: rebuilding the search index…\n", "waymark: rebuilding the search index: done\n"])

        let screen = Lines()
        let tty = ProgressOutput(tty: true, width: { 80 }, write: { screen.append($0.string) })
        for f in [0.0, 0.004, 0.5, 0.5, 1.0] { tty.show("rebuilding the search index", fraction: f) }
        let redraws = screen.all.filter { $0.hasPrefix("\r") }
        XCTAssertEqual(redraws.count, 3, "0%, 50% and 100%, each once: \(screen.all)")
        XCTAssertEqual(redraws.last, "\r[##############################] rebuilding the search index 100%\u{1B}[K")
        XCTAssertEqual(screen.all.last, "\n", "the finished bar is left on its own line")
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
