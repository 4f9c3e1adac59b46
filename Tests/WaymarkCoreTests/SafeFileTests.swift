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
