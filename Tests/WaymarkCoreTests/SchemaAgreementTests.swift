import Foundation
import XCTest
@testable import WaymarkCore

/// Waymark requires and checks what the official schemas require and check: errors where a
/// schema fails a record, warnings for what only Waymark wishes (a description, a UUID).
/// The official validators judge every example in e2e/test_interop.sh (hsds_check.py agreement).
final class SchemaAgreementTests: XCTestCase {
    private func read(_ json: String, name: String = "feed.json") -> ImportBatch {
        HSDSReader(taxonomy: Repo.taxonomy).read(data: Data(json.utf8), name: name)
    }

    private let uuid = "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f"

    func testAPIDetailsWithoutProfileIsRefusedAsTheSchemaRefusesIt() {
        let batch = read(#"{"version": "HSDS-UK-3.0", "openapi_url": "https://example.org/openapi.json"}"#, name: "api_details.json")
        XCTAssertEqual(batch.errors.map(\.path), [".profile"], "\(batch.issues)")
        XCTAssertEqual(batch.errors.first?.file, "api_details.json")
        XCTAssertEqual(batch.errors.first?.record, "api_details (no id)")
    }

    func testAPIDetailsWhoseAddressIsNotAURIIsRefused() {
        let batch = read(#"{"version": "HSDS-UK-3.0", "profile": "https://example.org/p", "openapi_url": "docs-example-org/openapi.json"}"#)
        XCTAssertEqual(batch.errors.map(\.path), [".openapi_url"], "\(batch.issues)")
        XCTAssertTrue(batch.errors[0].message.contains("is not an absolute URI"), batch.errors[0].message)
    }

    /// The value is quoted cut to 40 characters. Cut raw, an OSC title sequence is left open at
    /// the cut, and the sanitiser that writes the message swallows everything after it: the
    /// line said `.url: text "https://example.org/` and never what was wrong.
    func testAHostileValueCutForTheMessageLeavesTheMessageWhole() throws {
        let url = "https://example.org/\u{1B}[2J\u{1B}[H\u{1B}[31m\u{1B}]0;PWNED-TITLE\u{07}rest"
        let json = String(data: try JSONSerialization.data(withJSONObject: ["id": uuid, "name": "X", "status": "active", "url": url]), encoding: .utf8)!
        let batch = read(json)
        XCTAssertEqual(batch.errors.map(\.path), [".url"], "\(batch.issues)")
        let shown = SafeText(line: batch.errors[0].message).string
        XCTAssertTrue(shown.contains("is not an absolute URI"), shown)
        XCTAssertTrue(shown.contains("https://example.org/"), shown)
        XCTAssertFalse(shown.contains("PWNED"), "the title sequence is removed, not shown: \(shown)")
    }

    func testLastModifiedMustBeADateTime() {
        let batch = read(#"{"id": "\#(uuid)", "name": "X", "status": "active", "last_modified": "2023-03-15"}"#)
        XCTAssertEqual(batch.errors.map(\.path), [".last_modified"], "\(batch.issues)")
        XCTAssertTrue(read(#"{"id": "\#(uuid)", "name": "X", "status": "active", "last_modified": "2023-03-15T10:30:45.123Z"}"#).isAcceptable)
    }

    func testAnOrganisationWithoutDescriptionIsTheErrorTheSchemaMakesIt() {
        let batch = read(#"{"id": "\#(uuid)", "name": "X", "status": "active", "organization": {"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": "Org"}}"#)
        XCTAssertEqual(batch.errors.map(\.path), [".organization.description"], "\(batch.issues)")
        XCTAssertEqual(batch.errors.first?.record, "service 1f0f6a5e…")
    }

    func testStricterWishesAreWarningsNotErrors() {
        let batch = read(#"{"id": "svc-1", "name": "X", "status": "active"}"#)
        XCTAssertTrue(batch.isAcceptable, "\(batch.errors)")
        XCTAssertEqual(Set(batch.warnings.compactMap(\.path)), [".id", ".description", ".organization"])
        XCTAssertTrue(batch.warnings.contains { $0.path == ".id" && $0.message.contains("not a UUID") })
    }

    func testEachDocumentTypeInAFolderIsRecognisedAndTheRestSaidSkipped() throws {
        let dir = Repo.tempDir()
        for name in ["location.json", "taxonomy.json", "taxonomy_term.json", "base.json", "service_at_location_list.json"] {
            try FileManager.default.copyItem(atPath: Repo.interop + "/hsds-3.0-more/" + name, toPath: dir + "/" + name)
        }
        try SafeFile.write(Data(#"{"hello": 1}"#.utf8), to: dir + "/notes.json")
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [dir])
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.services.count, 1, "the service of the service-at-location list")
        XCTAssertNotNil(batch.sources[.location, "3a19ff88-4620-4d17-9830-ac1d859eb5d5"], "the bare location is kept")
        XCTAssertFalse(batch.sources.ids(.taxonomy).isEmpty)
        XCTAssertFalse(batch.sources.ids(.taxonomyTerm).isEmpty)
        XCTAssertTrue(batch.notes.contains { $0.hasPrefix("base.json: feed details") }, "\(batch.notes)")
        XCTAssertTrue(batch.notes.contains { $0 == "notes.json: skipped; it is not an Open Referral resource" }, "\(batch.notes)")
    }
}

/// A page's items are judged as the API's list endpoints judge them, by the list schemas, which
/// leave nested lists undefined; what the full schemas say of a `full=true` page's contacts or
/// schedules is told as warnings, so nothing Waymark imports goes unchecked, and nothing the
/// official check accepts is refused.
final class PageItemSchemaTests: XCTestCase {
    private let uuid = "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f"

    private func page(_ item: String) -> ImportBatch {
        let json = #"{"total_items": 1, "total_pages": 1, "page_number": 1, "size": 1, "first_page": true, "last_page": true, "empty": false, "contents": [\#(item)]}"#
        return HSDSReader(taxonomy: Repo.taxonomy).read(data: Data(json.utf8), name: "services.json")
    }

    /// (The UK profile, which a page is read by unless it says otherwise, defines contacts on a
    /// service but not phones.)
    func testANestedContactInAPageIsHeldToTheContactSchemaAsAWarning() {
        let bad = page(#"{"id": "\#(uuid)", "name": "X", "status": "active", "contacts": [{"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": 7}]}"#)
        XCTAssertEqual(bad.errors, [], "the list schema accepts it")
        XCTAssertEqual(bad.services.count, 1)
        let told = bad.warnings.filter { $0.path == ".contacts[0].name" }
        XCTAssertEqual(told.count, 1, "told once, by what Waymark did with it: \(bad.issues)")
        XCTAssertEqual(told.first?.file, "services.json")
        XCTAssertTrue(told.first?.message.contains("is number 7, not text; left out") ?? false, "\(told)")
        let schedule = page(#"{"id": "\#(uuid)", "name": "X", "status": "active", "schedules": [{"freq": "WEEKLY"}]}"#)
        XCTAssertEqual(schedule.warnings.filter { $0.path == ".schedules[0].id" }.count, 1, "\(schedule.issues)")
        // Where the decoder has nothing to say (funding is kept only in the source record), the schema's word stands.
        let funding = page(#"{"id": "\#(uuid)", "name": "X", "status": "active", "funding": [{"source": "Council"}]}"#)
        XCTAssertEqual(funding.errors, [])
        XCTAssertEqual(funding.warnings.filter { $0.path == ".funding[0].id" }.map(\.message),
                       ["is required by the schema but missing; add it to the source (the service schema asks it; a page is checked by the list schema, which does not)"],
                       "\(funding.issues)")
        let plain = page(#"{"id": "\#(uuid)", "name": "X", "status": "active"}"#)
        XCTAssertFalse(plain.warnings.contains { $0.message.contains("schema asks it") }, "one-to-one fields only: \(plain.issues)")
    }

    func testWhatTheListSchemaRefusesIsStillAnErrorAndToldOnce() {
        let bad = page(#"{"id": "\#(uuid)", "name": 7, "status": "active"}"#)
        XCTAssertEqual(bad.errors.map(\.path), [".name"])
        XCTAssertEqual(bad.issues.filter { $0.path == ".name" }.count, 1, "\(bad.issues)")
        XCTAssertEqual(bad.services.count, 0)
    }

    /// Why the warnings are only ever additions: every constraint a
    /// list schema makes, the full one makes identically, with the same required fields; the full
    /// one only defines more properties.
    func testTheFullSchemasMakeEveryCheckTheListSchemasMake() throws {
        let annotations: Set<String> = ["title", "description", "example", "examples", "constraints", "datapackage_metadata"]
        func differences(_ full: [String: Any], _ list: [String: Any], _ path: String) -> [String] {
            var out: [String] = []
            for (key, value) in list where !annotations.contains(key) {
                switch key {
                case "properties":
                    let fp = full["properties"] as? [String: Any] ?? [:]
                    for (name, sub) in value as? [String: Any] ?? [:] {
                        guard let f = fp[name] as? [String: Any] else { out.append("\(path).\(name) is not in the full schema"); continue }
                        out += differences(f, sub as? [String: Any] ?? [:], path + "." + name)
                    }
                case "items":
                    out += differences(full["items"] as? [String: Any] ?? [:], value as? [String: Any] ?? [:], path + "[]")
                default:
                    if JSONValue(any: value) != JSONValue(any: full[key]) { out.append("\(path): \(key) differs") }
                }
            }
            return out
        }
        func load(_ file: String) throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repo.fixtures.path("schemas/" + file)))) as? [String: Any])
        }
        var compared = 0
        for profile in [TabularProfile.uk, .hsds] {
            for (full, list) in [(SchemaDocument.service, SchemaDocument.serviceList), (.organization, .organizationList),
                                 (.serviceAtLocation, .serviceAtLocationList)] {
                let f = try load(full.file(profile)), l = try load(list.file(profile))
                XCTAssertEqual(differences(f, l, full.rawValue), [], "\(profile) \(list.rawValue)")
                XCTAssertEqual(f["required"] as? [String], l["required"] as? [String])
                compared += (l["properties"] as? [String: Any])?.count ?? 0
            }
        }
        XCTAssertGreaterThan(compared, 60, "the list schemas' properties were compared")
    }
}

/// What the hand-written checks never looked at (fields Waymark keeps only in the source record)
/// is now held to the schema too: such a record is refused whole, named by file, record and path.
final class UnmodelledFieldTests: XCTestCase {
    private let service = """
        {"id": "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": "Lunch club", "status": "active", "description": "Lunch.",
         "languages": [{"name": "Welsh"}],
         "schedules": [{"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "freq": "WEEKLY", "byday": "MO", "wkst": 1}]}
        """

    func testALanguageWithoutItsIdAndANumericWkstAreRefusedAndTheDatabaseIsUnchanged() throws {
        let dir = Repo.tempDir()
        let file = dir + "/hostile.json"
        try SafeFile.write(Data(service.utf8), to: file)
        let store = try Store(path: dir + "/w.sqlite")
        try store.apply(HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/hsds-uk-3.0/service_full.json"]), source: "setup")
        let before = try store.fingerprint()
        // HSDS 3.0 types wkst (a closed list of days); both profiles require a language's id.
        let batch = try store.importFiles([file], reader: HSDSReader(taxonomy: Repo.taxonomy, profile: .hsds), source: file)
        XCTAssertFalse(batch.isAcceptable)
        let lines = Set(batch.errors.map(\.description))
        XCTAssertTrue(lines.contains("hostile.json: service 1f0f6a5e…: .languages[0].id: is required by the schema but missing; add it to the source"), "\(lines)")
        XCTAssertTrue(lines.contains("hostile.json: service 1f0f6a5e…: .schedules[0].wkst: is number 1, but the schema asks for text; correct it in the source"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("hostile.json: service 1f0f6a5e…: .schedules[0].wkst: number 1 is not one the schema allows (MO, TU") }, "\(lines)")
        XCTAssertEqual(try store.fingerprint(), before, "a refused import changes nothing")

        let uk = try store.importFiles([file], reader: HSDSReader(taxonomy: Repo.taxonomy), source: file)
        XCTAssertEqual(uk.errors.map(\.path), [".languages[0].id"], "the UK profile has no wkst to type: \(uk.errors)")
        XCTAssertEqual(try store.fingerprint(), before)
    }

    func testAFolderIsJudgedByTheProfileItsAPIDetailsDeclare() throws {
        let dir = Repo.tempDir()
        let json = #"{"id": "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": "X", "status": "active", "required_documents": [{"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "document": 7}]}"#
        try SafeFile.write(Data(json.utf8), to: dir + "/a-service.json")
        XCTAssertTrue(HSDSReader(taxonomy: Repo.taxonomy).read(paths: [dir]).isAcceptable, "UK by default, which has no required_documents")
        try SafeFile.write(Data(#"{"version": "3.0", "profile": "https://docs.openreferral.org/en/v3.0/", "openapi_url": "https://example.org/openapi.json"}"#.utf8),
                           to: dir + "/api_details.json")
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [dir])
        XCTAssertEqual(batch.errors.map(\.path), [".required_documents[0].document"], "\(batch.issues)")
        XCTAssertEqual(batch.errors.first?.file, "a-service.json")
    }
}
