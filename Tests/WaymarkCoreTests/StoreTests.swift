import XCTest
@testable import WaymarkCore

final class StoreTests: XCTestCase {
    func testDatabaseIsOwnerOnly() throws {
        let dir = Repo.tempDir()
        let path = dir + "/sub/w.sqlite"
        let store = try Store(path: path)
        try store.setMeta("k", "v")
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as! Int
            XCTAssertEqual(mode & 0o077, 0, "\(file) is readable by others: \(String(mode, radix: 8))")
        }
    }

    func testTwoInstancesWriteAtOnceWithoutLocking() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let a = try Store(path: path), b = try Store(path: path)
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/hsds-uk-3.0"])
        let group = DispatchGroup()
        let errors = LockedErrors()
        for (i, store) in [a, b, a, b].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                do {
                    for j in 0..<20 {
                        try store.apply(batch, source: "instance \(i) run \(j)")
                        _ = try store.loadDirectory()
                    }
                } catch { errors.add(error) }
            }
        }
        group.wait()
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        XCTAssertEqual(try a.serviceCount(), 1)
    }

    func testWorkingDatabaseLocation() {
        XCTAssertEqual(DataPaths.defaultDatabase(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/u"]), "/x/data/waymark/waymark.sqlite")
        XCTAssertEqual(DataPaths.defaultDatabase(environment: ["HOME": "/home/u"]), "/home/u/.local/share/waymark/waymark.sqlite")
        XCTAssertEqual(DataPaths.defaultDatabase(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]), "/home/u/.local/share/waymark/waymark.sqlite",
                       "a relative XDG_DATA_HOME is ignored, as the spec says")
    }

    func testFirstRunSeedsFromBundledDirectoryAndKeepsImports() throws {
        let env = ["HOME": Repo.tempDir(), "WAYMARK_FIXTURES": Repo.fixtures.root]
        let ws = try Workspace.open(directoryPath: nil, environment: env)
        XCTAssertTrue(ws.isSample)
        XCTAssertEqual(ws.directory.services.count, Repo.bundledBatch().services.count)
        let again = try Workspace.open(directoryPath: nil, environment: env)
        XCTAssertEqual(again.directory, ws.directory)
    }

    /// A start reads the sample files only when their names, sizes or times changed; then a change
    /// of contents reseeds the working database, and a touch alone changes nothing the user sees.
    func testTheSampleIsReseededWhenItsFilesChangeAndOnlyThen() throws {
        let root = Repo.tempDir() + "/Fixtures"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for name in ["taxonomy.json", "gazetteer.json", "lexicon.json", "banes", "schemas", "oruk"] {
            try FileManager.default.copyItem(atPath: Repo.fixtures.root + "/" + name, toPath: root + "/" + name)
        }
        let env = ["HOME": Repo.tempDir(), "WAYMARK_FIXTURES": root]
        let first = try Workspace.open(directoryPath: nil, environment: env)
        let version = try XCTUnwrap(first.store).dataVersion()
        XCTAssertEqual(try first.store?.meta("bundled_stat"), first.fixtures.sampleStat())

        // Touched, the same bytes: the contents are read once, and not seeded again.
        let file = try XCTUnwrap(first.fixtures.sampleFiles().paths.first)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file)
        XCTAssertNotEqual(first.fixtures.sampleStat(), try first.store?.meta("bundled_stat"))
        let touched = try Workspace.open(directoryPath: nil, environment: env)
        XCTAssertEqual(try touched.store?.dataVersion(), version, "a touch alone does not reseed")
        XCTAssertEqual(try touched.store?.meta("bundled_stat"), touched.fixtures.sampleStat(), "the new times are remembered")

        // Changed: the next start seeds the new sample.
        let name = try XCTUnwrap(first.directory.services.first { text.contains($0.name) }?.name)
        try text.replacingOccurrences(of: name, with: "Renamed In The Sample").write(toFile: file, atomically: true, encoding: .utf8)
        let changed = try Workspace.open(directoryPath: nil, environment: env)
        XCTAssertNotEqual(try changed.store?.dataVersion(), version)
        XCTAssertTrue(changed.directory.services.contains { $0.name == "Renamed In The Sample" })
    }
}

final class LockedErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ e: Error) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [Error] { lock.lock(); defer { lock.unlock() }; return errors }
}
