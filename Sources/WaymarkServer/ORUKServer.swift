import Foundation
import Hummingbird
import Logging
import NIOCore
import WaymarkCore

/// `waymark serve`: the HSDS-UK 3.0 API over Hummingbird 2. Read-only (GET and HEAD only);
/// shuts down cleanly on SIGTERM and SIGINT through swift-service-lifecycle's ServiceGroup.
public enum ORUKServer {
    /// The router: one route per endpoint of `schemas/oruk-3.0/openapi.json`, behind the
    /// middleware that logs, answers errors as JSON and adds the caching and CORS headers.
    public static func router(api: ORUKAPI, log: RequestLog? = RequestLog.standardError) -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        if let log { router.add(middleware: log) }
        router.add(middleware: ErrorMiddleware())

        func list(_ collection: Collection, _ answer: @escaping @Sendable (ListQuery) throws -> Resource) {
            router.get(RouterPath(collection.rawValue)) { request, _ in
                let query = try ListQuery(parameters(request), accepted: collection.parameters)
                return try respond(request, answer(query))
            }
        }
        func one(_ collection: Collection, accepted: Set<QueryParameter> = [], _ answer: @escaping @Sendable (String, ListQuery) throws -> Resource) {
            router.get(RouterPath("\(collection.rawValue)/:id")) { request, context in
                let id = try context.parameters.require("id")
                let query = try ListQuery(parameters(request), accepted: accepted)
                return try respond(request, answer(id.removingPercentEncoding ?? id, query))
            }
        }

        router.get("/") { request, _ in try respond(request, api.root(host: request.head.authority)) }
        router.get("/openapi.json") { request, _ in try respond(request, api.openAPIDocument()) }
        list(.services) { try api.services($0) }
        one(.services) { id, _ in try api.service(id) }
        list(.taxonomies) { try api.taxonomies($0) }
        one(.taxonomies) { id, _ in try api.taxonomy(id) }
        list(.taxonomy_terms) { try api.taxonomyTerms($0) }
        one(.taxonomy_terms) { id, _ in try api.taxonomyTerm(id) }
        list(.organizations) { try api.organizations($0) }
        one(.organizations, accepted: [.full_service]) { id, q in try api.organization(id, q) }
        list(.service_at_locations) { try api.serviceAtLocations($0) }
        one(.service_at_locations) { id, _ in try api.serviceAtLocation(id) }
        return router
    }

    /// The application, bound to `host:port`. `onListening` is told the port actually bound
    /// (port 0 picks a free one).
    public static func application(api: ORUKAPI, host: String, port: Int, log: RequestLog? = RequestLog.standardError,
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "waymark-serve")
        // Hummingbird's own start-up lines would go to stdout; Waymark says what it needs itself.
        logger.logLevel = .error
        return Application(
            router: router(api: api, log: log),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "waymark"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in request.uri.queryParameters where out[String(k)] == nil { out[String(k)] = String(v) }
        return out
    }

    /// The answer to a GET: 304 when the client's copy is current (by ETag first, else by date),
    /// gzip when the client accepts it, and the caching headers either way.
    static func respond(_ request: Request, _ resource: Resource) throws -> Response {
        let etag = "\"" + ETag.of(resource.body) + "\""
        let lastModified = Timestamp.http(resource.lastModified)
        var headers: HTTPFields = [.eTag: etag, .lastModified: lastModified, .cacheControl: "no-cache", .vary: "Accept-Encoding"]
        if ConditionalGET.notModified(ifNoneMatch: request.headers[.ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince],
                                      etag: etag, lastModified: resource.lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = resource.contentType + "; charset=utf-8"
        var body = ByteBuffer(bytes: resource.body)
        if Gzip.accepted(request.headers[.acceptEncoding]), resource.body.count > Gzip.minimumSize {
            body = try body.gzipped()
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// The strong validator of a body: FNV-1a over its bytes, enough to tell two versions of a
/// record apart (the directory does not change while the server runs, so it is computed from the
/// rendered answer, never stored).
enum ETag {
    static func of(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for b in raw { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return String(h, radix: 16) + "-" + String(data.count, radix: 16)
    }
}

/// RFC 9110 §13.1: `If-None-Match` decides when present; only without it does `If-Modified-Since`.
public enum ConditionalGET {
    public static func notModified(ifNoneMatch: String?, ifModifiedSince: String?, etag: String, lastModified: Date) -> Bool {
        if let given = ifNoneMatch {
            return given.split(separator: ",").contains { tag in
                let t = tag.trimmingCharacters(in: .whitespaces)
                return t == "*" || t == etag || t == "W/" + etag
            }
        }
        if let since = ifModifiedSince.flatMap(Timestamp.parseHTTP) {
            // HTTP dates have whole seconds.
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }
}

/// Turns every error into the API's JSON error body, with the same CORS header as any answer.
/// An error the handlers did not mean (not an `APIError` or an `HTTPError`) is a 500 that says
/// only that something failed, and is logged.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            // Read-only: every path answers only GET and HEAD, whether or not it exists.
            guard request.method == .get || request.method == .head else {
                throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
            }
            response = try await next(request, context)
        } catch let e as APIError {
            response = Self.json(e)
        } catch let e as HTTPError {
            let status = Int(e.status.code)
            let kind: APIError.Kind = status == 404 ? .notFound : status == 405 ? .methodNotAllowed : status < 500 ? .badParameter : .server
            let message = status == 404 ? "no such endpoint: \(request.uri.path); / describes the API, whose lists are /\(Collection.allCases.map(\.rawValue).joined(separator: ", /"))"
                : status == 405 ? "\(request.method) is not allowed: this API is read-only; use GET" : e.body ?? "\(e.status.reasonPhrase)"
            response = Self.json(APIError(kind: kind, message: message), status: e.status)
            for field in e.headers { response.headers.append(field) }
        } catch {
            StandardStream.error.writeLine(RequestLog.failure(request, error))
            response = Self.json(APIError(kind: .server, message: "the server could not answer this request; the server's log says why"))
        }
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }

    static func json(_ e: APIError, status: HTTPResponse.Status? = nil) -> Response {
        struct Body: Encodable { var status: Int; var error: String; var message: String; var parameter: String? }
        let code = status.map { Int($0.code) } ?? e.kind.status
        let data = (try? ORUKAPI.encode(Body(status: code, error: e.kind.rawValue, message: e.message, parameter: e.parameter))) ?? Data("{}".utf8)
        return Response(status: status ?? HTTPResponse.Status(code: code), headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// One line per request on standard error: method, path and query, status, bytes, milliseconds.
/// The path comes from the client, so the whole line is a `SafeText`: sanitised before it can
/// reach a terminal, and `StandardStream` takes nothing else.
public struct RequestLog: RouterMiddleware {
    public typealias Context = BasicRequestContext
    let write: @Sendable (SafeText) -> Void

    public init(write: @escaping @Sendable (SafeText) -> Void) { self.write = write }

    public static let standardError = RequestLog { line in StandardStream.error.write(line) }

    /// "GET /services?page=2 200 1234B gzip 1.23ms", one line whatever the client sent.
    public static func line(method: String, uri: String, status: Int, bytes: String, encoding: String?, ms: Double) -> SafeText {
        SafeText(line: "\(method) \(uri) \(status) \(bytes)B\(encoding.map { " " + $0 } ?? "") \(String(format: "%.2f", ms))ms") + .newline
    }

    /// The log line for an error the handlers did not mean (the client is told only that it failed).
    static func failure(_ request: Request, _ error: any Error) -> SafeText {
        SafeText(line: "waymark serve: \(request.method) \(request.uri.description) failed: \(error)")
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        write(Self.line(method: "\(request.method)", uri: request.uri.description, status: Int(response.status.code),
                        bytes: response.body.contentLength.map(String.init) ?? "-", encoding: response.headers[.contentEncoding], ms: ms))
        return response
    }
}
