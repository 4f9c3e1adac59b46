import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let fixtures = Fixtures(root: root + "/Fixtures")

    /// A new private folder for one test's files.
    static func tempDir(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "waymark-tui-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(6))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
    static let context: AppContext = {
        let taxonomy = try! fixtures.loadTaxonomy()
        let batch = HSDSReader(taxonomy: taxonomy).read(paths: fixtures.sampleFiles().paths)
        let directory = Directory(organisations: batch.organisations, services: batch.services)
        let index = SearchIndex(directory: directory, taxonomy: taxonomy, lexicon: try! fixtures.loadLexicon())
        // A Tuesday morning, so "open now" and "last checked" marks are the same every run.
        return AppContext(index: index, gazetteer: try! fixtures.loadGazetteer(), directoryName: "bundled B&NES directory",
                          isSample: true, now: LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 24), minute: 10 * 60 + 30),
                          version: "0.1.0", organisations: directory.organisations)
    }()
}

/// A screen that records what it was asked to draw; keys come from the test.
final class RecordingScreen: Screen {
    var size: (width: Int, height: Int)
    var drawn: Canvas?
    var cursor: (x: Int, y: Int)?
    var queue: [Key] = []
    var terminationRequested = false
    init(width: Int = 80, height: Int = 24) { size = (width, height) }
    func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?) { drawn = canvas; self.cursor = cursor }
    func nextKey(timeoutMs: Int) -> Key? { queue.isEmpty ? nil : queue.removeFirst() }
}

/// A screen with no keys for a while, then Ctrl-C: the real loop runs on its own meanwhile.
final class IdleScreen: Screen {
    let size = (width: 80, height: 24)
    let quitAt: Date
    var terminationRequested = false
    init(quitAfter seconds: TimeInterval) { quitAt = Date().addingTimeInterval(seconds) }
    func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {}
    func nextKey(timeoutMs: Int) -> Key? {
        if Date() >= quitAt { return .ctrl("c") }
        usleep(UInt32(min(timeoutMs, 20)) * 1000)
        return nil
    }
}

/// Drives the real Program through `update`, as a user's session: press keys, look at the screen.
final class Session {
    let screen: RecordingScreen
    let program: Program

    init(width: Int = 80, height: Int = 24, store: Store? = nil, guided: Bool = false, settings: SettingsFile? = nil) {
        screen = RecordingScreen(width: width, height: height)
        program = Program(screen: screen, context: Repo.context, store: store, guided: guided, settings: settings)
        program.handoutFolder = NSTemporaryDirectory() + "waymark-handouts-\(getpid())"
        program.perform([program.firstSearch])
        program.settle()
    }

    var state: AppState { program.state }

    /// A session whose needs form (a worry, in Radstock) has been matched.
    static func needsWithSuggestions() -> Session {
        let s = Session()
        s.press(.function(3))
        s.type("my mum keeps forgetting things")
        s.press(.tab)
        s.type("Radstock")
        s.press(.function(5))
        return s
    }

    /// Puts a lunch club on the shortlist and shows the shortlist screen.
    func onShortlist() {
        type("lunch club")
        press(.down, .char("s"), .char("l"))
    }

    func press(_ keys: Key...) { press(keys) }

    func press(_ keys: [Key]) {
        for k in keys {
            program.perform(program.apply(.key(k)))
            program.settle()
        }
    }

    func type(_ text: String) { press(text.map { Key.char($0) }) }

    var canvas: Canvas { View.render(program.state, Repo.context).0 }
    var text: String { canvas.text }
    var lines: [String] { canvas.lines }

    /// The style layer: one letter per cell for its role, so a lost highlight shows as a changed letter.
    var styles: String { canvas.styleLines.joined(separator: "\n") }

    /// The row that holds some text, or nil.
    func row(containing needle: String) -> Int? { lines.firstIndex { $0.contains(needle) } }

    /// The style role of the first cell of some text on screen.
    func role(of needle: String) -> Style.Role? {
        let c = canvas
        for y in 0..<c.height {
            var x = 0, col = 0
            let line = c.lines[y]
            guard let range = line.range(of: needle) else { continue }
            let prefix = line[line.startIndex..<range.lowerBound]
            // Columns before the text, counting wide characters as two.
            col = ColumnWidth.of(String(prefix))
            x = col
            return c[x, y].style.role
        }
        return nil
    }

    /// Compares the screen with Snapshots/NAME.txt; UPDATE_SNAPSHOTS=1 rewrites it.
    func assertSnapshot(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let path = Repo.root + "/Tests/WaymarkTUITests/Snapshots/\(name).txt"
        let actual = text + "\n--- style (one letter per cell: see Canvas.styleLetter) ---\n" + styles + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try! actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("no snapshot \(name).txt; run with UPDATE_SNAPSHOTS=1 to record it", file: file, line: line)
            return
        }
        XCTAssertEqual(actual, expected, "screen \(name) changed; if intended, run with UPDATE_SNAPSHOTS=1", file: file, line: line)
    }
}
