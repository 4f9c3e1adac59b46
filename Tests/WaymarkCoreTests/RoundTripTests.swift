import XCTest
@testable import WaymarkCore

/// Export then import gives back the same directory: tested on the whole bundled directory.
final class RoundTripTests: XCTestCase {
    lazy var bundled: Directory = {
        let batch = Repo.bundledBatch()
        XCTAssertEqual(batch.errors, [])
        return Directory(organisations: batch.organisations, services: batch.services)
    }()

    func testBundledDirectoryLoadsWithoutWarnings() {
        let batch = Repo.bundledBatch()
        XCTAssertEqual(batch.issues, [], "the bundled directory must load cleanly")
        XCTAssertGreaterThan(batch.services.count, 100)
    }

    func testJSONPageRoundTrip() throws {
        let data = try HSDSWriter(taxonomy: Repo.taxonomy).page(bundled)
        let back = HSDSReader(taxonomy: Repo.taxonomy).read(data: data, name: "export.json")
        XCTAssertEqual(back.issues, [])
        XCTAssertEqual(Directory(organisations: back.organisations, services: back.services), bundled)
    }

    func testCSVPackageRoundTrip() throws {
        let dir = Repo.tempDir()
        for (name, data) in try HSDSWriter(taxonomy: Repo.taxonomy).csvPackage(bundled, descriptor: try Repo.fixtures.loadDescriptor(.hsds)) {
            try SafeFile.write(data, to: dir + "/" + name)
        }
        let back = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [dir])
        XCTAssertEqual(back.issues, [])
        let again = Directory(organisations: back.organisations, services: back.services)
        XCTAssertEqual(again.services.count, bundled.services.count)
        for (a, b) in zip(again.services, bundled.services) where a != b {
            XCTFail("service \(a.id) changed in the CSV round trip")
            break
        }
        XCTAssertEqual(again, bundled)
    }

    func testStoreRoundTrip() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Repo.bundledBatch(), source: "bundled")
        XCTAssertEqual(try store.loadDirectory(), bundled)
    }
}
