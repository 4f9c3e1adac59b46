import Foundation
import XCTest
@testable import WaymarkCore

/// The streaming reader (one record at a time through a fixed buffer) against the whole-file
/// reader it replaced for files: the same services, organisations, source records, notes and
/// errors, for every file and at every buffer size; and the streaming import's all-or-nothing rule.
final class StreamingTests: XCTestCase {
    let reader = HSDSReader(taxonomy: Repo.taxonomy)

    /// Every JSON file the project reads in tests: the official examples, the good and bad feeds, the bundled directory.
    static let files: [String] = {
        var out: [String] = []
        for root in [Repo.interop, Repo.root + "/Fixtures/oruk", Repo.root + "/Fixtures/banes", Repo.root + "/Tests/Fixtures"] {
            guard let e = FileManager.default.enumerator(atPath: root) else { continue }
            for case let p as String in e where p.hasSuffix(".json") && !p.hasPrefix("schemas") { out.append(root + "/" + p) }
        }
        return out.sorted()
    }()

    func whole(_ data: Data, _ name: String = "input.json") -> ImportBatch { reader.read(data: data, name: name) }
    func streamed(_ data: Data, _ name: String = "input.json", chunk: Int = HSDSReader.streamChunkSize) -> ImportBatch {
        reader.readStreaming(data: data, name: name, chunkSize: chunk)
    }

    func assertSame(_ a: ImportBatch, _ b: ImportBatch, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.issues.map(\.description), b.issues.map(\.description), "issues: " + what, file: file, line: line)
        XCTAssertEqual(a.notes, b.notes, "notes: " + what, file: file, line: line)
        guard a.isAcceptable else { return } // A refused file contributes nothing; what was read before the error is not kept.
        XCTAssertEqual(a.services, b.services, "services: " + what, file: file, line: line)
        XCTAssertEqual(a.organisations, b.organisations, "organisations: " + what, file: file, line: line)
        XCTAssertEqual(a.sources, b.sources, "source records: " + what, file: file, line: line)
        XCTAssertEqual(a.serviceCount, b.serviceCount, "count: " + what, file: file, line: line)
    }

    func testEveryInteropAndFixtureFileReadsTheSameStreamed() throws {
        XCTAssertGreaterThan(Self.files.count, 40, "the interop files are missing: \(Repo.interop)")
        var withErrors = 0, services = 0
        for path in Self.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let name = (path as NSString).lastPathComponent
            let old = whole(data, name)
            if !old.errors.isEmpty { withErrors += 1 }
            services += old.services.count
            assertSame(old, streamed(data, name), path)
        }
        // The comparison covers refused files and real services, not only empty ones.
        XCTAssertGreaterThan(withErrors, 5)
        XCTAssertGreaterThan(services, 400)
    }

    func testReadingFromFilesGivesTheSameBatchAsReadingWhole() throws {
        for path in Self.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let name = (path as NSString).lastPathComponent
            assertSame(reader.read(documents: [FeedDocument(name: name, data: data)]), reader.read(paths: [path]), path)
        }
    }

    func testEveryBufferBoundaryParsesIdentically() throws {
        // Chunks of 1 byte put a buffer boundary between every pair of bytes (inside strings, escapes, numbers, keys).
        let paths = Self.files.filter { $0.contains("oruk-feed-good") || $0.contains("oruk-feed-bad") || $0.contains("hsds-uk-3.0/") }
        XCTAssertFalse(paths.isEmpty)
        for path in paths {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let name = (path as NSString).lastPathComponent
            let reference = streamed(data, name)
            for chunk in [1, 2, 3, 7, 64] { assertSame(reference, streamed(data, name, chunk: chunk), "\(path) in chunks of \(chunk)") }
            XCTAssertEqual(reference.services, whole(data, name).services, path)
        }
    }

    // MARK: Errors a user can meet, each named as reading the file whole names it

    static let okService = #"{"id": "s1", "name": "One", "description": "d", "status": "active", "organization": {"id": "o1", "name": "Org", "description": "d"}}"#

    static let badDocuments: [String] = [
        #"{"contents": ["# + okService + #", {"id": "s2", "name": "Two", "status": "active",}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": NaN}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": -Infinity}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": 1e400}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "name": "\ud800"}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "name": "x" "status": "active"}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": 01}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": tru}]}"#,
        #"{"contents": ["# + okService + #", {"id": "s2", "minimum_age": 1], "x": 2}"#,
        #"{"contents": ["# + okService + #",]}"#,
        #"{"total_items": 01, "contents": ["# + okService + #"]}"#,
        #"{"total_items": 1 "contents": ["# + okService + #"]}"#,
        #"{"contents": ["# + okService + #"], "size": NaN}"#,
        #"{"contents": ["# + okService + #"],}"#,
        #"{"contents": ["# + okService + #"]} trailing"#,
        #"["# + okService + #", 12, "text"]"#,
        #"["# + okService + #", {"id": "s2", "minimum_age": 01}, {"id": "s3", "minimum_age": NaN}]"#,
        #""just text""#,
        "",
        "\u{FEFF}" + okService,
        "[" + okService + ", {\"id\": \"s2\", \"name\": \"a\u{01}b\"}]",
    ]

    func testBadDocumentsAreReportedAsReadingThemWhole() {
        for doc in Self.badDocuments {
            let data = Data(doc.utf8)
            let old = whole(data)
            XCTAssertFalse(old.isAcceptable && doc.contains("NaN"), doc)
            for chunk in [1, 5, HSDSReader.streamChunkSize] { assertSame(old, streamed(data, chunk: chunk), "\(doc) in chunks of \(chunk)") }
        }
    }

    func testATruncatedPageIsReportedAsReadingItWhole() throws {
        // Cut anywhere (inside a string, a number, a key, between records), the page says the same as before.
        let text = try String(contentsOfFile: Repo.interop + "/oruk-feed-good/service_list.json", encoding: .utf8)
        let bytes = Array(text.utf8)
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            let data = Data(bytes[..<cut])
            assertSame(whole(data), streamed(data, chunk: 16), "cut at \(cut)")
        }
    }

    // MARK: The streaming import

    func page(_ items: [String]) -> String { #"{"total_items": \#(items.count), "contents": ["# + items.joined(separator: ", ") + "]}" }

    func testAStreamingImportWritesWhatApplyingTheBatchWrites() throws {
        let dir = Repo.tempDir()
        let paths = Repo.fixtures.sampleFiles().paths
        let streamedStore = try Store(path: dir + "/streamed.sqlite"), applied = try Store(path: dir + "/applied.sqlite")
        let batch = try streamedStore.importFiles(paths, reader: reader, source: "test")
        XCTAssertTrue(batch.isAcceptable, batch.errors.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(batch.services.isEmpty, "a streaming import keeps no services in memory")
        try applied.apply(reader.read(paths: paths), source: "test")
        XCTAssertGreaterThan(batch.serviceCount, 400)
        XCTAssertEqual(try streamedStore.serviceCount(), batch.serviceCount)
        XCTAssertEqual(try streamedStore.fingerprint(), try applied.fingerprint())
        XCTAssertEqual(try streamedStore.loadDirectory().services, try applied.loadDirectory().services)
    }

    func testARefusedStreamingImportChangesNothing() throws {
        let dir = Repo.tempDir()
        let store = try Store(path: dir + "/db.sqlite")
        _ = try store.importFiles(Repo.fixtures.sampleFiles().paths, reader: reader, source: "bundled")
        let before = try store.fingerprint(), count = try store.serviceCount()
        let good = (0..<50).map { #"{"id": "new-\#($0)", "name": "New \#($0)", "description": "d", "status": "active", "organization": {"id": "o1", "name": "Org", "description": "d"}}"# }
        let refusals: [(String, String)] = [
            // A field error in the last record: the 50 before it were written, and are rolled back.
            (page(good + [#"{"id": "bad", "name": "Bad", "status": "active", "minimum_age": "ten", "organization": {"id": "o1", "name": "Org"}}"#]), "minimum_age"),
            // A syntax error after every record was read.
            (page(good) + " trailing", "not valid JSON"),
            (String(page(good).dropLast(3)), "ends too soon"),
        ]
        for (text, expected) in refusals {
            let path = dir + "/page.json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let batch = try store.importFiles([path], reader: reader, source: "test", chunkSize: 64)
            XCTAssertFalse(batch.isAcceptable, expected)
            XCTAssertTrue(batch.errors.contains { $0.description.contains(expected) }, batch.errors.map(\.description).joined(separator: "\n"))
            XCTAssertEqual(try store.fingerprint(), before, expected)
            XCTAssertEqual(try store.serviceCount(), count, expected)
        }
        // And the good records alone go in.
        let path = dir + "/good.json"
        try page(good).write(toFile: path, atomically: true, encoding: .utf8)
        let batch = try store.importFiles([path], reader: reader, source: "test")
        XCTAssertTrue(batch.isAcceptable)
        XCTAssertEqual(try store.serviceCount(), count + 50)
    }

    func testAServiceInTwoFilesIsMergedAsBefore() throws {
        // A feed's list and full files name the same services: the streaming import merges the copies.
        let folder = Repo.interop + "/oruk-feed-good"
        let dir = Repo.tempDir()
        let streamedStore = try Store(path: dir + "/s.sqlite"), applied = try Store(path: dir + "/a.sqlite")
        let batch = try streamedStore.importFiles([folder], reader: reader, source: "feed")
        let memory = reader.read(paths: [folder])
        XCTAssertEqual(batch.issues.map(\.description), memory.issues.map(\.description))
        XCTAssertEqual(batch.notes, memory.notes)
        if memory.isAcceptable {
            try applied.apply(memory, source: "feed")
            XCTAssertEqual(try streamedStore.fingerprint(), try applied.fingerprint())
        }
    }

    func testWarningsPastAThousandAreCountedNotKept() {
        // Each of these services has a non-UUID id (a warning): memory must not grow with them.
        let items = (0..<1200).map { #"{"id": "w-\#($0)", "name": "W", "description": "d", "status": "active", "organization": {"id": "o1", "name": "Org", "description": "d"}}"# }
        let batch = streamed(Data(page(items).utf8))
        XCTAssertTrue(batch.isAcceptable)
        XCTAssertEqual(batch.warnings.count, IssueSink.keptWarnings)
        XCTAssertGreaterThanOrEqual(batch.omittedWarnings, 200)
        XCTAssertEqual(batch.serviceCount, 1200)
    }

    // MARK: Streaming writers

    func testTheStreamedPageIsTheSameBytesAsThePageBuiltWhole() throws {
        let directory = try Store.bundledDirectory()
        let writer = HSDSWriter(taxonomy: Repo.taxonomy)
        let path = Repo.tempDir() + "/page.json"
        let orgs = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        try SafeFile.stream(to: path) { file in
            try writer.writePage(count: directory.services.count, to: file) { put in
                for s in directory.services { try put(s, orgs[s.organisationID]) }
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), try writer.page(directory))
    }

    func testGeneratedServicesStreamAsTheyAreMade() throws {
        let base = try Store.bundledDirectory()
        let made = SyntheticDirectory(base: base).make(services: 40, seed: 7)
        var streamed: [Service] = []
        SyntheticDirectory(base: base).each(services: 40, seed: 7) { _, s in streamed.append(s) }
        // The same services (a directory keeps its own order; the stream gives them as made).
        XCTAssertEqual(streamed.count, 40)
        XCTAssertEqual(Directory(organisations: made.organisations, services: streamed).services, made.services)
        XCTAssertEqual(made.organisations.count, 7)
    }

    /// Every id a generated directory publishes is a uuid, as the official schemas ask, and no
    /// two records share one: importing a generated page warns about no id.
    func testGeneratedIdsAreDistinctUUIDs() throws {
        let made = SyntheticDirectory(base: try Store.bundledDirectory()).make(services: 300, seed: 7)
        var ids = made.organisations.map(\.id)
        for s in made.services {
            ids.append(s.id)
            ids += s.terms.compactMap(\.attributeID) + s.locations.flatMap { [$0.id, $0.location.id] }
            ids += s.schedules.map(\.id) + s.phones.map(\.id) + s.costOptions.map(\.id)
        }
        XCTAssertGreaterThan(ids.count, 3000)
        XCTAssertEqual(ids.filter { !StableUUID.isUUID($0) }, [])
        XCTAssertEqual(Set(ids).count, ids.count, "no two records share an id")
        let organisations = Set(made.organisations.map(\.id))
        XCTAssertTrue(made.services.allSatisfy { organisations.contains($0.organisationID) }, "each service names its organisation")
    }
}

extension Store {
    /// The bundled directory, read from its files.
    static func bundledDirectory() throws -> Directory {
        let batch = Repo.bundledBatch()
        return Directory(organisations: batch.organisations, services: batch.services)
    }
}
