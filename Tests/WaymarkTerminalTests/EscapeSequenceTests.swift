@testable import WaymarkTerminal
import WaymarkTUI
import XCTest

/// Keys as each terminal family sends them, decoded from their bytes when curses does not
/// recognise them: a whole sequence is one key (or nothing), never Esc followed by text.
final class EscapeSequenceTests: XCTestCase {
    private func keys(_ text: String) -> [Key] { KeyDecoder.decode(Array(text.utf8)) }

    private func assertKeys(_ table: [(String, Key)], family: String, file: StaticString = #filePath, line: UInt = #line) {
        for (bytes, key) in table {
            XCTAssertEqual(keys(bytes), [key], "\(family): \(bytes.debugDescription)", file: file, line: line)
        }
    }

    func testTmuxScreenAndPuTTYSendHomeAndEndAsVT220Keys() {
        assertKeys([("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete),
                    ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown)], family: "tmux/screen/PuTTY")
    }

    func testXtermSendsHomeAndEndInCSIAndSS3Form() {
        assertKeys([("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
                    ("\u{1B}[1;5H", .home), ("\u{1B}[1;2F", .end), ("\u{1B}[3;5~", .delete),
                    ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)),
                    ("\u{1B}OS", .function(4)), ("\u{1B}[1;2P", .function(1)),
                    ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)), ("\u{1B}[18~", .function(7)),
                    ("\u{1B}[19~", .function(8)), ("\u{1B}[20~", .function(9)), ("\u{1B}[21~", .function(10)),
                    ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)), ("\u{1B}[24;5~", .function(12)),
                    ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
                    ("\u{1B}OA", .up), ("\u{1B}[1;5C", .right), ("\u{1B}[Z", .backTab)], family: "xterm")
    }

    func testRxvtSendsHomeAndEndAsSevenAndEightWithModifierFinals() {
        assertKeys([("\u{1B}[7~", .home), ("\u{1B}[8~", .end), ("\u{1B}[7^", .home), ("\u{1B}[8$", .end),
                    ("\u{1B}[2$", .insert), ("\u{1B}[7@", .home),
                    ("\u{1B}[11~", .function(1)), ("\u{1B}[12~", .function(2)), ("\u{1B}[13~", .function(3)),
                    ("\u{1B}[14~", .function(4)), ("\u{1B}[a", .up), ("\u{1B}Od", .left)], family: "rxvt")
    }

    func testTheLinuxConsoleSendsF1ToF5WithADoubleBracket() {
        assertKeys([("\u{1B}[[A", .function(1)), ("\u{1B}[[B", .function(2)), ("\u{1B}[[C", .function(3)),
                    ("\u{1B}[[D", .function(4)), ("\u{1B}[[E", .function(5)),
                    ("\u{1B}[1~", .home), ("\u{1B}[4~", .end)],
                   family: "Linux console")
        XCTAssertEqual(keys("\u{1B}[G"), [], "the console's keypad 5 is dropped whole")
    }

    func testUnknownSequencesAreDroppedWhole() {
        for unknown in ["\u{1B}[99~", "\u{1B}[?1;2c", "\u{1B}[<0;10;5M", "\u{1B}[200~", "\u{1B}[I", "\u{1B}OX",
                        "\u{1B}[1;2;3;4;5;6q", "\u{1B}[ q", "\u{1B}[M !!"] {
            XCTAssertEqual(keys(unknown + "x"), [.char("x")], unknown.debugDescription)
        }
    }

    func testAnEscapeBeforeAnOrdinaryCharacterIsEscThenTheCharacter() {
        XCTAssertEqual(keys("\u{1B}"), [.escape])
        XCTAssertEqual(keys("\u{1B}n"), [.escape, .char("n")])
        XCTAssertEqual(keys("\u{1B}\u{1B}[A"), [.escape, .up])
        XCTAssertEqual(keys("ab\u{1B}[1~c"), [.char("a"), .char("b"), .home, .char("c")])
    }

    func testACutOffOrRunawaySequenceNeverBecomesText() {
        XCTAssertEqual(keys("\u{1B}[1"), [])
        XCTAssertEqual(keys("\u{1B}O"), [])
        let runaway = "\u{1B}[" + String(repeating: "1", count: 200) + "~"
        XCTAssertFalse(keys(runaway).contains(.escape))
        XCTAssertLessThan(keys(runaway).count, 200, "digits of a runaway sequence are not typed in one by one")
        // A control character inside a sequence ends it; the control is read as itself.
        XCTAssertEqual(keys("\u{1B}[1\r"), [.enter])
    }
}
