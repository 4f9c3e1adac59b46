import CNCursesW
import CWaymarkCRT
import WaymarkCore
import WaymarkTUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal, through ncursesw: the one place Waymark calls curses (as htop's CRT.c).
/// It opens the terminal, maps style roles onto colours, sends only the cells that
/// changed, reads keys, and notices SIGTERM, SIGHUP and SIGINT.
///
/// Not thread-safe, like ncurses itself: every call happens on the thread that
/// runs the program. Only one screen can be open in a process at a time.
public final class CursesScreen: Screen {
    /// The theme in use, after `NO_COLOR`, `TERM=dumb` and the terminal's colours are taken into account.
    public private(set) var theme: Theme
    /// Whether clicks and the wheel arrive as keys.
    public let mouseEnabled: Bool
    /// How many cells the last `draw` sent to curses (a wide character counts once).
    public private(set) var lastCellsWritten = 0
    /// Whether Ctrl-Z stops the process (a real terminal) or arrives as a key (headless, in tests).
    private let suspendsOnCtrlZ: Bool
    /// False once `restore()` has given the terminal back.
    public private(set) var isOpen = false

    private var screen: OpaquePointer?
    private var ownedFiles: [UnsafeMutablePointer<FILE>] = []
    private var palette: Palette
    /// The canvas on the terminal now, to compare the next one with; nil forces a full draw.
    private var shown: Canvas?
    private var shownSize = (width: 0, height: 0)
    /// Set by a resize: the terminal may have reflowed its contents, so repaint it all.
    private var repaintEverything = false
    private var cursorVisible: Bool?
    /// A cell's characters as setcchar wants them: wide characters, zero-terminated.
    private var characterBuffer = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
    private var closedSize = (width: 0, height: 0)

    /// Opens the terminal on standard input and output.
    /// - Throws: `TerminalError` when they are not a terminal or TERM is unknown.
    public convenience init(theme: Theme = .standard, mouse: Bool = false) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        var environment: [String: String] = [:]
        for name in ["NO_COLOR", "TERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        CursesScreen.chooseLocale(forceUTF8: false)
        try self.init(terminalType: nil, output: waymark_stdout(), input: waymark_stdin(), ownedFiles: [],
                      theme: theme, mouse: mouse, environment: environment, size: nil)
    }

    /// A screen on no terminal (output and input are /dev/null), for tests: everything
    /// a real one does, readable back through curses' own windows.
    /// - Parameter environment: stands in for the process environment (`NO_COLOR`, `TERM`).
    public static func headless(width: Int = 80, height: Int = 24, theme: Theme = .standard, mouse: Bool = false,
                                environment: [String: String] = [:],
                                terminalType: String = "xterm-256color") throws -> CursesScreen {
        guard let output = fopen("/dev/null", "w") else { throw TerminalError.notATerminal }
        return try headless(width: width, height: height, theme: theme, mouse: mouse, environment: environment,
                            terminalType: terminalType, output: output)
    }

    /// As `headless`, writing the terminal's output to `output`, which the screen closes.
    static func headless(width: Int, height: Int, theme: Theme, mouse: Bool, environment: [String: String],
                         terminalType: String, output: UnsafeMutablePointer<FILE>) throws -> CursesScreen {
        guard let input = fopen("/dev/null", "r") else {
            fclose(output)
            throw TerminalError.notATerminal
        }
        chooseLocale(forceUTF8: true)
        return try CursesScreen(terminalType: terminalType, output: output, input: input, ownedFiles: [output, input],
                                theme: theme, mouse: mouse, environment: environment, size: (width, height))
    }

    /// Runs `body` with an open screen and restores the terminal however `body` ends.
    public static func withScreen<T>(theme: Theme = .standard, mouse: Bool = false,
                                     _ body: (CursesScreen) throws -> T) throws -> T {
        let screen = try CursesScreen(theme: theme, mouse: mouse)
        defer { screen.restore() }
        return try body(screen)
    }

    private init(terminalType: String?, output: UnsafeMutablePointer<FILE>?, input: UnsafeMutablePointer<FILE>?,
                 ownedFiles: [UnsafeMutablePointer<FILE>], theme requested: Theme, mouse: Bool,
                 environment: [String: String], size: (width: Int, height: Int)?) throws {
        self.ownedFiles = ownedFiles
        suspendsOnCtrlZ = size == nil
        theme = requested
        mouseEnabled = mouse
        palette = Palette(theme: .monochrome, brightColors: false)
        guard waymark_crt_is_curses_active() == 0 else {
            closeOwnedFiles()
            throw TerminalError.alreadyOpen
        }
        // Before anything is written: a terminal that cannot address the cursor (TERM=dumb)
        // would get a broken screen, so it is refused with the terminal untouched.
        let type = terminalType ?? environment["TERM"]
        switch type.map({ waymark_crt_terminal_usable($0) }) ?? -1 {
        case 1: break
        case 0:
            closeOwnedFiles()
            throw TerminalError.cannotDrawScreen(type: type ?? "")
        default:
            closeOwnedFiles()
            throw TerminalError.unknownTerminal(type: type)
        }
        // Before newterm, so that ncurses leaves SIGINT and SIGTERM to us; the terminal's
        // modes are saved now, for a dying process to put back.
        waymark_crt_install(output.map { fileno($0) } ?? STDOUT_FILENO)
        let opened: OpaquePointer?
        if let terminalType {
            opened = terminalType.withCString { newterm($0, output, input) }
        } else {
            opened = newterm(nil, output, input)
        }
        guard let opened else {
            waymark_crt_uninstall()
            closeOwnedFiles()
            throw TerminalError.unknownTerminal(type: terminalType ?? environment["TERM"])
        }
        screen = opened
        isOpen = true
        waymark_crt_set_curses_active(1)

        let window = waymark_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        scrollok(window, false)
        set_escdelay(25)
        curs_set(0)
        cursorVisible = false
        waymark_crt_capture_restore_strings()
        if let size {
            resizeterm(Int32(size.height), Int32(size.width))
            flushinp() // resizeterm queues a KEY_RESIZE; a screen just opened has nothing to report
        }

        // COLORS and COLOR_PAIRS are known only once start_color has run.
        let resolved = Theme.resolve(requested, environment: environment, terminalHasColors: has_colors())
        if resolved != .monochrome, start_color() == OK, waymark_colors() >= 8,
           Int(waymark_color_pairs()) > Style.Role.allCases.count {
            let defaultColors = use_default_colors() == OK
            let bright = waymark_colors() >= 16
            palette = Palette(theme: resolved, brightColors: bright)
            palette.installColorPairs(defaultColors: defaultColors, brightColors: bright)
        }
        // Without enough colours the palette stays monochrome.
        theme = palette.theme

        if mouse {
            mousemask(waymark_all_mouse_events() | waymark_report_mouse_position(), nil)
            // A press acts at once, without the sixth of a second curses waits to call it a click.
            mouseinterval(0)
        }
    }

    deinit { restore() }

    /// Gives the terminal back: leaves curses mode, frees the screen and puts the
    /// previous signal handlers back. Safe to call more than once.
    public func restore() {
        guard isOpen else { return }
        closedSize = size
        isOpen = false
        if mouseEnabled { mousemask(0, nil) }
        if !isendwin() { endwin() }
        waymark_crt_set_curses_active(0)
        if let screen { delscreen(screen) }
        screen = nil
        closeOwnedFiles()
        waymark_crt_uninstall()
        shown = nil
    }

    public var size: (width: Int, height: Int) {
        isOpen ? (Int(waymark_cols()), Int(waymark_lines())) : closedSize
    }

    public var terminationRequested: Bool { waymark_crt_termination_requested() != 0 }

    // MARK: Drawing

    public func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
        guard isOpen, let window = waymark_stdscr() else { return }
        let (columns, rows) = size
        let previous = shown.flatMap { old in
            old.width == canvas.width && old.height == canvas.height
                && shownSize.width == columns && shownSize.height == rows ? old : nil
        }
        if previous == nil {
            werase(window)
            if repaintEverything { clearok(window, true) }
            repaintEverything = false
        }

        // Writing over either half of a wide character makes curses blank the other
        // half itself, so a changed cell is all that needs sending.
        var written = 0
        for y in 0..<min(canvas.height, rows) {
            for x in 0..<min(canvas.width, columns) {
                let cell = canvas[x, y]
                if let previous, previous[x, y] == cell { continue }
                if cell.width == 0 {
                    // The wide character to the left covers it; an orphan shows as a blank.
                    if x > 0, canvas[x - 1, y].width >= 2 { continue }
                    put(Cell(" ", width: 1, style: cell.style), x: x, y: y, columns: columns, window: window)
                } else {
                    put(cell, x: x, y: y, columns: columns, window: window)
                }
                written += 1
            }
        }
        lastCellsWritten = written

        if let cursor, (0..<columns).contains(cursor.x), (0..<rows).contains(cursor.y) {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wrefresh(window)
        shown = canvas
        shownSize = (columns, rows)
    }

    /// Sends one cell at its column. When the C library's idea of a character's width
    /// differs from the canvas's, a stand-in keeps every later column where the canvas put it,
    /// so the terminal never draws more or fewer columns than the canvas reserved.
    private func put(_ cell: Cell, x: Int, y: Int, columns: Int, window: UnsafeMutablePointer<WINDOW>) {
        let (attributes, pair) = palette.attributes(for: cell.style)
        let wanted = cell.width >= 2 ? 2 : 1
        let scalars = CursesScreen.drawable(cell.text)
        let measured = scalars.first.map { Int(waymark_wcwidth(wchar_t($0.value))) } ?? 0
        if wanted == 2 && x + 1 >= columns {
            // A wide character in the last column would wrap onto the next line.
            addCell([" "], attributes: attributes, pair: pair, x: x, y: y, window: window)
        } else if let flag = CursesScreen.flagHalves(cell.text), wanted == 2 {
            // A flag is two regional indicators, each one column to the C library; sent side
            // by side they show as the flag where the terminal joins them, as two letters where not.
            addCell([flag.0], attributes: attributes, pair: pair, x: x, y: y, window: window)
            addCell([flag.1], attributes: attributes, pair: pair, x: x + 1, y: y, window: window)
        } else if measured == wanted {
            addCell(scalars, attributes: attributes, pair: pair, x: x, y: y, window: window)
        } else if measured == 1 && wanted == 2 {
            addCell(scalars, attributes: attributes, pair: pair, x: x, y: y, window: window)
            addCell([" "], attributes: attributes, pair: pair, x: x + 1, y: y, window: window)
        } else {
            addCell(["?"], attributes: attributes, pair: pair, x: x, y: y, window: window)
            if wanted == 2 { addCell([" "], attributes: attributes, pair: pair, x: x + 1, y: y, window: window) }
        }
    }

    /// What of a cluster the terminal is sent: its first visible scalar and the combining marks
    /// on it (as many as a cchar holds). Joiners and other format characters are left out:
    /// a ZWJ sent last would make the terminal join the next cell's character onto this one.
    static func drawable(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if out.isEmpty {
                if !ColumnWidth.isZeroWidth(scalar) { out.append(scalar) }
                continue
            }
            if scalar.properties.generalCategory == .format { continue }
            // setcchar takes one spacing character; a ZWJ family or skin tone shows its base.
            guard waymark_wcwidth(wchar_t(scalar.value)) == 0 else { break }
            out.append(scalar)
            if out.count == Int(CCHARW_MAX) { break }
        }
        return out
    }

    /// The two regional indicators of a flag such as 🇬🇧, or nil.
    static func flagHalves(_ text: String) -> (Unicode.Scalar, Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 2, scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) else { return nil }
        return (scalars[0], scalars[1])
    }

    private func addCell(_ scalars: [Unicode.Scalar], attributes: attr_t, pair: Int16, x: Int, y: Int,
                         window: UnsafeMutablePointer<WINDOW>) {
        var count = 0
        for scalar in scalars.prefix(characterBuffer.count - 1) {
            characterBuffer[count] = wchar_t(scalar.value)
            count += 1
        }
        if count == 0 { characterBuffer[0] = 0x20; count = 1 }
        characterBuffer[count] = 0
        var cell = cchar_t()
        setcchar(&cell, characterBuffer, attributes, pair, nil)
        // scrollok is off, so the bottom-right cell is stored without scrolling
        // (curses reports ERR only because the cursor cannot move past it).
        mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    // MARK: Keys

    public func nextKey(timeoutMs: Int) -> Key? {
        guard isOpen, let window = waymark_stdscr() else { return nil }
        wtimeout(window, Int32(clamping: timeoutMs < 0 ? -1 : timeoutMs))
        while true {
            guard let input = nextInput(window) else { return nil }
            switch input {
            case .code(let code):
                if code == waymark_key_resize() { return redrawEverything() }
                if code == KEY_MOUSE {
                    var event = MEVENT()
                    if getmouse(&event) == OK,
                       let key = KeyTranslation.mouse(buttons: event.bstate, x: event.x, y: event.y) {
                        return key
                    }
                    continue
                }
                if let key = KeyTranslation.keyCode(code) { return key }
            case .character(EscapeSequence.escape):
                let (key, finished) = readEscapeSequence(window)
                wtimeout(window, Int32(clamping: timeoutMs < 0 ? -1 : timeoutMs))
                if let key { return key }
                if finished { continue }
            case .character(KeyTranslation.suspendCharacter) where suspendsOnCtrlZ:
                return suspend()
            case .character(KeyTranslation.redrawCharacter):
                return redrawEverything()
            case .character(let value):
                if let key = KeyTranslation.character(value) { return key }
            }
        }
    }

    /// Ctrl-Z, as other curses programs take it (raw mode turns it into a character): the
    /// terminal is given back, the job stops, and on `fg` everything is drawn again,
    /// reported as a resize so the program lays the screen out afresh.
    private func suspend() -> Key {
        waymark_crt_suspend()
        return redrawEverything()
    }

    /// Ctrl-L, as in other curses programs: the next draw repaints every cell (after another
    /// program wrote over the screen), reported as a resize so the program lays it out afresh.
    private func redrawEverything() -> Key {
        shown = nil
        repaintEverything = true
        let (width, height) = size
        return .resize(width: width, height: height)
    }

    /// What get_wch returned: a character or a curses key code.
    private enum Input { case character(UInt32), code(Int32) }
    /// Characters read after an ESC that turned out not to be a sequence, to be read again as keys.
    private var unread: [Input] = []

    private func nextInput(_ window: UnsafeMutablePointer<WINDOW>) -> Input? {
        if !unread.isEmpty { return unread.removeFirst() }
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return .code(Int32(bitPattern: UInt32(value))) }
        return .character(UInt32(value))
    }

    /// How long the rest of a sequence may take after its ESC: a terminal sends it in one write,
    /// so this only has to cover a slow link; a lone Esc waits this much (plus curses' ESCDELAY).
    private static let sequenceWaitMs: Int32 = 30

    /// After an ESC that curses did not recognise: reads the sequence to its end (see
    /// `EscapeSequence`). Returns the key, or nil with `finished` when a sequence was dropped whole.
    private func readEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>) -> (Key?, finished: Bool) {
        wtimeout(window, CursesScreen.sequenceWaitMs)
        var body: [UInt32] = []
        while true {
            guard let input = nextInput(window) else {
                // Nothing more came: a lone Esc, or a cut-off sequence, dropped whole.
                return body.isEmpty ? (.escape, false) : (nil, true)
            }
            guard case .character(let value) = input else {
                // A key curses recognised after the ESC (Alt-arrow): Esc, then that key.
                unread.append(input)
                return (.escape, false)
            }
            body.append(value)
            switch EscapeSequence.read(after: body[...]) {
            case .incomplete:
                continue
            case .lone:
                unread.append(contentsOf: body.map { .character($0) })
                return (.escape, false)
            case .sequence(let key, let length):
                unread.append(contentsOf: body.dropFirst(length).map { .character($0) })
                return (key, key == nil)
            }
        }
    }

    // MARK: Setup

    /// The user's locale, so wide characters are wide. When nobody chose a character set
    /// (no LANG, LC_ALL or LC_CTYPE, or C/POSIX) the C library would show every accent as
    /// `?`, so C.UTF-8 is used instead; a locale the user chose is left alone.
    private static func chooseLocale(forceUTF8: Bool) {
        setlocale(LC_ALL, "")
        guard waymark_codeset_is_utf8() == 0 else { return }
        let chosen = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name -> String? in
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }.first
        if forceUTF8 || chosen == nil || chosen == "C" || chosen == "POSIX" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
    }

    private func closeOwnedFiles() {
        for file in ownedFiles { fclose(file) }
        ownedFiles = []
    }
}
