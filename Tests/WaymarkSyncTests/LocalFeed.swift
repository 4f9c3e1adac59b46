import Foundation
import Hummingbird
import Logging
import NIOCore
import WaymarkCore
import WaymarkSync
import WaymarkTestSupport

/// A real HTTP server on 127.0.0.1 (Hummingbird, port 0), running only while `body` runs.
///
/// Nothing here can outlive its test: the server runs in a child task of a task group that is
/// cancelled when `body` returns or throws, and the group is awaited, so the server has stopped
/// (and its port is closed) before `with` returns. A server that cannot start ends the wait for
/// its port instead of leaving it hanging.
enum LocalFeed {
    struct NotStarted: Error, CustomStringConvertible {
        var description: String { "the local feed server did not start on 127.0.0.1" }
    }

    static func with<T: Sendable>(_ router: Router<BasicRequestContext>,
                                  _ body: @escaping @Sendable (_ base: String) async throws -> T) async throws -> T {
        var logger = Logger(label: "local-feed")
        logger.logLevel = .critical
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router,
                              configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "local-feed"),
                              onServerRunning: { channel in
                                  if let p = channel.localAddress?.port { port.yield(p) }
                                  port.finish()
                              },
                              logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { port.finish() }
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            defer { group.cancelAll() }
            var bound: Int?
            for await p in ports { bound = p; break }
            guard let bound else { throw NotStarted() }
            let result = try await body("http://127.0.0.1:\(bound)")
            group.cancelAll()
            // Wait for the server to stop; its cancellation is not an error of the test.
            while let _ = try? await group.next() {}
            return result
        }
    }

    /// A feed client for `base`, shut down whatever `body` does: its HTTPClient never outlives the test.
    static func client<T: Sendable>(_ base: String, _ options: SyncOptions,
                                    _ body: @Sendable (FeedClient) async throws -> T) async throws -> T {
        let client = FeedClient(endpoint: try FeedEndpoint(base), options: options, taxonomy: Repo.taxonomy)
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Quick options: short timeouts and waits, so a fault is met in a fraction of a second.
    static func options(perPage: Int = 2, timeout: TimeInterval = 5, attempts: Int = 1) -> SyncOptions {
        SyncOptions(perPage: perPage, timeout: timeout, retry: RetryPolicy(attempts: attempts, baseDelay: 0.05, maxDelay: 0.2, maxRetryAfter: 5))
    }

    /// `n` full services made from the official mock feed's service: each a different uuid and name.
    static func services(_ n: Int) throws -> [JSONValue] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.interop + "/oruk-feed-good/service_full.json"))
        let template = try objectOf(JSONValue(any: try JSONSerialization.jsonObject(with: data)))
        return (1...n).map { i in
            var s = template
            s["id"] = .string(String(format: "7a0c3c6e-0000-4000-8000-%012d", i))
            s["name"] = .string("Feed service \(i)")
            return .object(s)
        }
    }

    private static func objectOf(_ v: JSONValue) throws -> [String: JSONValue] {
        guard let o = v.objectValue else { throw NotStarted() }
        return o
    }

    /// The spec's `Page` object of `items`, page `page` of `perPage` each.
    static func page(_ items: [JSONValue], page: Int, perPage: Int) -> JSONValue {
        let pages = max(1, (items.count + perPage - 1) / perPage)
        let contents = Array(items.dropFirst((page - 1) * perPage).prefix(perPage))
        return .object(["total_items": .int(items.count), "total_pages": .int(pages), "page_number": .int(page), "size": .int(contents.count),
                        "first_page": .bool(page == 1), "last_page": .bool(page >= pages), "empty": .bool(contents.isEmpty),
                        "contents": .array(contents)])
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        let data = try! JSONEncoder().encode(value)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// What the server saw: each request's path and query, and when, in order.
final class Requests: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [(uri: String, at: ContinuousClock.Instant)] = []

    func add(_ request: Request) {
        lock.lock(); seen.append((request.uri.description, ContinuousClock.now)); lock.unlock()
    }
    var uris: [String] { lock.lock(); defer { lock.unlock() }; return seen.map(\.uri) }
    func times(_ prefix: String) -> [ContinuousClock.Instant] {
        lock.lock(); defer { lock.unlock() }
        return seen.filter { $0.uri.hasPrefix(prefix) }.map(\.at)
    }
    func count(_ prefix: String) -> Int { times(prefix).count }
}

/// Progress lines the client reported, kept for assertions.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ p: SyncProgress) { if let n = p.notice { lock.lock(); lines.append(n); lock.unlock() } }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
