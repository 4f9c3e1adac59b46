/// Why the terminal could not be opened, in words a user can act on.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file, not a terminal.
    case notATerminal
    /// The terminal type (TERM) is unset or has no terminfo entry on this system.
    case unknownTerminal(type: String?)
    /// TERM names a terminal that cannot draw a screen (no cursor addressing), such as `dumb`.
    case cannotDrawScreen(type: String)
    /// A screen is already open in this process; curses can drive only one.
    case alreadyOpen

    /// Whether another terminal would help, as opposed to a mistake in the program's use.
    public var terminalUnavailable: Bool {
        switch self {
        case .notATerminal, .unknownTerminal, .cannotDrawScreen: return true
        case .alreadyOpen: return false
        }
    }

    public var description: String {
        switch self {
        case .notATerminal:
            return "cannot open the terminal: standard input and output must be a terminal, not a pipe or a file; run Waymark in a terminal"
        case .unknownTerminal(let type?):
            return "cannot open the terminal (TERM=\(type)): this system has no terminfo entry for it; run Waymark in a terminal, or set TERM to an installed type such as xterm-256color"
        case .unknownTerminal(nil):
            return "cannot open the terminal (TERM is not set); run Waymark in a terminal"
        case .cannotDrawScreen(let type):
            return "cannot draw the full-screen interface on this terminal (TERM=\(type)): it cannot move the cursor; use `waymark search WORDS` and `waymark match --text WORDS` instead, which print plain text, or run Waymark in a terminal such as xterm-256color"
        case .alreadyOpen:
            return "cannot open the terminal: a Waymark screen is already open in this process; restore() it first"
        }
    }
}
