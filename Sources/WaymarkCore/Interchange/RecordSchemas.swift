import Foundation

/// The kinds of document that have an official schema, and which bundled file judges each, per profile.
public enum SchemaDocument: String, CaseIterable, Sendable {
    case service, organization, serviceAtLocation = "service_at_location", location, taxonomy
    case taxonomyTerm = "taxonomy_term", apiDetails = "api_details"
    /// An item of a page's `contents`: the API's list schemas, which hold one-to-one fields only.
    case serviceList = "service_list", organizationList = "organization_list", serviceAtLocationList = "service_at_location_list"

    /// The file under `Fixtures/schemas/` (see its README): the compiled schema where the profile
    /// publishes one, else the per-object schema with its `$ref`s to sibling files.
    public func file(_ profile: TabularProfile) -> String {
        let folder = profile == .uk ? "hsds-uk-3.0" : "hsds-3.0"
        switch self {
        case .service, .organization, .serviceAtLocation, .serviceList, .organizationList, .serviceAtLocationList:
            return "\(folder)/compiled/\(rawValue).json"
        case .location, .taxonomy, .taxonomyTerm: return "\(folder)/\(rawValue).json"
        // Only the ORUK site publishes one; HSDS 3.0's openapi.json describes the same three fields.
        case .apiDetails: return "oruk-3.0/api_details.json"
        }
    }
}

extension TabularProfile {
    /// The profile a feed declares in `api_details` (`version`, `profile`), if it declares one.
    public static func declared(version: String?, profile: String?) -> TabularProfile? {
        let v = version?.uppercased() ?? "", p = profile?.lowercased() ?? ""
        if v.contains("UK") || p.contains("uk-profile") || p.contains("openreferraluk") { return .uk }
        if v.hasPrefix("3.") || v.hasPrefix("HSDS-3") || p.contains("openreferral.org") || p.contains("openreferral/specification") { return .hsds }
        return nil
    }
}

/// The bundled official schemas, each compiled once, the first time a record of its kind is read.
public final class RecordSchemas: @unchecked Sendable {
    /// The `schemas` folder of the bundled Fixtures.
    public let root: String
    private let lock = NSLock()
    private var compiled: [String: Result<JSONSchema, SchemaError>] = [:]

    public init(root: String) { self.root = root }

    /// The schemas beside the Fixtures Waymark finds (`Fixtures.locate`), or nil when there are none.
    public static let bundled: RecordSchemas? = Fixtures.locate().map { RecordSchemas(root: $0.path("schemas")) }

    public func schema(_ document: SchemaDocument, profile: TabularProfile) -> Result<JSONSchema, SchemaError> {
        let file = document.file(profile)
        lock.lock()
        defer { lock.unlock() }
        if let done = compiled[file] { return done }
        let folder = PathName.parent(file)
        let siblings = folder.hasSuffix("/compiled") ? PathName.parent(folder) : folder
        let result: Result<JSONSchema, SchemaError>
        do {
            result = .success(try JSONSchema(try read(file), file: file) { name in try self.read((siblings as NSString).appendingPathComponent(name)) })
        } catch let e as SchemaError { result = .failure(e) } catch { result = .failure(.unreadable(path(file))) }
        compiled[file] = result
        return result
    }

    private func path(_ file: String) -> String { (root as NSString).appendingPathComponent(file) }

    private func read(_ file: String) throws -> Any {
        guard let data = FileManager.default.contents(atPath: path(file)),
              let value = try? JSONSerialization.jsonObject(with: data) else { throw SchemaError.unreadable(path(file)) }
        return value
    }
}
