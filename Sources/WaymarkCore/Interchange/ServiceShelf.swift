/// Where an import's services go as they are read: kept in memory (`MemoryShelf`: a batch to
/// check, or to apply later), or written into the open import transaction as they come
/// (`StoreShelf`), so that memory holds one service, not the file.
protocol ServiceShelf: AnyObject {
    /// The service read earlier under this id, to merge a second copy into (a feed's list and full files).
    func service(_ id: String) -> Service?
    /// Keeps a service: a new one, or the merged copy of one read earlier.
    func put(_ service: Service, isNew: Bool)
    /// A service's source record, as `SourceRecords` keeps it (`.service` kind).
    func source(_ id: String) -> JSONValue?
    func putSource(_ id: String, _ value: JSONValue, isNew: Bool)
    /// Puts what the shelf holds into the finished batch.
    func finish(into batch: inout ImportBatch)
}

/// Keeps every service in memory, in the order first read: the batch carries them.
final class MemoryShelf: ServiceShelf {
    private var services: [String: Service] = [:]
    private var order: [String] = []
    private var sources = SourceRecords()

    func service(_ id: String) -> Service? { services[id] }

    func put(_ service: Service, isNew: Bool) {
        if isNew { order.append(service.id) }
        services[service.id] = service
    }

    func source(_ id: String) -> JSONValue? { sources[.service, id] }

    func putSource(_ id: String, _ value: JSONValue, isNew: Bool) {
        // A merged copy replaces the first in place, so the source's order stays.
        if isNew { sources.add(.service, id: id, value) } else { sources.records[.service]?[id] = value }
    }

    func finish(into batch: inout ImportBatch) {
        batch.services = order.compactMap { services[$0] }
        for id in sources.ids(.service) { if let v = sources[.service, id] { batch.sources.add(.service, id: id, v) } }
    }
}
