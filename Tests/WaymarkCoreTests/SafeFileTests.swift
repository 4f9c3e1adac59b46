import XCTest
@testable import WaymarkCore

/// Issue 12, item 10: a file that cannot be written is said in plain words, naming the folder,
/// not as Foundation's "The operation could not be completed. (NSCocoaErrorDomain error 512.)".
final class SafeFileTests: XCTestCase {
    func testAMissingFolderIsNamedInPlainWords() {
        let missing = NSTemporaryDirectory() + "waymark-no-such-folder-\(getpid())/x.json"
        XCTAssertThrowsError(try SafeFile.write(Data("{}".utf8), to: missing)) { error in
            let said = error.localizedDescription
            XCTAssertEqual(said, "the folder \((missing as NSString).deletingLastPathComponent) does not exist")
            XCTAssertFalse(said.contains("NSCocoaErrorDomain") || said.contains("operation could not"), said)
        }
    }

    func testAFileInThePlaceOfTheFolderIsSaid() throws {
        let file = NSTemporaryDirectory() + "waymark-a-file-\(getpid())"
        try Data().write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        XCTAssertThrowsError(try SafeFile.write(Data(), to: file + "/x.json")) { error in
            XCTAssertEqual(error.localizedDescription, "\(file) is a file, not a folder")
        }
    }
}

/// Paths of one letter, which this machine's `NSString.deletingLastPathComponent` traps on.
final class PathNameTests: XCTestCase {
    func testTheFolderPartOfEveryShapeOfPath() {
        let cases: [(String, String)] = [("a", ""), (".", ""), ("b/", ""), ("", ""), ("/", "/"), ("/a", "/"), ("a/b", "a"),
                                         ("a/b/", "a"), ("/x/y/z.sqlite", "/x/y"), ("x//y", "x"), ("//", "/"), ("./w", ".")]
        for (path, parent) in cases { XCTAssertEqual(PathName.parent(path), parent, path) }
        XCTAssertEqual(PathName.folder(of: "a"), ".")
        XCTAssertEqual(PathName.folder(of: "/a"), "/")
        // Where NSString does not trap, the two agree.
        for path in ["ab", "/ab/cd", "ab/cd/", "/ab", "ab//cd"] {
            XCTAssertEqual(PathName.parent(path), (path as NSString).deletingLastPathComponent, path)
        }
    }

    private func inTempFolder(_ body: (String) throws -> Void) rethrows {
        let dir = Repo.tempDir(), back = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { FileManager.default.changeCurrentDirectoryPath(back) }
        try body(dir)
    }

    func testAOneLetterFileInTheCurrentFolderIsWritten() throws {
        try inTempFolder { dir in
            try SafeFile.write(Data("x".utf8), to: "a")
            XCTAssertEqual(try String(contentsOfFile: dir + "/a", encoding: .utf8), "x")
        }
    }

    func testFixturesAreLookedForFromARelativeStartWithoutATrap() throws {
        try inTempFolder { dir in
            XCTAssertNil(Fixtures.search(from: [".", "a", ""]), "none at or above \(dir)")
            try FileManager.default.createDirectory(atPath: dir + "/Fixtures", withIntermediateDirectories: false)
            try SafeFile.write(Data("{}".utf8), to: dir + "/Fixtures/taxonomy.json")
            try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: false)
            XCTAssertEqual(Fixtures.search(from: ["bin"])?.root, dir + "/Fixtures", "found above ./bin")
        }
    }
}
