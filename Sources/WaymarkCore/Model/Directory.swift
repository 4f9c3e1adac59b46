/// The whole directory Waymark works over: organisations and the services they run.
///
/// A value type: loading, importing and searching all hand copies around, so no
/// view ever sees a half-written directory.
public struct Directory: Equatable, Sendable {
    public var organisations: [Organisation]
    public var services: [Service]

    public init(organisations: [Organisation] = [], services: [Service] = []) {
        self.organisations = organisations.sorted { $0.id < $1.id }
        self.services = services.sorted { $0.id < $1.id }
    }

    public func organisation(id: String) -> Organisation? {
        organisations.first { $0.id == id }
    }

    /// Finds a service by its full id or by a unique prefix of it, as git does with hashes.
    public func service(idOrPrefix key: String) -> Result<Service, LookupError> {
        if let exact = services.first(where: { $0.id == key }) { return .success(exact) }
        let matches = services.filter { $0.id.hasPrefix(key) }
        switch matches.count {
        case 1: return .success(matches[0])
        case 0: return .failure(.notFound(key))
        default: return .failure(.ambiguous(key, matches.count))
        }
    }

    public var organisationNames: [String: String] {
        Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    public enum LookupError: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case ambiguous(String, Int)
        public var description: String {
            switch self {
            case .notFound(let key): return "no service has the id \"\(DisplayText.line(key))\"; `waymark list` shows every id"
            case .ambiguous(let key, let n): return "\(n) services have ids starting \"\(DisplayText.line(key))\"; type more of the id"
            }
        }
    }
}
