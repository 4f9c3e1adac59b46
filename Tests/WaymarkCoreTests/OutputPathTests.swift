import XCTest
@testable import WaymarkCore

/// One way out: standard output and standard error are written only by `StandardStream`, which
/// takes only `SafeText` (made by the sanitiser) or `EscapedJSON` (made by `JSONText`).
final class OutputPathTests: XCTestCase {
    /// Calls that write to standard output or standard error around `StandardStream`.
    static let writers = [#"FileHandle\.standard(Output|Error)"#, #"(?<![.\w])(?<!func )print\("#, #"(?<![.\w])(fputs|fwrite|puts|dprintf|putchar)\("#,
                          #"FileHandle\(fileDescriptor"#, #"write\((STDOUT|STDERR)_FILENO|write\([12],"#]
    /// The one file allowed to hold them.
    static let home = "Sources/WaymarkCore/Text/SafeText.swift"

    func testNoSourceFileWritesToTheTerminalAroundStandardStream() throws {
        let sources = Repo.root + "/Sources"
        let patterns = try Self.writers.map { try NSRegularExpression(pattern: $0) }
        var offenders: [String] = []
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: sources)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 50, "the scan found the sources")
        for file in files where "Sources/" + file != Self.home {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                if l.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                if patterns.contains(where: { $0.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil }) {
                    offenders.append("\(file):\(n + 1): \(l.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(offenders, [], "write through StandardStream with a SafeText instead")
    }

    func testEveryWayToMakeSafeTextSanitises() {
        for (name, p) in HostileTextTests.payloads {
            for (form, t) in [("line", SafeText(line: "a\(p)b")), ("text", SafeText(text: "a\(p)b")), ("block", SafeText(block: "a\(p)b")),
                              ("joined", SafeText(line: "a\(p)") + SafeText(text: "\(p)b"))] {
                XCTAssertFalse(HostileTextTests.hasControl(t.string), "\(name) survives SafeText(\(form)): \(t.string.debugDescription)")
                XCTAssertEqual(t.string, "ab", "\(name) in \(form)")
            }
        }
        let literal: SafeText = "a\u{1B}]0;PWNED\u{07}\u{202E}b"
        XCTAssertEqual(literal.string, "ab", "even a literal cannot carry a control")
        XCTAssertEqual((SafeText(.lineStart) + "x" + SafeText(.clearToLineEnd)).string, "\rx\u{1B}[K",
                       "the program's own controls are the only ones written, from a closed set")
    }

    func testEscapedJSONHasNoRawC1OrBidi() throws {
        let raw = "a\u{9B}\u{85}\u{202E}\u{2066}\u{200E}\u{061C}b"
        let json = EscapedJSON(escaping: try JSONSerialization.data(withJSONObject: ["name": raw]))
        XCTAssertFalse(HostileTextTests.hasControl(String(decoding: json.data, as: UTF8.self)))
        XCTAssertEqual(try JSONSerialization.jsonObject(with: json.data) as? [String: String], ["name": raw], "escaped, not lost")
    }

    func testHandoutFilesAndPrintInputAreTheSanitisedRendering() throws {
        let h = Handout(entries: [], firstName: "Ann\u{1B}]52;c;cm0g\u{07}\u{9B}2J\u{202E}", now: LocalDateTime(date: LocalDate(iso: "2026-11-24")!, minute: 630),
                        sampleData: false, taxonomy: Repo.taxonomy, givenBy: "Jo\u{1B}[2J\u{2066}")
        for format in Handout.Format.allCases {
            XCTAssertFalse(HostileTextTests.hasControl(h.rendered(format).string), "\(format)")
            XCTAssertEqual(h.rendered(format).data, Data(h.render(format).utf8))
        }
    }
}
