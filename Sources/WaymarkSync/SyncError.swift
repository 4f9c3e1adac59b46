import Foundation
import WaymarkCore

/// Why a sync stopped before writing anything: what failed, where (the URL and which page or
/// record), and what to do. Every case leaves the database as it was.
public enum SyncError: Error, CustomStringConvertible {
    /// The feed answered with a status that is not 200 (after any retries).
    case http(place: String, url: String, status: Int, body: String, attempts: Int)
    /// No answer, or an answer cut short, after every try.
    case transport(place: String, url: String, reason: String, attempts: Int)
    case retryAfterTooLong(place: String, url: String, seconds: Int, limit: Int)
    case notJSON(place: String, url: String, detail: String)
    case notAPage(place: String, url: String, detail: String)
    case tooLarge(place: String, url: String, limit: Int)
    /// The feed sent a page other than the one asked for, or the same page again.
    case paging(place: String, url: String, detail: String)
    case badURL(String)

    public var description: String {
        switch self {
        case .http(let place, let url, let status, let body, let attempts):
            let tries = attempts > 1 ? " after \(attempts) tries" : ""
            let said = body.isEmpty ? "" : " (it said: \(DisplayText.line(String(body.prefix(200)))))"
            let hint: String
            switch status {
            case 404: hint = "check the feed's base URL: it should be the address that /services is under"
            case 401, 403: hint = "the feed needs permission Waymark does not have; ask its publisher for open access"
            case 429, 500...599: hint = "the feed is busy or broken; try again later, or tell its publisher"
            default: hint = "check the URL, or tell the feed's publisher"
            }
            return "\(place): \(url) answered HTTP \(status)\(tries)\(said); \(hint)"
        case .transport(let place, let url, let reason, let attempts):
            return "\(place): \(url): \(reason) (\(attempts) \(attempts == 1 ? "try" : "tries")); check the address and your connection, and try again"
        case .retryAfterTooLong(let place, let url, let seconds, let limit):
            return "\(place): \(url) asked Waymark to wait \(seconds) s before asking again, more than the \(limit) s it waits; try again after that"
        case .notJSON(let place, let url, let detail):
            return "\(place): \(url) did not send JSON (\(DisplayText.line(detail))); check the URL is the feed's API, not its web page"
        case .notAPage(let place, let url, let detail):
            return "\(place): \(url) did not send an ORUK page (\(detail)); check the URL is an HSDS-UK 3.0 API"
        case .tooLarge(let place, let url, let limit):
            return "\(place): \(url) sent more than \(limit / (1 << 20)) MiB in one response; ask for smaller pages with --per-page"
        case .paging(let place, let url, let detail):
            return "\(place): \(url): \(detail); the feed's paging is broken, so it cannot be read whole; tell its publisher"
        case .badURL(let url):
            return "\(DisplayText.line(url)) is not a feed address; give the base URL of an HSDS-UK 3.0 API, such as https://example.org/api"
        }
    }
}
