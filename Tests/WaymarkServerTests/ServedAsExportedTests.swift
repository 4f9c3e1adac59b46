import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import WaymarkCore
@testable import WaymarkServer
import WaymarkTestSupport

/// `waymark serve` and `waymark export` write each record with one writer (`HSDSWriter`, with the
/// source records), so a service or organisation served is the one exported, value for value.
final class ServedAsExportedTests: XCTestCase {
    static func json(_ data: Data) throws -> JSONValue {
        JSONValue(any: try JSONSerialization.jsonObject(with: data))
    }

    func testEveryServedServiceIsTheExportedService() throws {
        let writer = HSDSWriter(taxonomy: Repo.taxonomy, sources: Bundled.batch.sources)
        let orgs = Dictionary(Bundled.batch.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var differing: [String] = []
        for s in Bundled.batch.services {
            let served = try Self.json(try Bundled.api.service(s.id).body)
            let exported = try Self.json(try writer.service(s, organisation: orgs[s.organisationID]).jsonData())
            if served != exported { differing.append(s.id) }
        }
        XCTAssertEqual(Bundled.batch.services.count, 488)
        XCTAssertEqual(differing, [], "served /services/{id} differs from the export for \(differing.count) services")
    }

    func testEveryServedOrganisationIsTheExportedOrganisation() throws {
        let writer = HSDSWriter(taxonomy: Repo.taxonomy, sources: Bundled.batch.sources)
        var differing: [String] = []
        for org in Bundled.batch.organisations {
            guard case .object(var served) = try Self.json(try Bundled.api.organization(org.id, ListQuery()).body) else {
                XCTFail("organisation \(org.id) is not an object"); continue
            }
            XCTAssertNotNil(served.removeValue(forKey: "services"), "/organizations/{id} lists its services")
            if JSONValue.object(served) != (try Self.json(try writer.organisation(org).jsonData())) { differing.append(org.id) }
        }
        XCTAssertFalse(Bundled.batch.organisations.isEmpty)
        XCTAssertEqual(differing, [])
    }

    /// A record's fields Waymark does not model (languages, funding, a schedule's zone…) are served,
    /// as they are exported: the official full example, through the real router.
    func testWhatWaymarkDoesNotModelIsServedFromTheSourceRecord() async throws {
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/hsds-3.0/service_full.json"])
        XCTAssertEqual(batch.errors, [])
        let given = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repo.interop + "/hsds-3.0/service_full.json"))) as! [String: Any]
        let id = try XCTUnwrap(given["id"] as? String)
        let catalogue = Catalogue(directory: Directory(organisations: batch.organisations, services: batch.services), taxonomy: Repo.taxonomy,
                                  gazetteer: Repo.gazetteer, lexicon: Repo.lexicon, sources: batch.sources)
        let api = ORUKAPI(catalogue: catalogue, baseURL: "http://api.example")
        let exported = HSDSWriter(taxonomy: Repo.taxonomy, sources: batch.sources)
            .service(batch.services[0], organisation: batch.organisations.first { $0.id == batch.services[0].organisationID })
        let body = Box()
        try await Application(router: ORUKServer.router(api: api, log: nil)).test(.router) { client in
            try await client.execute(uri: "/services/\(id)", method: .get) { r in
                XCTAssertEqual(r.status, .ok)
                body.body = Data(buffer: r.body)
            }
        }
        let served = try Self.json(body.body)
        for key in ["languages", "funding", "program", "required_documents"] {
            XCTAssertNotNil(given[key], "the example has \(key)")
            XCTAssertEqual(served[key], JSONValue(any: given[key]), "\(key) is served as the source gave it")
        }
        XCTAssertEqual(served, try Self.json(try exported.jsonData()), "the served service is the exported one")
    }

    /// A source record whose term ids are not uuids is served with the uuids `/taxonomy_terms` lists,
    /// so the term it shows opens there.
    func testSourceRecordsTermIdsArePublishedAsTheCataloguesUUIDs() throws {
        let s = Service(id: "7a0c3c6e-0000-4000-8000-000000000001", organisationID: "o", name: "S",
                        terms: [TermRef(attributeID: "a1", termID: "waymark:function:befriending", taxonomy: "waymark:function", code: "befriending")])
        var sources = SourceRecords()
        sources.add(.service, id: s.id, .object([
            "id": .string(s.id), "name": "S", "status": "active",
            "attributes": .array([.object(["id": "a1", "taxonomy_term_id": "waymark:function:befriending", "link_type": "taxonomy",
                                           "taxonomy_term": .object(["id": "waymark:function:befriending", "code": "befriending"])])]),
        ]))
        let c = Catalogue(directory: Directory(services: [s]), taxonomy: Repo.taxonomy, gazetteer: Repo.gazetteer, lexicon: Repo.lexicon,
                          sources: sources)
        let served = try Self.json(try ORUKAPI(catalogue: c, baseURL: nil).service(s.id).body)
        let attribute = try XCTUnwrap(served["attributes"]?.arrayValue?.first)
        let term = StableUUID.term("befriending", taxonomy: "waymark:function")
        XCTAssertEqual(attribute["taxonomy_term_id"], .string(term))
        XCTAssertEqual(attribute["taxonomy_term"]?["id"], .string(term))
        XCTAssertTrue(StableUUID.isUUID(attribute["id"]?.stringValue ?? ""), "the attribute's id is a uuid")
        XCTAssertEqual(attribute["link_type"], "taxonomy", "what the source said is kept")
        XCTAssertNotNil(c.termByID[term])
    }

    /// Served from a database, a service's source record is read when the service is first asked
    /// for, and what Waymark does not model is still served as the source gave it.
    func testADatabaseServesEachSourceRecordAsExported() throws {
        let path = Repo.interop + "/hsds-3.0/service_full.json"
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [path])
        XCTAssertEqual(batch.errors, [])
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(batch, source: "test", replacingAll: true, indexWith: Repo.taxonomy)
        let ws = try Workspace.open(directoryPath: store.path, environment: ["WAYMARK_FIXTURES": Repo.fixtures.root, "HOME": Repo.tempDir()])
        let api = ORUKAPI(catalogue: try Catalogue(workspace: ws), baseURL: nil)
        let s = batch.services[0]
        let served = try Self.json(try api.service(s.id).body)
        let exported = HSDSWriter(taxonomy: Repo.taxonomy, sources: try store.sourceRecords())
            .service(s, organisation: batch.organisations.first { $0.id == s.organisationID })
        let given = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        for key in ["languages", "funding", "required_documents"] {
            XCTAssertEqual(served[key], JSONValue(any: given[key]), "\(key) is served from the stored source record")
        }
        XCTAssertEqual(served, try Self.json(try exported.jsonData()), "the served service is the exported one")
    }

    /// A server publishes the directory as it was when it started: an import while it runs changes
    /// neither a service's fields nor the source record laid over them, until it is started again.
    func testAnImportWhileServingChangesNothingServed() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Bundled.batch, source: "test", replacingAll: true, indexWith: Repo.taxonomy)
        let ws = try Workspace.open(directoryPath: store.path, environment: ["WAYMARK_FIXTURES": Repo.fixtures.root, "HOME": Repo.tempDir()])
        let api = ORUKAPI(catalogue: try Catalogue(workspace: ws), baseURL: nil)
        let s = Bundled.batch.services[0]

        var renamed = Bundled.batch
        renamed.services[0].name = "Renamed while serving"
        var record = try XCTUnwrap(renamed.sources[.service, s.id]?.objectValue)
        record["name"] = "Renamed while serving"
        renamed.sources.records[.service]?[s.id] = .object(record)
        try store.apply(renamed, source: "test", replacingAll: true, indexWith: Repo.taxonomy)

        XCTAssertEqual(try Self.json(try api.service(s.id).body)["name"], .string(s.name), "the server's snapshot, not the new import")
        let search = try ListQuery(["search": "Renamed while serving"], accepted: WaymarkServer.Collection.services.parameters)
        XCTAssertFalse(try JSONBody.ids(api.services(search).body).contains(s.id), "nor does its search see the new name")
        let restarted = ORUKAPI(catalogue: try Catalogue(workspace: ws), baseURL: nil)
        XCTAssertEqual(try Self.json(try restarted.service(s.id).body)["name"], "Renamed while serving", "started again, it serves the import")
    }
}
