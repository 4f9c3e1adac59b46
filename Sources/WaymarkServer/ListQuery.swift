import Foundation
import WaymarkCore

/// An error the API answers with: its status and a message that names what was wrong and
/// what to send instead. Every error body is `{"status": N, "error": "...", "message": "..."}`.
public struct APIError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case badParameter = "bad_parameter"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case server = "server_error"

        var status: Int {
            switch self {
            case .badParameter: return 400
            case .notFound: return 404
            case .methodNotAllowed: return 405
            case .server: return 500
            }
        }
    }

    public var kind: Kind
    public var message: String
    /// The query parameter at fault, for a 400.
    public var parameter: String?

    public static func bad(_ parameter: QueryParameter, _ problem: String) -> APIError {
        APIError(kind: .badParameter, message: "query parameter \(parameter.rawValue): \(problem)", parameter: parameter.rawValue)
    }
}

/// Every query parameter the ORUK 3.0 API lists (`components/parameters` and the inline ones).
public enum QueryParameter: String, CaseIterable, Sendable {
    case search, page, per_page, format
    case taxonomy_term_id, taxonomy_id, organization_id, modified_after
    case minimal, full, full_service, top_only, parent_id
    case postcode, proximity
}

/// The paging and filters of one request, checked: every parameter the endpoint takes is parsed
/// here, once, and a bad value is a 400 naming it. Filters are cumulative (all must hold).
public struct ListQuery: Sendable, Equatable {
    public enum Format: String, Sendable { case json, ndjson }

    public static let defaultPerPage = 50
    public static let maxPerPage = 1000

    public var search: String?
    public var page = 1
    public var perPage = ListQuery.defaultPerPage
    public var format = Format.json
    public var taxonomyTermID: String?
    public var taxonomyID: String?
    public var organizationID: String?
    public var modifiedAfter: Date?
    public var minimal = false
    public var full = false
    public var fullService = false
    public var topOnly = false
    public var parentID: String?
    public var postcode: String?
    /// Metres from the postcode's centroid.
    public var proximity: Double?

    public init() {}

    /// Reads `parameters` (name → value, first value wins) for an endpoint that takes `accepted`;
    /// others are ignored, as the spec does not forbid them.
    public init(_ parameters: [String: String], accepted: Set<QueryParameter>) throws {
        func value(_ p: QueryParameter) -> String? { accepted.contains(p) ? parameters[p.rawValue] : nil }
        func bool(_ p: QueryParameter) throws -> Bool {
            guard let v = value(p) else { return false }
            // Exactly the spec's serialisation of a boolean: anything else, even empty, is refused.
            switch v {
            case "true": return true
            case "false": return false
            default: throw APIError.bad(p, "\"\(v)\" is not a boolean; send true or false")
            }
        }
        func int(_ p: QueryParameter, range: ClosedRange<Int>) throws -> Int? {
            guard let v = value(p) else { return nil }
            guard let n = Int(v) else {
                throw APIError.bad(p, "\"\(v)\" is not a whole number")
            }
            guard range.contains(n) else {
                throw APIError.bad(p, "\(n) is out of range; send \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        func text(_ p: QueryParameter) -> String? {
            guard let v = value(p)?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }

        // A search arrives form-encoded from browsers: "+" is a space.
        search = text(.search)?.replacingOccurrences(of: "+", with: " ")
        page = try int(.page, range: 1...1_000_000) ?? 1
        perPage = try int(.per_page, range: 1...ListQuery.maxPerPage) ?? ListQuery.defaultPerPage
        if let f = text(.format) {
            guard let parsed = Format(rawValue: f.lowercased()) else { throw APIError.bad(.format, "\"\(f)\" is not a format; send json or ndjson") }
            format = parsed
        }
        taxonomyTermID = text(.taxonomy_term_id)?.lowercased()
        taxonomyID = text(.taxonomy_id)
        organizationID = text(.organization_id)
        if let m = text(.modified_after) {
            guard let d = Timestamp.parse(m) else {
                throw APIError.bad(.modified_after, "\"\(m)\" is not a date-time; send ISO 8601, as 2026-11-15T09:00:00Z or 2026-11-15")
            }
            modifiedAfter = d
        }
        minimal = try bool(.minimal)
        full = try bool(.full)
        fullService = try bool(.full_service)
        topOnly = try bool(.top_only)
        parentID = text(.parent_id)?.lowercased()
        postcode = text(.postcode)
        if let p = text(.proximity) {
            guard let metres = Double(p), metres.isFinite, metres >= 0 else {
                throw APIError.bad(.proximity, "\"\(p)\" is not a distance; send metres, as 2000")
            }
            guard postcode != nil else { throw APIError.bad(.proximity, "needs a postcode to measure from; send postcode too") }
            proximity = metres
        }
    }
}

/// One page of a list, as the spec's `Page`: counts, flags and the slice of items it holds.
public struct PageSlice: Sendable, Equatable {
    public var totalItems: Int
    public var totalPages: Int
    public var pageNumber: Int
    public var size: Int
    public var range: Range<Int>

    public init(total: Int, page: Int, perPage: Int) {
        totalItems = total
        totalPages = total == 0 ? 0 : (total + perPage - 1) / perPage
        pageNumber = page
        let start = min(total, (page - 1) * perPage)
        range = start..<min(total, start + perPage)
        size = range.count
    }

    public var firstPage: Bool { pageNumber == 1 }
    public var lastPage: Bool { pageNumber >= totalPages }
    public var empty: Bool { size == 0 }

    /// `{"contents":[items],"empty":…,…}`: the items are already JSON, so the page is spliced, not re-encoded.
    public func json(contents items: [Data]) -> Data {
        var out = Data("{\"contents\":[".utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(item)
        }
        out.append(contentsOf: Array(("],\"empty\":\(empty),\"first_page\":\(firstPage),\"last_page\":\(lastPage)," +
            "\"page_number\":\(pageNumber),\"size\":\(size),\"total_items\":\(totalItems),\"total_pages\":\(totalPages)}").utf8))
        return out
    }
}
