import Foundation
import XCTest
@testable import WaymarkCore

/// Issue 12: races in set-up and shortlists, and CSV/JSON input that used to lose data or mislead.
final class ReliabilityTests: XCTestCase {
    // MARK: Store set-up and shortlists

    func testConcurrentFirstOpensOfANewDatabaseAllSucceed() throws {
        for trial in 0..<10 {
            let path = Repo.tempDir() + "/new-\(trial).sqlite"
            let errors = LockedErrors()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try Store(path: path).serviceCount() } catch { errors.add(error) }
            }
            XCTAssertTrue(errors.all.isEmpty, "trial \(trial): \(errors.all)")
        }
    }

    func testBareFileNameOpensInTheCurrentFolder() throws {
        let dir = Repo.tempDir()
        let old = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir)
        defer { FileManager.default.changeCurrentDirectoryPath(old) }
        let store = try Store(path: "bare.sqlite")
        try store.setMeta("k", "v")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/bare.sqlite"))
    }

    func testTwoWindowsEditingOneShortlistKeepBothEdits() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let a = try Store(path: path), b = try Store(path: path)
        let start = Shortlist(name: "Mrs B", items: [.init(serviceID: "s1"), .init(serviceID: "s2"), .init(serviceID: "s3")])
        try a.applyShortlistEdits(Shortlist.edits(from: Shortlist(name: "Mrs B"), to: start), to: "Mrs B")
        // Both windows open the same list, then each makes a different change.
        var inA = try XCTUnwrap(a.loadShortlist(named: "Mrs B")), inB = try XCTUnwrap(b.loadShortlist(named: "Mrs B"))
        let baseA = inA, baseB = inB
        inA.toggle("s4")                       // A adds a service
        inB.toggle("s1")                       // B removes one
        inB.items[0].note = "ask for Sue"      // and notes another (now s2)
        try a.applyShortlistEdits(Shortlist.edits(from: baseA, to: inA), to: "Mrs B")
        let merged = try b.applyShortlistEdits(Shortlist.edits(from: baseB, to: inB), to: "Mrs B")
        XCTAssertEqual(merged.items.map(\.serviceID), ["s2", "s3", "s4"])
        XCTAssertEqual(merged.items.first?.note, "ask for Sue")
        XCTAssertEqual(try a.loadShortlist(named: "Mrs B"), merged)
        // A moves s4 to the top while B adds s5: both survive.
        var nextA = merged, nextB = merged
        _ = nextA.move(from: 2, by: -1); _ = nextA.move(from: 1, by: -1)
        nextB.toggle("s5")
        try a.applyShortlistEdits(Shortlist.edits(from: merged, to: nextA), to: "Mrs B")
        let last = try b.applyShortlistEdits(Shortlist.edits(from: merged, to: nextB), to: "Mrs B")
        XCTAssertEqual(last.items.map(\.serviceID), ["s4", "s2", "s3", "s5"])
    }

    // MARK: CSV

    /// Reads a CSV folder holding one organisation and this services.csv.
    func readCSV(services: String) throws -> ImportBatch {
        let dir = Repo.tempDir()
        try "id,name,description\r\norg-1,Org,Helps people\r\n".write(toFile: dir + "/organizations.csv", atomically: true, encoding: .utf8)
        try services.write(toFile: dir + "/services.csv", atomically: true, encoding: .utf8)
        return HSDSReader(taxonomy: Repo.taxonomy).read(paths: [dir])
    }

    func error(_ batch: ImportBatch, _ words: String, file: StaticString = #filePath, line: UInt = #line) -> ImportIssue? {
        let found = batch.errors.first { $0.description.contains(words) }
        if found == nil { XCTFail("no error saying \"\(words)\" in \(batch.issues.map(\.description))", file: file, line: line) }
        return found
    }

    let header = "id,organization_id,name,status,description\r\n"

    func testCSVDuplicateIDIsAnErrorNamingBothRows() throws {
        let batch = try readCSV(services: header + "s1,org-1,One,active,d\r\ns2,org-1,Two,active,d\r\ns1,org-1,Again,active,d\r\n")
        XCTAssertFalse(batch.isAcceptable)
        let e = error(batch, "duplicate id")
        XCTAssertEqual(e?.file, "services.csv"); XCTAssertEqual(e?.record, "row 4"); XCTAssertEqual(e?.path, "id")
        XCTAssertTrue(e?.message.contains("row 2") ?? false)
    }

    func testCSVUnclosedQuoteIsAnErrorNotOneHugeCell() throws {
        let batch = try readCSV(services: header + "s1,org-1,\"One,active,d\r\ns2,org-1,Two,active,d\r\n")
        XCTAssertFalse(batch.isAcceptable)
        XCTAssertEqual(error(batch, "never closed")?.record, "row 2")
    }

    func testCSVExtraCellsAreAnError() throws {
        let batch = try readCSV(services: header + "s1,org-1,One,active,d,surprise\r\n")
        XCTAssertEqual(error(batch, "6 cells")?.record, "row 2")
    }

    func testCSVDuplicateHeaderIsAnError() throws {
        let batch = try readCSV(services: "id,organization_id,name,status,description,name\r\ns1,org-1,One,active,d,Other\r\n")
        let e = error(batch, "names this column twice")
        XCTAssertEqual(e?.record, "row 1"); XCTAssertEqual(e?.path, "name")
    }

    func testCSVShortRowIsAWarning() throws {
        let batch = try readCSV(services: header + "s1,org-1,One,active\r\n")
        XCTAssertTrue(batch.warnings.contains { $0.record == "row 2" && $0.path == "description" && $0.message.contains("read as empty") },
                      "\(batch.issues.map(\.description))")
    }

    func testCSVWithOnlyCRLineEndingsImportsEveryRow() throws {
        let batch = try readCSV(services: header.replacingOccurrences(of: "\r\n", with: "\r") + "s1,org-1,One,active,d\rs2,org-1,Two,active,d\r")
        XCTAssertTrue(batch.isAcceptable, "\(batch.issues.map(\.description))")
        XCTAssertEqual(batch.services.map(\.id).sorted(), ["s1", "s2"])
    }

    func testCSVHexAgeIsRefused() throws {
        let batch = try readCSV(services: "id,organization_id,name,status,description,minimum_age\r\ns1,org-1,One,active,d,0x10\r\n")
        XCTAssertEqual(error(batch, "0x10")?.path, ".minimum_age")
        XCTAssertFalse(batch.isAcceptable)
    }

    // MARK: JSON

    func readJSON(_ text: String) throws -> ImportBatch {
        let path = Repo.tempDir() + "/page.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return HSDSReader(taxonomy: Repo.taxonomy).read(paths: [path])
    }

    let okService = #"{"id": "s1", "name": "One", "description": "d", "status": "active", "organization": {"id": "o1", "name": "Org", "description": "d"}}"#

    func testJSONTrailingCommaIsRefusedWithItsPlace() throws {
        let batch = try readJSON(#"{"contents": ["# + okService + #", {"id": "s2", "name": "Two", "status": "active",}]}"#)
        let e = error(batch, "comma after the last field")
        XCTAssertEqual(e?.record, "record contents[1]"); XCTAssertEqual(e?.path, ".status")
    }

    func testNaNInfinityAndHugeNumbersNameTheRecordAndField() throws {
        for bad in ["NaN", "Infinity", "-Infinity", "1e400"] {
            let batch = try readJSON(#"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": "# + bad + #"}]}"#)
            let e = error(batch, bad)
            XCTAssertEqual(e?.record, "record contents[1]", bad); XCTAssertEqual(e?.path, ".minimum_age", bad)
        }
    }

    func testLoneSurrogateIsNotCalledATruncatedFile() throws {
        let batch = try readJSON(#"[{"id": "s1", "name": "A \ud800 B"}]"#)
        let e = error(batch, "lone surrogate")
        XCTAssertEqual(e?.record, "record [0]"); XCTAssertEqual(e?.path, ".name")
        XCTAssertFalse(batch.errors.contains { $0.message.contains("ends too soon") })
    }

    func testAWellFormedPageStillReads() throws {
        let batch = try readJSON(#"{"contents": ["# + okService + #"], "emoji": "\ud83d\ude91", "n": -1.5e3}"#)
        XCTAssertTrue(batch.isAcceptable, "\(batch.issues.map(\.description))")
        XCTAssertNil(JSONPreScan.problem(in: Array(try String(contentsOfFile: Repo.interop + "/hsds-uk-3.0/service_full.json").utf8)))
    }

    func testNonUTF8FileNameIsNotCalledMissing() {
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: ["/tmp/caf\u{FFFD}.json"])
        XCTAssertTrue(batch.missing.isEmpty)
        XCTAssertTrue(batch.unreadable.first?.contains("not valid UTF-8") ?? false)
    }
}
