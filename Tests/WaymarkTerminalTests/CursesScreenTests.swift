import CNCursesW
import CWaymarkCRT
@testable import WaymarkTerminal
import WaymarkTUI
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// CursesScreen driven headless: real ncursesw writing to /dev/null, with what it
/// believes is on the terminal read back from `curscr`.
final class CursesScreenTests: XCTestCase {
    private var screen: CursesScreen?

    override func tearDown() {
        screen?.restore()
        screen = nil
        super.tearDown()
    }

    private func open(width: Int = 20, height: Int = 4, theme: Theme = .standard, mouse: Bool = false,
                      environment: [String: String] = [:]) throws -> CursesScreen {
        let opened = try CursesScreen.headless(width: width, height: height, theme: theme, mouse: mouse,
                                               environment: environment)
        screen = opened
        return opened
    }

    // MARK: Text

    func testUTF8TextLandsInItsColumnsWithWideCharactersTakingTwo() throws {
        let screen = try open()
        XCTAssertEqual(screen.size.width, 20)
        XCTAssertEqual(screen.size.height, 4)
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("café ’—✓", x: 0, y: 0)
        canvas.put("漢字ab", x: 2, y: 1)
        canvas.put("e\u{301}!", x: 0, y: 2)
        screen.draw(canvas, cursor: nil)

        XCTAssertEqual(TerminalReadBack.row(0), "café ’—✓" + String(repeating: " ", count: 12))
        XCTAssertEqual(TerminalReadBack.cell(x: 3, y: 0).text, "é")
        XCTAssertEqual(TerminalReadBack.cell(x: 5, y: 0).text, "’")
        XCTAssertEqual(TerminalReadBack.cell(x: 6, y: 0).text, "—")
        XCTAssertEqual(TerminalReadBack.cell(x: 7, y: 0).text, "✓")
        XCTAssertEqual(TerminalReadBack.cell(x: 8, y: 0).text, " ")

        XCTAssertEqual(TerminalReadBack.cell(x: 1, y: 1).text, " ")
        XCTAssertEqual(TerminalReadBack.cell(x: 2, y: 1).text, "漢")
        XCTAssertEqual(TerminalReadBack.cell(x: 4, y: 1).text, "字")
        XCTAssertEqual(TerminalReadBack.cell(x: 6, y: 1).text, "a", "each CJK character takes two columns")
        XCTAssertEqual(TerminalReadBack.cell(x: 7, y: 1).text, "b")
        XCTAssertEqual(TerminalReadBack.row(1), "  漢字ab" + String(repeating: " ", count: 12))

        XCTAssertEqual(TerminalReadBack.cell(x: 0, y: 2).text, "e\u{301}", "a combining accent stays on its letter")
        XCTAssertEqual(TerminalReadBack.cell(x: 1, y: 2).text, "!")
    }

    func testACharacterWhoseWidthsDisagreeDoesNotShiftTheLine() throws {
        let screen = try open()
        var before = Canvas(width: 20, height: 4)
        before.put("abcdef", x: 0, y: 0)
        before.put("abcdef", x: 0, y: 1)
        screen.draw(before, cursor: nil)

        var canvas = Canvas(width: 20, height: 4)
        // The canvas gives a heart with VS16 two columns (emoji presentation); the C library gives it one.
        let afterHeart = canvas.put("\u{2764}\u{FE0F}", x: 0, y: 0)
        canvas.put("x", x: afterHeart, y: 0)
        // An unassigned character: one column to the canvas, unprintable to the C library.
        let afterUnknown = canvas.put("\u{0378}", x: 0, y: 1)
        canvas.put("y", x: afterUnknown, y: 1)
        screen.draw(canvas, cursor: nil)

        XCTAssertEqual(afterHeart, 2)
        XCTAssertEqual(TerminalReadBack.cell(x: 0, y: 0).text, "\u{2764}\u{FE0F}")
        XCTAssertEqual(TerminalReadBack.cell(x: 1, y: 0).text, " ", "the column the canvas gave the heart holds nothing stale")
        XCTAssertEqual(TerminalReadBack.cell(x: 2, y: 0).text, "x")
        XCTAssertEqual(afterUnknown, 1)
        XCTAssertEqual(TerminalReadBack.row(1), "?y" + String(repeating: " ", count: 18),
                       "a character the C library cannot show is ? rather than shifting the line")
    }

    func testEmojiAndJoinedClustersTakeTheColumnsTheCanvasReserved() throws {
        let screen = try open()
        var canvas = Canvas(width: 20, height: 4)
        // Each is drawn at the column the canvas gave it, and the next character lands where the canvas put it.
        var x = 0
        for emoji in ["✅", "⌚", "🛑", "🚑", "🫶"] { x = canvas.put(emoji, x: x, y: 0) }
        canvas.put("|", x: x, y: 0)
        x = 0
        for cluster in ["👨\u{200D}👩\u{200D}👧", "🇬🇧", "👍🏽", "\u{1112}\u{1161}\u{11AB}", "a\u{200D}", "b"] {
            x = canvas.put(cluster, x: x, y: 1)
        }
        canvas.put("|", x: x, y: 1)
        screen.draw(canvas, cursor: nil)

        XCTAssertEqual(TerminalReadBack.row(0), "✅⌚🛑🚑🫶|" + String(repeating: " ", count: 9), "no emoji shows as ?")
        XCTAssertEqual(TerminalReadBack.cell(x: 10, y: 0).text, "|")
        XCTAssertEqual(TerminalReadBack.cell(x: 0, y: 1).text, "👨", "a ZWJ family shows its first person, with no joiner left dangling")
        XCTAssertEqual(TerminalReadBack.cell(x: 2, y: 1).text, "\u{1F1EC}")
        XCTAssertEqual(TerminalReadBack.cell(x: 3, y: 1).text, "\u{1F1E7}", "a flag's two letters sit in its two columns")
        XCTAssertEqual(TerminalReadBack.cell(x: 4, y: 1).text, "👍")
        XCTAssertEqual(TerminalReadBack.cell(x: 6, y: 1).text, "\u{1112}\u{1161}\u{11AB}", "jamo join onto their consonant")
        XCTAssertEqual(TerminalReadBack.cell(x: 8, y: 1).text, "a", "a trailing ZWJ is not sent")
        XCTAssertEqual(TerminalReadBack.cell(x: 9, y: 1).text, "b")
        XCTAssertEqual(TerminalReadBack.cell(x: 10, y: 1).text, "|")
    }

    func testTERMDumbIsRefusedBeforeAnythingIsWritten() {
        XCTAssertThrowsError(try CursesScreen.headless(terminalType: "dumb")) { error in
            XCTAssertEqual(error as? TerminalError, .cannotDrawScreen(type: "dumb"))
            XCTAssertTrue("\(error)".contains("waymark search"), "\(error)")
            XCTAssertTrue("\(error)".contains("waymark match"), "\(error)")
        }
        XCTAssertEqual(waymark_crt_is_curses_active(), 0)
    }

    func testTheBottomRightCellIsDrawnWithoutScrolling() throws {
        let screen = try open(width: 10, height: 3)
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("top line!!", x: 0, y: 0)
        canvas.put("bottom...Z", x: 0, y: 2)
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(TerminalReadBack.row(0), "top line!!")
        XCTAssertEqual(TerminalReadBack.row(2), "bottom...Z")
    }

    // MARK: Sending only what changed

    func testASecondDrawSendsOnlyTheCellsThatChanged() throws {
        let screen = try open()
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("Cafés near you", x: 0, y: 0, style: Style(.title))
        canvas.put("漢字", x: 0, y: 1)
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 20 * 4 - 2, "the first draw sends every cell but the wide characters' second halves")

        canvas.put("Bars", x: 0, y: 0, style: Style(.title)) // "Café" → "Bars": the "a" stays
        canvas.put("!", x: 19, y: 3)
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 4)
        XCTAssertEqual(TerminalReadBack.row(0), "Barss near you      ")
        XCTAssertEqual(TerminalReadBack.cell(x: 19, y: 3).text, "!")

        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 0, "an unchanged canvas sends nothing")

        canvas.put("x", x: 5, y: 0, style: Style(.selected)) // a style change alone is a change
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 1)
        XCTAssertNotEqual(TerminalReadBack.cell(x: 5, y: 0).pair, TerminalReadBack.cell(x: 4, y: 0).pair)
    }

    func testReplacingAWideCharacterWithNarrowOnesShowsBoth() throws {
        let screen = try open()
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("漢字", x: 0, y: 0)
        canvas.put("漢字", x: 0, y: 1)
        screen.draw(canvas, cursor: nil)
        canvas.put("ab", x: 0, y: 0)
        canvas.put("c", x: 0, y: 1) // only the first half of 漢 is overwritten
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(TerminalReadBack.row(0), "ab字" + String(repeating: " ", count: 16))
        XCTAssertEqual(TerminalReadBack.row(1), "c 字" + String(repeating: " ", count: 16))
        XCTAssertEqual(TerminalReadBack.cell(x: 2, y: 1).text, "字")
    }

    func testAResizeMakesTheNextDrawComplete() throws {
        let screen = try open()
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("hello", x: 0, y: 0)
        screen.draw(canvas, cursor: nil)

        resizeterm(6, 30)
        XCTAssertEqual(screen.nextKey(timeoutMs: 0), .resize(width: 30, height: 6))
        XCTAssertEqual(screen.size.width, 30)
        XCTAssertEqual(screen.size.height, 6)
        var bigger = Canvas(width: 30, height: 6)
        bigger.put("hello", x: 0, y: 0)
        screen.draw(bigger, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 30 * 6)
        XCTAssertEqual(TerminalReadBack.row(5), String(repeating: " ", count: 30))

        ungetch(waymark_key_resize()) // a resize to the same size still repaints everything
        XCTAssertEqual(screen.nextKey(timeoutMs: 0), .resize(width: 30, height: 6))
        screen.draw(bigger, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 30 * 6)
    }

    func testACanvasOfAnotherSizeIsDrawnInFullAndClipped() throws {
        let screen = try open(width: 10, height: 2)
        var canvas = Canvas(width: 10, height: 2)
        canvas.put("0123456789", x: 0, y: 0)
        canvas.put("abcdefghij", x: 0, y: 1)
        screen.draw(canvas, cursor: nil)
        var small = Canvas(width: 4, height: 1)
        small.put("wxyz", x: 0, y: 0)
        screen.draw(small, cursor: nil)
        XCTAssertEqual(screen.lastCellsWritten, 4)
        XCTAssertEqual(TerminalReadBack.row(0), "wxyz      ", "what the old canvas left outside the new one is cleared")
        XCTAssertEqual(TerminalReadBack.row(1), "          ")
        var wide = Canvas(width: 12, height: 2)
        wide.put("second", x: 0, y: 1)
        screen.draw(wide, cursor: nil)
        wide.put("ABCDEFGHI漢", x: 0, y: 0) // 漢 would take columns 9 and 10 of a 10-column screen
        screen.draw(wide, cursor: nil)
        XCTAssertEqual(TerminalReadBack.row(0), "ABCDEFGHI ", "half a wide character is not drawn")
        XCTAssertEqual(TerminalReadBack.row(1), "second    ", "nor does it wrap onto the next line")
    }

    // MARK: Cursor

    func testTheCursorShowsOnlyWhereAFieldAsksForIt() throws {
        let screen = try open()
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("Name: Ana", x: 0, y: 1, style: Style(.fieldFocused))
        screen.draw(canvas, cursor: (x: 9, y: 1))
        XCTAssertEqual(TerminalReadBack.cursor.x, 9)
        XCTAssertEqual(TerminalReadBack.cursor.y, 1)
        XCTAssertEqual(cursorVisibility(), 1)
        screen.draw(canvas, cursor: nil)
        XCTAssertEqual(cursorVisibility(), 0)
    }

    /// curs_set answers with the previous visibility; set it straight back.
    private func cursorVisibility() -> Int32 {
        let previous = curs_set(2)
        curs_set(previous)
        return previous
    }

    // MARK: Colours

    func testStandardThemeGivesRolesTheirColours() throws {
        let screen = try open()
        XCTAssertEqual(screen.theme, .standard)
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("Waymark", x: 0, y: 0, style: Style(.title))
        canvas.put("Row", x: 0, y: 1, style: Style(.selected))
        canvas.put("^X", x: 0, y: 2, style: Style(.hintKey))
        canvas.put("plain", x: 0, y: 3, style: Style(.normal, bold: true, underline: true))
        screen.draw(canvas, cursor: nil)

        let title = TerminalReadBack.cell(x: 0, y: 0)
        XCTAssertTrue(TerminalReadBack.colors(ofPair: title.pair) == (Int16(COLOR_WHITE), Int16(COLOR_BLUE)), "\(title)")
        let selected = TerminalReadBack.cell(x: 0, y: 1)
        XCTAssertTrue(TerminalReadBack.colors(ofPair: selected.pair) == (Int16(COLOR_BLACK), Int16(COLOR_CYAN)), "\(selected)")
        let hintKey = TerminalReadBack.cell(x: 0, y: 2)
        XCTAssertTrue(TerminalReadBack.colors(ofPair: hintKey.pair) == (Int16(COLOR_BLACK), Int16(COLOR_WHITE)), "\(hintKey)")
        let plain = TerminalReadBack.cell(x: 0, y: 3)
        XCTAssertTrue(TerminalReadBack.colors(ofPair: plain.pair) == (-1, -1), "normal text keeps the terminal's colours")
        XCTAssertTrue(plain.has(waymark_a_bold()) && plain.has(waymark_a_underline()), "\(plain)")
    }

    func testNoColorGivesAttributesOnly() throws {
        let screen = try open(environment: ["NO_COLOR": "1"])
        XCTAssertEqual(screen.theme, .monochrome)
        var canvas = Canvas(width: 20, height: 4)
        canvas.put("Row", x: 0, y: 0, style: Style(.selected))
        canvas.put("Title", x: 5, y: 0, style: Style(.title))
        canvas.put("field", x: 0, y: 1, style: Style(.field))
        canvas.put("focus", x: 6, y: 1, style: Style(.fieldFocused))
        canvas.put("quiet", x: 0, y: 2, style: Style(.muted))
        canvas.put("chip", x: 6, y: 2, style: Style(.chip))
        screen.draw(canvas, cursor: nil)

        let cells = [(0, 0), (5, 0), (0, 1), (6, 1), (0, 2), (6, 2)].map { TerminalReadBack.cell(x: $0.0, y: $0.1) }
        XCTAssertEqual(cells.map(\.pair), [0, 0, 0, 0, 0, 0], "no colour pair is used")
        XCTAssertTrue(cells[0].has(waymark_a_reverse()), "selected: \(cells[0])")
        XCTAssertTrue(cells[1].has(waymark_a_bold()), "title: \(cells[1])")
        XCTAssertTrue(cells[2].has(waymark_a_underline()), "field: \(cells[2])")
        XCTAssertTrue(cells[3].has(waymark_a_underline() | waymark_a_reverse()), "focused field: \(cells[3])")
        XCTAssertTrue(cells[4].has(waymark_a_dim()), "muted: \(cells[4])")
        XCTAssertTrue(cells[5].has(waymark_a_reverse()), "chip: \(cells[5])")
    }

    func testMonochromeIsChosenBySettingsAndTheTerminal() {
        XCTAssertEqual(Theme.resolve(.standard, environment: ["NO_COLOR": "1"], terminalHasColors: true), .monochrome)
        XCTAssertEqual(Theme.resolve(.highContrast, environment: ["NO_COLOR": "yes"], terminalHasColors: true), .monochrome)
        XCTAssertEqual(Theme.resolve(.standard, environment: ["TERM": "dumb"], terminalHasColors: true), .monochrome)
        XCTAssertEqual(Theme.resolve(.standard, environment: [:], terminalHasColors: false), .monochrome)
        XCTAssertEqual(Theme.resolve(.monochrome, environment: [:], terminalHasColors: true), .monochrome)
        XCTAssertEqual(Theme.resolve(.standard, environment: ["NO_COLOR": ""], terminalHasColors: true), .standard,
                       "no-color.org: an empty NO_COLOR does not count")
        XCTAssertEqual(Theme.resolve(.highContrast, environment: ["TERM": "xterm"], terminalHasColors: true), .highContrast)
    }

    func testHighContrastUsesNothingDim() throws {
        let screen = try open(theme: .highContrast)
        XCTAssertEqual(screen.theme, .highContrast)
        var canvas = Canvas(width: 20, height: 4)
        for (index, role) in Style.Role.allCases.enumerated() {
            canvas[index, 0] = Cell("x", style: Style(role))
        }
        screen.draw(canvas, cursor: nil)
        for (index, role) in Style.Role.allCases.enumerated() {
            let cell = TerminalReadBack.cell(x: index, y: 0)
            XCTAssertFalse(cell.has(waymark_a_dim()), "\(role): \(cell)")
            let colors = TerminalReadBack.colors(ofPair: cell.pair)
            XCTAssertTrue(colors.foreground >= 0 && colors.background >= 0, "\(role) has its own colours: \(colors)")
        }
        let muted = TerminalReadBack.colors(ofPair: TerminalReadBack.cell(x: Int(Style.Role.muted.rawValue), y: 0).pair)
        XCTAssertEqual(muted.background, Int16(COLOR_BLACK))
    }

    // MARK: Keys

    func testNoInputMeansNoKey() throws {
        let screen = try open()
        XCTAssertNil(screen.nextKey(timeoutMs: 0))
        XCTAssertNil(screen.nextKey(timeoutMs: 10))
    }

    func testKeysArriveAsWaymarkKeys() throws {
        let screen = try open()
        let codes: [(Int32, Key)] = [
            (3, .ctrl("c")), (13, .enter), (10, .enter), (KEY_ENTER, .enter), (27, .escape), (9, .tab),
            (KEY_BTAB, .backTab), (127, .backspace), (8, .backspace), (KEY_BACKSPACE, .backspace),
            (KEY_DC, .delete), (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_FIND, .home), (KEY_SELECT, .end), (waymark_key_f(1), .function(1)),
            (waymark_key_f(10), .function(10)), (1, .ctrl("a")), (26, .ctrl("z")), (Int32(UInt8(ascii: "q")), .char("q")),
        ]
        for (code, expected) in codes {
            ungetch(code)
            XCTAssertEqual(screen.nextKey(timeoutMs: 0), expected, "code \(code)")
        }
        for text in ["é", "’", "漢"] {
            unget_wch(wchar_t(text.unicodeScalars.first!.value))
            XCTAssertEqual(screen.nextKey(timeoutMs: 0), .char(Character(text)))
        }
        XCTAssertNil(screen.nextKey(timeoutMs: 0))
    }

    func testMouseClicksAndTheWheelArriveOnlyWhenAskedFor() throws {
        let screen = try open(mouse: true)
        for (buttons, expected) in [(waymark_button1_clicked(), Key.mouseClick(x: 7, y: 2)),
                                    (waymark_button1_pressed(), .mouseClick(x: 7, y: 2)),
                                    (waymark_button4_pressed(), .wheelUp), (waymark_button5_pressed(), .wheelDown)] {
            var event = MEVENT()
            event.x = 7
            event.y = 2
            event.bstate = buttons
            XCTAssertEqual(ungetmouse(&event), OK)
            XCTAssertEqual(screen.nextKey(timeoutMs: 0), expected)
        }
        screen.restore()

        let keyboardOnly = try open(mouse: false)
        var event = MEVENT()
        event.bstate = waymark_button1_clicked()
        ungetmouse(&event)
        XCTAssertNil(keyboardOnly.nextKey(timeoutMs: 0), "a screen without mouse support reports no clicks")
    }

    // MARK: Opening and giving the terminal back

    func testRestoreIsIdempotentAndLetsAnotherScreenOpen() throws {
        let first = try open()
        XCTAssertThrowsError(try CursesScreen.headless()) { error in
            XCTAssertEqual(error as? TerminalError, .alreadyOpen)
        }
        first.restore()
        XCTAssertFalse(first.isOpen)
        XCTAssertEqual(waymark_crt_is_curses_active(), 0)
        first.restore()
        XCTAssertFalse(first.isOpen)
        XCTAssertNil(first.nextKey(timeoutMs: 0), "a closed screen reads nothing")
        first.draw(Canvas(width: 20, height: 4), cursor: nil) // and draws nothing, without crashing
        XCTAssertEqual(first.size.width, 20, "the last size is still known")

        let second = try open(width: 8, height: 2)
        XCTAssertTrue(second.isOpen)
        var canvas = Canvas(width: 8, height: 2)
        canvas.put("again", x: 0, y: 0)
        second.draw(canvas, cursor: nil)
        XCTAssertEqual(TerminalReadBack.row(0), "again   ")
    }

    func testAnUnknownTerminalTypeIsAnErrorThatNamesIt() {
        XCTAssertThrowsError(try CursesScreen.headless(terminalType: "no-such-terminal-xyz")) { error in
            XCTAssertEqual(error as? TerminalError, .unknownTerminal(type: "no-such-terminal-xyz"))
            XCTAssertTrue("\(error)".contains("TERM=no-such-terminal-xyz"), "\(error)")
            XCTAssertTrue("\(error)".contains("run Waymark in a terminal"), "\(error)")
        }
        XCTAssertEqual(waymark_crt_is_curses_active(), 0)
        XCTAssertNoThrow(try open(), "a failed open leaves nothing behind")
    }

    func testWithScreenNeedsATerminal() throws {
        try XCTSkipIf(isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1, "the tests are running in a terminal")
        var ran = false
        XCTAssertThrowsError(try CursesScreen.withScreen { _ in ran = true }) { error in
            XCTAssertEqual(error as? TerminalError, .notATerminal)
        }
        XCTAssertFalse(ran)
    }

    // MARK: Signals

    func testSIGTERMAsksTheProgramToEndAndIsPutBackAfterwards() throws {
        let before = (handler(SIGTERM), handler(SIGHUP))
        let screen = try open()
        XCTAssertNotEqual(handler(SIGTERM), before.0, "Waymark's handler is in place while the screen is open")
        XCTAssertFalse(screen.terminationRequested)
        raise(SIGTERM)
        XCTAssertTrue(screen.terminationRequested, "SIGTERM is noticed and does not kill the process")
        screen.restore()

        let next = try open()
        XCTAssertFalse(next.terminationRequested, "a new screen starts without an old request")
        raise(SIGHUP)
        XCTAssertTrue(next.terminationRequested)
        next.restore()

        XCTAssertEqual(handler(SIGTERM), before.0, "after restore, SIGTERM does what it did before")
        XCTAssertEqual(handler(SIGHUP), before.1)
    }

    /// The address of the handler in place for a signal (0 for the default action).
    private func handler(_ signal: Int32) -> Int {
        var current = sigaction()
        sigaction(signal, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
    }
}
