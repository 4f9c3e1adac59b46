import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import XCTest
@testable import WaymarkCore
@testable import WaymarkServer
import WaymarkTestSupport

/// The bundled directory behind the real router, driven by Hummingbird's test client.
enum Bundled {
    static let batch = Repo.bundledBatch()
    /// The bundled directory as `waymark serve` publishes it, with the records as their files wrote them.
    static let catalogue = Catalogue(directory: Directory(organisations: batch.organisations, services: batch.services),
                                     taxonomy: Repo.taxonomy, gazetteer: Repo.gazetteer, lexicon: Repo.lexicon, sources: batch.sources)
    static let api = ORUKAPI(catalogue: catalogue, baseURL: "http://api.example", openAPI: Data("{}".utf8))

    static func app(log: RequestLog? = nil) -> some ApplicationProtocol {
        Application(router: ORUKServer.router(api: api, log: log))
    }
}

final class ServerTests: XCTestCase {
    func get(_ uri: String, headers: HTTPFields = [:], _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await Bundled.app().test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: headers) { try check($0) }
        }
    }


    // MARK: Endpoints

    func testRootGivesApiDetailsWithTheUKVersionAndProfile() async throws {
        try await get("/") { r in
            XCTAssertEqual(r.status, .ok)
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["version"] as? String, "HSDS-UK-3.0")
            XCTAssertEqual(o["profile"] as? String, "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md")
            XCTAssertEqual(o["openapi_url"] as? String, "http://api.example/openapi.json")
            XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
        }
    }

    func testServicesListIsAPageOfOneToOneFields() async throws {
        let total = Bundled.catalogue.services.count
        try await get("/services?per_page=10&page=2") { r in
            XCTAssertEqual(r.status, .ok)
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["total_items"] as? Int, total)
            XCTAssertEqual(o["total_pages"] as? Int, (total + 9) / 10)
            XCTAssertEqual(o["page_number"] as? Int, 2)
            XCTAssertEqual(o["size"] as? Int, 10)
            XCTAssertEqual(o["first_page"] as? Bool, false)
            XCTAssertEqual(o["last_page"] as? Bool, false)
            XCTAssertEqual(o["empty"] as? Bool, false)
            let items = try JSONBody.contents(r)
            XCTAssertEqual(items.count, 10)
            XCTAssertEqual(items.first?["id"] as? String, Bundled.catalogue.services[10].id)
            for item in items {
                XCTAssertNotNil(item["name"]); XCTAssertNotNil(item["status"])
                XCTAssertFalse(item.values.contains { $0 is [Any] }, "a list item has no arrays: \(item["id"] ?? "")")
            }
        }
    }

    func testPastTheLastPageIsEmptyNotAnError() async throws {
        try await get("/services?page=999") { r in
            XCTAssertEqual(r.status, .ok)
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["empty"] as? Bool, true)
            XCTAssertEqual(o["size"] as? Int, 0)
            XCTAssertEqual(o["last_page"] as? Bool, true)
        }
    }

    func testServiceByIdIsTheFullHSDSServiceAndItsTermsOpenAtTaxonomyTerms() async throws {
        let service = Bundled.catalogue.services.first { !$0.terms.isEmpty && !$0.locations.isEmpty }!
        let box = Box()
        try await get("/services/\(service.id)") { r in
            XCTAssertEqual(r.status, .ok)
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["id"] as? String, service.id)
            XCTAssertNotNil(o["organization"] as? [String: Any])
            XCTAssertFalse((o["service_at_locations"] as? [Any] ?? []).isEmpty)
            let attributes = try XCTUnwrap(o["attributes"] as? [[String: Any]])
            box.ids = attributes.compactMap { $0["taxonomy_term_id"] as? String }
        }
        XCTAssertFalse(box.ids.isEmpty)
        for id in box.ids {
            XCTAssertTrue(StableUUID.isUUID(id), "term id \(id) is a uuid")
            try await get("/taxonomy_terms/\(id)") { r in
                XCTAssertEqual(r.status, .ok, "the term a service shows opens at /taxonomy_terms/\(id)")
                let t = try JSONBody.object(r)
                XCTAssertEqual(t["id"] as? String, id)
                XCTAssertTrue(StableUUID.isUUID(t["taxonomy_id"] as? String ?? ""), "taxonomy_id is a uuid, not a name")
            }
        }
    }

    func testTaxonomiesHaveUUIDIdsAndTheirTerms() async throws {
        let box = Box()
        try await get("/taxonomies") { r in
            let items = try JSONBody.contents(r)
            XCTAssertEqual(items.count, Vocabulary.allCases.count)
            for t in items { XCTAssertTrue(StableUUID.isUUID(t["id"] as? String ?? "")) }
            box.ids = items.compactMap { $0["id"] as? String }
            XCTAssertTrue(items.contains { $0["name"] as? String == "waymark:function" })
        }
        let function = StableUUID.taxonomy("waymark:function")
        XCTAssertTrue(box.ids.contains(function))
        try await get("/taxonomies/\(function)") { r in
            XCTAssertEqual(r.status, .ok)
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["name"] as? String, "waymark:function")
            XCTAssertEqual((o["taxonomy_terms"] as? [Any])?.count, Bundled.catalogue.taxonomy.terms(.function).count)
        }
    }

    func testOrganizationsListAndOneWithItsServices() async throws {
        let org = Bundled.catalogue.organisations.first { (Bundled.catalogue.servicesOfOrganisation[$0.id] ?? []).count > 1 }!
        let n = Bundled.catalogue.servicesOfOrganisation[org.id]!.count
        try await get("/organizations?per_page=1000") { r in
            let items = try JSONBody.contents(r)
            XCTAssertEqual(items.count, Bundled.catalogue.organisations.count)
            XCTAssertNil(items[0]["services"], "a plain list has no services")
            for o in items { XCTAssertNotNil(o["description"] as? String, "description is required") }
        }
        try await get("/organizations/\(org.id)") { r in
            let o = try JSONBody.object(r)
            let services = try XCTUnwrap(o["services"] as? [[String: Any]])
            XCTAssertEqual(services.count, n)
            XCTAssertNil(services[0]["attributes"], "without full_service the services are one-to-one fields")
        }
        try await get("/organizations/\(org.id)?full_service=true") { r in
            let services = try XCTUnwrap(try JSONBody.object(r)["services"] as? [[String: Any]])
            XCTAssertNotNil(services[0]["service_at_locations"], "full_service nests whole services")
        }
    }

    func testServiceAtLocationsListAndOne() async throws {
        let site = Bundled.catalogue.sites[0]
        try await get("/service_at_locations") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, Bundled.catalogue.sites.count)
        }
        try await get("/service_at_locations/\(site.id)") { r in
            let o = try JSONBody.object(r)
            XCTAssertEqual(o["service_id"] as? String, Bundled.catalogue.services[site.doc].id)
            XCTAssertEqual((o["location"] as? [String: Any])?["id"] as? String, site.location.id)
        }
    }

    // MARK: Parameters

    func testSearchUsesWaymarksEngineSoEverydayWordsFindDementiaServices() async throws {
        let direct = Bundled.catalogue.index.search("keeps forgetting things", filters: {
            var f = SearchFilters(); f.statuses = Set(ServiceStatus.allCases); return f
        }(), limit: 1000)
        XCTAssertGreaterThan(direct.total, 0)
        try await get("/services?search=keeps%20forgetting%20things&per_page=1000") { r in
            let ids = try JSONBody.contents(r).compactMap { $0["id"] as? String }
            XCTAssertEqual(ids, direct.hits.map { Bundled.catalogue.services[$0.doc].id }, "same services, same order as the engine")
        }
    }

    /// Serving a database takes the index `waymark search` maps, not a second one built in memory,
    /// and finds exactly what the in-memory catalogue of the same directory finds.
    func testServingADatabaseSearchesItsStoredIndex() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Bundled.batch, source: "test", replacingAll: true, indexWith: Repo.taxonomy)
        let ws = try Workspace.open(directoryPath: store.path, environment: ["WAYMARK_FIXTURES": Repo.fixtures.root, "HOME": Repo.tempDir()])
        let catalogue = try Catalogue(workspace: ws)
        let stored = StoredIndex.fingerprint(dataVersion: try store.dataVersion(), taxonomy: Repo.taxonomy)
        XCTAssertEqual(catalogue.index.image.fingerprint, stored, "the stored index, not one built for serving")
        XCTAssertEqual(Bundled.catalogue.index.image.fingerprint, "", "a directory without a database builds its own")
        let api = ORUKAPI(catalogue: catalogue, baseURL: "http://api.example")
        var compared = 0
        for search in ["keeps forgetting things", "demen", "carer bath", "walking group", "benefits advice"] {
            let q = try ListQuery(["search": search, "per_page": "1000"], accepted: WaymarkServer.Collection.services.parameters)
            let ids = try JSONBody.ids(api.services(q).body), expected = try JSONBody.ids(Bundled.api.services(q).body)
            XCTAssertFalse(expected.isEmpty, search)
            XCTAssertEqual(ids, expected, "\(search): the same services in the same order")
            compared += ids.count
        }
        XCTAssertGreaterThan(compared, 50)
        // Each service served from the database carries the published term ids, as the in-memory one does.
        let id = Bundled.catalogue.services.first { !$0.terms.isEmpty }!.id
        XCTAssertEqual(try ServedAsExportedTests.json(api.service(id).body), try ServedAsExportedTests.json(Bundled.api.service(id).body))
    }

    /// An index whose documents are not the catalogue's services is not used: one is built instead.
    func testAnIndexOverOtherServicesIsNotTaken() {
        let few = Array(Bundled.batch.services.prefix(3))
        let other = SearchIndex(services: few, organisationNames: [:], taxonomy: Repo.taxonomy, lexicon: Repo.lexicon, fingerprint: "other")
        let c = Catalogue(directory: Directory(services: Array(Bundled.batch.services.prefix(5))), taxonomy: Repo.taxonomy,
                          gazetteer: Repo.gazetteer, lexicon: Repo.lexicon, index: other)
        XCTAssertEqual(c.index.count, 5)
        XCTAssertEqual(c.index.image.fingerprint, "")
    }

    func testFiltersAreCumulative() async throws {
        let term = Bundled.catalogue.terms.first { $0.code == "dementia" }!
        let catalogue = Bundled.catalogue
        let withTerm = catalogue.services.indices.filter { catalogue.termIDs[$0].contains(term.id) }
        let org = catalogue.services[withTerm[0]].organisationID
        let both = withTerm.filter { catalogue.services[$0].organisationID == org }
        XCTAssertLessThan(both.count, withTerm.count, "the test needs an organisation with only some of the dementia services")
        try await get("/services?taxonomy_term_id=\(term.id)&per_page=1000") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, withTerm.count)
        }
        try await get("/services?taxonomy_term_id=\(term.id)&organization_id=\(org)&per_page=1000") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, both.count)
        }
        try await get("/services?taxonomy_id=\(term.taxonomy_id)&taxonomy_term_id=\(term.id)&search=dementia") { r in
            let n = try XCTUnwrap(try JSONBody.object(r)["total_items"] as? Int)
            XCTAssertGreaterThan(n, 0); XCTAssertLessThanOrEqual(n, withTerm.count)
        }
    }

    func testModifiedAfterMinimalAndFull() async throws {
        try await get("/services?modified_after=2999-01-01T00:00:00Z") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, 0)
        }
        try await get("/services?modified_after=2000-01-01") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, Bundled.catalogue.modified.compactMap { $0 }.count)
        }
        try await get("/services?minimal=true&per_page=3") { r in
            for item in try JSONBody.contents(r) { XCTAssertEqual(Set(item.keys).subtracting(["id", "name", "status", "last_modified"]), []) }
        }
        try await get("/services?full=true&per_page=3") { r in
            for item in try JSONBody.contents(r) { XCTAssertNotNil(item["attributes"]) }
        }
    }

    func testTaxonomyTermParameters() async throws {
        let terms = Bundled.catalogue.terms
        let child = terms.first { $0.parent_id != nil }!
        try await get("/taxonomy_terms?top_only=true&per_page=1000") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, terms.filter { $0.parent_id == nil }.count)
        }
        try await get("/taxonomy_terms?parent_id=\(child.parent_id!)&per_page=1000") { r in
            let ids = try JSONBody.contents(r).compactMap { $0["id"] as? String }
            XCTAssertTrue(ids.contains(child.id))
        }
        try await get("/taxonomy_terms?taxonomy_id=waymark:area&per_page=1000") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, Bundled.catalogue.taxonomy.terms(.area).count, "a taxonomy's name is accepted as well as its uuid")
        }
    }

    func testPostcodeAndProximity() async throws {
        let catalogue = Bundled.catalogue
        let place = catalogue.gazetteer.resolve("BA3 2")!
        let within = catalogue.sites.filter { ($0.location.coordinate?.distanceKm(to: place.coordinate) ?? .infinity) <= 2 }.count
        XCTAssertGreaterThan(within, 0)
        try await get("/service_at_locations?postcode=BA3%202&proximity=2000&per_page=1000") { r in
            XCTAssertEqual(try JSONBody.object(r)["total_items"] as? Int, within)
        }
        try await get("/service_at_locations?postcode=BA3%202") { r in
            let n = try XCTUnwrap(try JSONBody.object(r)["total_items"] as? Int)
            XCTAssertGreaterThan(n, within); XCTAssertLessThanOrEqual(n, catalogue.sites.count)
        }
    }

    // MARK: Errors

    func testUnknownIdIsA404InJSON() async throws {
        for path in ["services", "taxonomies", "taxonomy_terms", "organizations", "service_at_locations"] {
            try await get("/\(path)/00000000-0000-0000-0000-000000000000") { r in
                XCTAssertEqual(r.status, .notFound)
                XCTAssertEqual(r.headers[.contentType], "application/json; charset=utf-8")
                let o = try JSONBody.object(r)
                XCTAssertEqual(o["status"] as? Int, 404)
                XCTAssertTrue((o["message"] as? String ?? "").contains("00000000-0000-0000-0000-000000000000"))
                XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
            }
        }
        try await get("/nowhere") { r in
            XCTAssertEqual(r.status, .notFound)
            XCTAssertEqual(try JSONBody.object(r)["error"] as? String, "not_found")
        }
    }

    func testBadParameterIsA400NamingIt() async throws {
        let cases = ["/services?page=abc": "page", "/services?per_page=0": "per_page", "/services?full=maybe": "full",
                     "/services?modified_after=yesterday": "modified_after", "/taxonomy_terms?top_only=2": "top_only",
                     "/service_at_locations?postcode=ZZ99%209ZZ": "postcode", "/service_at_locations?proximity=100": "proximity",
                     "/services?format=xml": "format", "/services?minimal=": "minimal", "/services?page=%205": "page"]
        for (uri, parameter) in cases {
            try await get(uri) { r in
                XCTAssertEqual(r.status, .badRequest, uri)
                let o = try JSONBody.object(r)
                XCTAssertEqual(o["parameter"] as? String, parameter, uri)
                XCTAssertTrue((o["message"] as? String ?? "").contains(parameter), uri)
            }
        }
    }

    func testWritesAreRefused() async throws {
        try await Bundled.app().test(.router) { client in
            for method: HTTPRequest.Method in [.post, .put, .delete, .trace] {
                for uri in ["/services", "/nowhere"] {
                    try await client.execute(uri: uri, method: method) { r in
                        XCTAssertEqual(r.status, .methodNotAllowed, "\(method) \(uri)")
                        XCTAssertEqual(r.headers[.allow], "GET, HEAD")
                        XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
                    }
                }
            }
        }
    }

    // MARK: HTTP

    func testConditionalGetAnswers304ByETagAndByDate() async throws {
        let id = Bundled.catalogue.services[0].id
        let box = Box()
        try await get("/services/\(id)") { r in
            box.etag = try XCTUnwrap(r.headers[.eTag])
            box.lastModified = try XCTUnwrap(r.headers[.lastModified])
        }
        try await get("/services/\(id)", headers: [.ifNoneMatch: box.etag]) { r in
            XCTAssertEqual(r.status, .notModified)
            XCTAssertEqual(r.body.readableBytes, 0)
            XCTAssertEqual(r.headers[.eTag], box.etag)
            XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
        }
        try await get("/services/\(id)", headers: [.ifModifiedSince: box.lastModified]) { r in XCTAssertEqual(r.status, .notModified) }
        try await get("/services/\(id)", headers: [.ifNoneMatch: "\"other\""]) { r in XCTAssertEqual(r.status, .ok) }
        try await get("/services/\(id)", headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]) { r in XCTAssertEqual(r.status, .ok) }
        // A different page is a different body, so a different tag.
        try await get("/services?page=2", headers: [.ifNoneMatch: box.etag]) { r in XCTAssertEqual(r.status, .ok) }
    }

    func testGzipWhenAskedAndOnlyThen() async throws {
        let plain = Box()
        try await get("/services?per_page=20") { r in
            XCTAssertNil(r.headers[.contentEncoding])
            plain.body = Data(buffer: r.body)
        }
        try await get("/services?per_page=20", headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"]) { r in
            XCTAssertEqual(r.headers[.contentEncoding], "gzip")
            XCTAssertEqual(r.headers[.vary], "Accept-Encoding")
            var body = r.body
            XCTAssertLessThan(body.readableBytes, plain.body.count / 2)
            let unzipped = try body.decompress(with: .gzip())
            XCTAssertEqual(Data(buffer: unzipped), plain.body)
        }
        try await get("/services?per_page=20", headers: [.acceptEncoding: "gzip;q=0"]) { r in XCTAssertNil(r.headers[.contentEncoding]) }
    }

    func testOneLogLinePerRequestWithHostileTextSanitised() async throws {
        let lines = Lines()
        try await Bundled.app(log: RequestLog { lines.append($0.string) }).test(.router) { client in
            try await client.execute(uri: "/services?search=%1B%5D52%3Bevil%07", method: .get) { _ in }
            try await client.execute(uri: "/services/nope", method: .get) { _ in }
        }
        XCTAssertEqual(lines.all.count, 2)
        XCTAssertTrue(lines.all[0].hasPrefix("GET /services?search="))
        XCTAssertTrue(lines.all[1].contains(" 404 "))
        XCTAssertFalse(lines.all.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    /// A client can put raw bytes above 0x7F in its request line (UTF-8 C1 and bidi controls), and
    /// whatever an unmeant error says goes to the log too: every log line is a clean single line.
    func testLogLinesCarryNoC1BidiOrEscapeWhateverTheClientSent() {
        let uri = "/services?search=\u{9B}2J\u{9D}0;PWNED\u{9C}\u{85}\u{202E}evil\u{2066}\u{200F}\u{061C}\u{1B}]52;c;cm0g\u{07}\n\rx"
        let line = RequestLog.line(method: "GET", uri: uri, status: 200, bytes: "12", encoding: "gzip", ms: 1.5).string
        XCTAssertEqual(line, "GET /services?search=evil x 200 12B gzip 1.50ms\n")
        // (HTTPTypes itself replaces C0 controls in a path, so the failure line is given C1 and bidi.)
        let path = "/services?search=\u{9B}2J\u{9D}0;PWNED\u{9C}\u{202E}evil\u{2066}x"
        let failed = RequestLog.failure(Request(head: .init(method: .get, scheme: "http", authority: "x", path: path), body: .init(buffer: .init())),
                                        CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "bad \u{1B}[2J\u{202E}thing"])).string
        XCTAssertFalse(failed.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x2066...0x2069).contains($0.value) || $0.value == 0x202E },
                       failed.debugDescription)
        XCTAssertTrue(failed.hasPrefix("waymark serve: GET /services?search=evilx failed: "), failed)
        XCTAssertFalse(failed.contains("PWNED"), failed)
    }

    func testLiveServerAnswersOverASocket() async throws {
        try await Bundled.app().test(.live) { client in
            try await client.execute(uri: "/taxonomy_terms?per_page=5", method: .get) { r in
                XCTAssertEqual(r.status, .ok)
                XCTAssertEqual(try JSONBody.contents(r).count, 5)
            }
        }
    }

    // MARK: Ids

    func testStableUUIDIsRFC4122Version5() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://waymark.example/vocabulary/waymark:eligibility")
        XCTAssertEqual(StableUUID.taxonomy("waymark:eligibility"), "43442062-7cf2-511d-94e8-0d4f7edb7dc5")
        // …and the bundled eligibility term ids were made the same way.
        XCTAssertEqual(StableUUID.term("leaving-prison", taxonomy: "waymark:eligibility"), "b4dcbd90-f1bb-5cf6-8c26-16262511fd87")
        XCTAssertTrue(StableUUID.isUUID(StableUUID.taxonomy("waymark:function")))
        XCTAssertFalse(StableUUID.isUUID("waymark:function"))
    }

    func testNonUUIDTermIdsInTheDataArePublishedAsStableUUIDs() {
        let taxonomy = Bundled.catalogue.taxonomy
        let s = Service(id: "7a0c3c6e-0000-4000-8000-000000000001", organisationID: "o", name: "S",
                        terms: [TermRef(attributeID: "a1", termID: "waymark:function:befriending", taxonomy: "waymark:function", code: "befriending")])
        let c = Catalogue(directory: Directory(services: [s]), taxonomy: taxonomy, gazetteer: Bundled.catalogue.gazetteer,
                          lexicon: Bundled.catalogue.index.lexicon)
        let id = StableUUID.term("befriending", taxonomy: "waymark:function")
        let published = c.published(0)
        XCTAssertEqual(published.service.terms[0].termID, id)
        XCTAssertTrue(StableUUID.isUUID(published.service.terms[0].attributeID))
        XCTAssertEqual(published.renamed["a1"], published.service.terms[0].attributeID)
        XCTAssertEqual(published.renamed["waymark:function:befriending"], id)
        XCTAssertNotNil(c.termByID[id])
    }
}

enum JSONBody {
    static func object(_ r: TestResponse) throws -> [String: Any] {
        let obj = try JSONSerialization.jsonObject(with: Data(buffer: r.body))
        return try XCTUnwrap(obj as? [String: Any], "the body is a JSON object")
    }

    static func contents(_ r: TestResponse) throws -> [[String: Any]] {
        try XCTUnwrap(try object(r)["contents"] as? [[String: Any]])
    }

    /// The ids of a page's items, in order.
    static func ids(_ page: Data) throws -> [String] {
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: page) as? [String: Any])
        return try XCTUnwrap(o["contents"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }
}

final class Box: @unchecked Sendable {
    var ids: [String] = []
    var etag = ""
    var lastModified = ""
    var body = Data()
}

final class Lines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
