import Foundation

/// The addresses of an ORUK / HSDS 3.0 API, built from its base URL as `schemas/oruk-3.0/openapi.json`
/// names them: `/services`, `/services/{id}`, `/taxonomies`, `/taxonomy_terms`.
public struct FeedEndpoint: Sendable, Equatable {
    /// The base, without a trailing slash: "https://example.org/api".
    public let base: String

    public init(_ text: String) throws {
        var t = text.trimmingCharacters(in: .whitespaces)
        while t.hasSuffix("/") { t.removeLast() }
        guard let c = URLComponents(string: t), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty, c.query == nil, c.fragment == nil else { throw SyncError.badURL(text) }
        base = t
    }

    /// "https://example.org/api/services?page=2&per_page=100&full=true", with each value percent-encoded.
    public func url(_ path: String, _ query: [(String, String)] = []) -> String {
        var c = URLComponents(string: base + path)!
        if !query.isEmpty { c.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        // URLComponents leaves "+" and ":" alone; a feed reads "+" in a date as a space.
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return c.string!
    }

    public func service(id: String) -> String {
        url("/services/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id))
    }

    /// A short default name for the source: the host, without "www." ("api.bathnes.gov.uk").
    public var suggestedName: String {
        var host = URLComponents(string: base)?.host?.lowercased() ?? "feed"
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if let port = URLComponents(string: base)?.port { host += "-\(port)" }
        return host
    }

    /// `modified_after` as the spec's date-time: UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
