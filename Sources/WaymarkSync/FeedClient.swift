import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WaymarkCore

/// What `waymark sync` asks of a feed.
public struct SyncOptions: Sendable {
    /// Only what changed on or after this time (`modified_after`); nil reads the whole feed.
    public var modifiedAfter: Date?
    public var perPage: Int
    /// Seconds to wait for a connection, and for each part of an answer.
    public var timeout: TimeInterval
    public var retry: RetryPolicy
    public var maxResponseBytes: Int
    /// `/services/{id}` requests in flight at once, for feeds whose pages are not full services.
    public var concurrency: Int
    /// The longest feed read: a feed that never says "last page" stops here.
    public var maxPages: Int

    public init(modifiedAfter: Date? = nil, perPage: Int = 100, timeout: TimeInterval = 30, retry: RetryPolicy = RetryPolicy(),
                maxResponseBytes: Int = 64 << 20, concurrency: Int = 4, maxPages: Int = 100_000) {
        self.modifiedAfter = modifiedAfter
        self.perPage = perPage
        self.timeout = timeout
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.concurrency = max(1, concurrency)
        self.maxPages = maxPages
    }
}

/// Everything read from a feed, not yet checked as services: the reader does that, all at once.
public struct FeedPull: Sendable {
    /// The service documents, each named by its page or record and URL.
    public var documents: [FeedDocument] = []
    /// Problems found in taxonomy records and in the feed's answers.
    public var issues: [ImportIssue] = []
    public var notes: [String] = []
    public var servicePages = 0
    public var servicesListed = 0
    /// Services the pages listed without their details, so each was asked for at `/services/{id}`.
    public var fetchedOneByOne = 0
    public var taxonomies = 0
    public var taxonomyTerms = 0
    public var requests = 0
}

/// The ORUK feed client. It only reads; nothing here touches the database.
public final class FeedClient: Sendable {
    public let endpoint: FeedEndpoint
    public let options: SyncOptions
    let http: HTTPClient
    let taxonomy: Taxonomy?
    let counter = RequestCounter()

    public init(endpoint: FeedEndpoint, options: SyncOptions, taxonomy: Taxonomy?) {
        self.endpoint = endpoint
        self.options = options
        self.taxonomy = taxonomy
        let timeout = TimeAmount.milliseconds(Int64(options.timeout * 1000))
        var config = HTTPClient.Configuration(timeout: .init(connect: timeout, read: timeout),
                                              decompression: .enabled(limit: .ratio(100)))
        config.redirectConfiguration = .follow(max: 5, allowCycles: false)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Reads the whole feed (or what changed since `modifiedAfter`): services page by page, with
    /// `/services/{id}` for any listed without details, then taxonomies and terms.
    public func pull(progress: @escaping @Sendable (SyncProgress) -> Void) async throws -> FeedPull {
        let clock = ContinuousClock(), start = clock.now
        func elapsed() -> TimeInterval {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        var pull = FeedPull()
        var pageDocuments: [FeedDocument] = []
        var query: [(String, String)] = [("full", "true")]
        if let since = options.modifiedAfter { query.append(("modified_after", FeedEndpoint.timestamp(since))) }

        try await pages("/services", query: query, stage: .services, elapsed: elapsed, progress: progress,
                        servicesSoFar: { pull.servicesListed }) { page, data, root, items in
            pull.servicePages += 1
            pull.servicesListed += items.count
            // A full service carries its lists (schedules, locations, phones…); a list entry has one-to-one fields only.
            let bare = items.compactMap { $0 as? [String: Any] }.filter { item in
                item["id"] is String && !item.values.contains { $0 is [Any] }
            }
            if bare.isEmpty {
                pull.documents.append(FeedDocument(name: page, data: data))
                return
            }
            // The page is checked too, after the details, so that a detail fills what its entry lacks
            // and an entry's own errors (a missing name) are still reported.
            pageDocuments.append(FeedDocument(name: page, data: data))
            let ids = bare.map { $0["id"] as! String }
            let (docs, issues) = try await self.details(ids, from: page)
            pull.documents += docs
            pull.issues += issues
            pull.fetchedOneByOne += ids.count
        }

        for (path, stage, kind) in [("/taxonomies", SyncProgress.Stage.taxonomies, "taxonomy"), ("/taxonomy_terms", .taxonomyTerms, "taxonomy term")] {
            do {
                try await pages(path, query: [], stage: stage, elapsed: elapsed, progress: progress,
                                servicesSoFar: { pull.servicesListed }) { page, _, _, items in
                    for (i, item) in items.enumerated() {
                        guard let record = item as? [String: Any] else {
                            pull.issues.append(ImportIssue(.error, file: page, path: "contents[\(i)]", message: "is not an object"))
                            continue
                        }
                        pull.issues += HSDSReader(taxonomy: self.taxonomy).checkVocabularyRecord(record, file: page, kind: kind)
                    }
                    if stage == .taxonomies { pull.taxonomies += items.count } else { pull.taxonomyTerms += items.count }
                }
            } catch SyncError.http(let place, let url, 404, _, _) where place == "\(stage.rawValue) page 1" {
                // Only /services is required of a feed; taxonomies are optional.
                pull.notes.append("\(url) is not there (HTTP 404); the feed publishes no \(stage.rawValue), so none were read")
            }
        }
        pull.documents += pageDocuments
        pull.requests = counter.value
        return pull
    }

    /// Reads `path` page by page, following the spec's `Page` object (`page_number`, `total_pages`,
    /// `last_page`, `contents`), until the last page; hands each page to `each`.
    func pages(_ path: String, query: [(String, String)], stage: SyncProgress.Stage, elapsed: @escaping () -> TimeInterval,
               progress: @escaping @Sendable (SyncProgress) -> Void, servicesSoFar: () -> Int,
               each: (_ name: String, _ data: Data, _ root: [String: Any], _ items: [Any]) async throws -> Void) async throws {
        var number = 1
        var previousFirstID: String?
        var totalPages: Int?, totalItems: Int?
        while true {
            let url = endpoint.url(path, [("page", "\(number)"), ("per_page", "\(options.perPage)")] + query)
            let place = "\(stage.rawValue) page \(number)" + (totalPages.map { " of \($0)" } ?? "")
            let data = try await get(url, place: place) { notice in
                progress(SyncProgress(stage: stage, page: number, totalPages: totalPages, services: 0, totalServices: totalItems,
                                      elapsed: elapsed(), notice: notice))
            }
            let root: [String: Any]
            do {
                guard let dict = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    throw SyncError.notAPage(place: place, url: url, detail: "the answer is not a JSON object")
                }
                root = dict
            } catch let e as SyncError { throw e } catch {
                let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
                throw SyncError.notJSON(place: place, url: url, detail: detail)
            }
            guard let items = root["contents"] as? [Any] else {
                throw SyncError.notAPage(place: place, url: url, detail: root["contents"] == nil ? "it has no \"contents\" list" : "\"contents\" is not a list")
            }
            let int = { (key: String) -> Int? in (root[key] as? NSNumber).map(\.intValue) }
            totalPages = int("total_pages") ?? totalPages
            totalItems = int("total_items") ?? totalItems
            if let n = int("page_number"), n != number {
                throw SyncError.paging(place: place, url: url, detail: "asked for page \(number), it sent page \(n)")
            }
            let firstID = (items.first as? [String: Any])?["id"] as? String
            if number > 1, let firstID, firstID == previousFirstID {
                throw SyncError.paging(place: place, url: url, detail: "page \(number) begins with the same record as page \(number - 1)")
            }
            previousFirstID = firstID
            let name = "\(place) (\(url))"
            try await each(name, data, root, items)
            progress(SyncProgress(stage: stage, page: number, totalPages: totalPages, services: servicesSoFar(),
                                  totalServices: stage == .services ? totalItems : nil, elapsed: elapsed()))
            let last = (root["last_page"] as? Bool) == true || (totalPages.map { number >= $0 } ?? false) || items.isEmpty
            if last { return }
            if number >= options.maxPages {
                throw SyncError.paging(place: place, url: url, detail: "still no last page after \(options.maxPages) pages")
            }
            number += 1
        }
    }

    /// `/services/{id}` for each id, a few at a time, kept in the order asked. A listed service the
    /// feed cannot show (404) is an error in the feed, reported with the others rather than alone.
    func details(_ ids: [String], from page: String) async throws -> ([FeedDocument], [ImportIssue]) {
        let listed = String(page.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
        return try await withThrowingTaskGroup(of: (Int, FeedDocument?, ImportIssue?).self) { group in
            var results = [FeedDocument?](repeating: nil, count: ids.count)
            var issues = [ImportIssue?](repeating: nil, count: ids.count)
            var next = 0
            func start() {
                let i = next, id = ids[i]
                next += 1
                group.addTask {
                    let url = self.endpoint.service(id: id)
                    let place = "service \(id) (listed on \(listed))"
                    let data: Data
                    do {
                        data = try await self.get(url, place: place) { _ in }
                    } catch SyncError.http(_, _, 404, _, _) {
                        return (i, nil, ImportIssue(.error, file: "\(listed) (\(url))", record: "service \(id)",
                                                    message: "is listed, but \(url) answers 404 (not found)"))
                    }
                    let sent = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["id"] as? String
                    if let sent, sent != id {
                        return (i, nil, ImportIssue(.error, file: "\(listed) (\(url))", record: "service \(id)", path: ".id",
                                                    message: "asked for service \(id), the feed sent service \(sent)"))
                    }
                    return (i, FeedDocument(name: "\(place) (\(url))", data: data), nil)
                }
            }
            while next < min(options.concurrency, ids.count) { start() }
            while let (i, doc, issue) = try await group.next() {
                results[i] = doc
                issues[i] = issue
                if next < ids.count { start() }
            }
            return (results.compactMap { $0 }, issues.compactMap { $0 })
        }
    }

    /// One GET, tried again with backoff on 5xx, 429 and broken connections, honouring `Retry-After`.
    func get(_ url: String, place: String, notice: (String) -> Void) async throws -> Data {
        var attempt = 1
        while true {
            counter.add()
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "waymark-sync")
            let failure: (reason: String, retryAfter: TimeInterval?, status: Int?, body: String)
            do {
                let response = try await http.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
                let status = Int(response.status.code)
                if status == 200 {
                    var body = try await response.body.collect(upTo: options.maxResponseBytes)
                    return Data(body.readBytes(length: body.readableBytes) ?? [])
                }
                let body = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
                guard RetryPolicy.isRetryable(status: status) else {
                    throw SyncError.http(place: place, url: url, status: status, body: body, attempts: attempt)
                }
                failure = ("HTTP \(status)", response.headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0, now: Date()) }, status, body)
            } catch let e as SyncError {
                throw e
            } catch is NIOTooManyBytesError {
                throw SyncError.tooLarge(place: place, url: url, limit: options.maxResponseBytes)
            } catch {
                failure = (FeedClient.describe(error, timeout: options.timeout), nil, nil, "")
            }
            guard attempt < options.retry.attempts else {
                if let status = failure.status {
                    throw SyncError.http(place: place, url: url, status: status, body: failure.body, attempts: attempt)
                }
                throw SyncError.transport(place: place, url: url, reason: failure.reason, attempts: attempt)
            }
            guard let wait = options.retry.delay(afterAttempt: attempt, retryAfter: failure.retryAfter) else {
                throw SyncError.retryAfterTooLong(place: place, url: url, seconds: Int(failure.retryAfter ?? 0),
                                                  limit: Int(options.retry.maxRetryAfter))
            }
            attempt += 1
            notice("\(place): \(failure.reason); trying again in \(String(format: "%.1f", wait)) s (try \(attempt) of \(options.retry.attempts))")
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    /// A transport failure in words a user can act on.
    static func describe(_ error: Error, timeout: TimeInterval) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .readTimeout, .deadlineExceeded: return "no answer within \(Int(timeout)) s (timed out)"
            case .connectTimeout: return "could not connect within \(Int(timeout)) s"
            case .remoteConnectionClosed: return "the feed closed the connection before its answer was complete"
            default: break
            }
        }
        if error is HTTPParserError { return "the feed's answer was cut short or is not valid HTTP (\(error))" }
        let text = "\(error)"
        if text.localizedCaseInsensitiveContains("refused") { return "the connection was refused: nothing is listening at that address" }
        return "the request failed (\(text))"
    }
}

/// Requests made, for the summary.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
