import Foundation
import XCTest
@testable import WaymarkCore

/// What the official schemas require of an export, checked on the model and the writer.
/// The schemas themselves judge the files in e2e/test_interop.sh.
final class ConformanceTests: XCTestCase {
    private func reread(_ data: Data) -> ImportBatch {
        HSDSReader(taxonomy: Repo.taxonomy).read(data: data, name: "export.json")
    }

    private func addresses(_ batch: ImportBatch) -> [Address] {
        batch.services.flatMap { $0.locations.compactMap(\.location.address) }
    }

    func testAPostalAddressKeepsItsTypeAndStateThroughExport() throws {
        let path = Repo.interop + "/hsds-3.0/service_full.json"
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [path])
        let page = try HSDSWriter(taxonomy: Repo.taxonomy).page(Directory(organisations: batch.organisations, services: batch.services))
        let back = addresses(reread(page))
        XCTAssertFalse(back.isEmpty)
        for a in back {
            XCTAssertEqual(a.type, .postal, "the example's postal address came back \(a.type)")
            XCTAssertEqual(a.stateProvince, "MyState")
        }
    }

    func testEveryBundledAddressHasTheCountyAsItsState() {
        let all = addresses(Repo.bundledBatch())
        XCTAssertGreaterThan(all.count, 400)
        XCTAssertEqual(Set(all.compactMap(\.stateProvince)), ["Somerset", "Bristol"])
        XCTAssertTrue(all.allSatisfy { $0.stateProvince != nil })
    }

    func testExtentTypeNamesAFormatNotAVocabulary() throws {
        let page = try HSDSWriter(taxonomy: Repo.taxonomy).page(RoundTripTests.bundledDirectory)
        let text = String(decoding: page, as: UTF8.self)
        XCTAssertFalse(text.contains("\"extent_type\" : \"waymark:area\""))
        XCTAssertTrue(text.contains("\"uri\" : \"waymark:area:banes-wide\""), "the area code must still travel in uri")
    }

    func testAnUnknownAddressTypeIsTheErrorTheSchemaMakesIt() {
        let json = """
        {"id": "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": "X", "status": "active",
         "service_at_locations": [{"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "location": {
           "id": "3f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "location_type": "physical",
           "addresses": [{"id": "4f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "address_1": "1 Road", "city": "Bath",
             "state_province": "Somerset", "postal_code": "BA1 1AA", "country": "GB", "address_type": "home"}]}}]}
        """
        let batch = reread(Data(json.utf8))
        XCTAssertTrue(batch.issues.contains { $0.severity == .error && ($0.path ?? "").hasSuffix("address_type") },
                      "issues: \(batch.issues)")
    }

    func testTheCSVPackageHasEveryOfficialResourceAndColumn() throws {
        for profile in TabularProfile.allCases {
            let descriptor = try Repo.fixtures.loadDescriptor(profile)
            let files = try HSDSWriter(taxonomy: Repo.taxonomy).csvPackage(RoundTripTests.bundledDirectory, descriptor: descriptor)
            let official = try CSVDescriptor.resources(descriptor)
            // The UK phone names only its contact: a service's own phones keep their service in a file beside it.
            let beside = profile == .uk ? ["phones.links.csv"] : []
            XCTAssertEqual(files.map(\.name), official.map(\.path) + beside + ["datapackage.json"])
            for (r, f) in zip(official, files) {
                let header = String(decoding: f.data, as: UTF8.self).components(separatedBy: .newlines).first ?? ""
                XCTAssertEqual(header, r.fields.joined(separator: ","), "\(profile) \(r.path)")
            }
        }
    }
}
