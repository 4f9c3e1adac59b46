import Foundation

/// Text that may reach a terminal or a text file. Only the sanitiser makes one: every
/// initialiser runs `DisplayText`, so a `SafeText` never holds an escape sequence, a C0/C1
/// control or a bidi control from data. The writers of standard output and standard error
/// (`StandardStream`), the handout's files and the printer take only this type, so a raw
/// string has no way out of the program.
public struct SafeText: Sendable, Equatable, CustomStringConvertible {
    /// The sanitised characters, for a caller that measures or compares them.
    public let string: String

    private init(sanitised: String) { string = sanitised }

    /// One line (`DisplayText.line`): controls and escapes removed, white space folded, no newline.
    public init(line: String) { self.init(sanitised: DisplayText.line(line)) }

    /// Text laid out by the program (`DisplayText.text`): newlines and spaces kept where they are.
    public init(text: String) { self.init(sanitised: DisplayText.text(text)) }

    /// Several lines (`DisplayText.block`): each line folded, at most one blank line in a row.
    public init(block: String) { self.init(sanitised: DisplayText.block(block)) }

    /// The program's own words, written in the source as a literal. They go through the
    /// sanitiser too, so even a literal cannot carry a control: `TerminalControl` is the only
    /// way the program writes one.
    public init(literal: StaticString) { self.init(text: literal.description) }

    /// A control sequence the program itself sends (the sync bar's redraw), from a closed set.
    public init(_ control: TerminalControl) { self.init(sanitised: control.sequence) }

    public static let newline = SafeText(sanitised: "\n")

    /// Two safe texts side by side are safe: neither holds an unfinished escape to join up.
    public static func + (a: SafeText, b: SafeText) -> SafeText { SafeText(sanitised: a.string + b.string) }

    public var data: Data { Data(string.utf8) }
    public var description: String { string }
}

extension SafeText: ExpressibleByStringLiteral {
    /// A bare literal (`"stopped"`) is the program's own words; an interpolated string is not a
    /// literal and must be built with `SafeText(line:)` or `SafeText(text:)`.
    public init(stringLiteral value: StaticString) { self.init(literal: value) }
}

/// The control sequences Waymark's own code writes outside curses: the one closed set of them.
public enum TerminalControl: Sendable {
    /// Back to the start of the line (CR), so the sync bar redraws in place.
    case lineStart
    /// Clear from the cursor to the end of the line (CSI K), after a redrawn bar.
    case clearToLineEnd

    var sequence: String {
        switch self {
        case .lineStart: return "\r"
        case .clearToLineEnd: return "\u{1B}[K"
        }
    }
}

/// JSON made safe for a terminal: only `JSONText.escaped` makes one, so C1, bidi and other format
/// controls are `\uXXXX` escapes in everything `StandardStream` writes as JSON.
public struct EscapedJSON: Sendable {
    public let data: Data
    public init(escaping json: Data) { data = JSONText.escaped(json) }
}

/// Standard output and standard error: the one place the program writes to them. Everything
/// that leaves the command line, the server's log and the sync's progress comes through here,
/// as `SafeText` or `EscapedJSON`. (The TUI draws through curses, from a `Canvas` whose every
/// cell went through the sanitiser.)
public enum StandardStream: Sendable {
    case output, error

    public func write(_ text: SafeText) { handle.write(text.data) }

    /// Text then a newline.
    public func writeLine(_ text: SafeText) { handle.write((text + .newline).data) }

    public func write(_ json: EscapedJSON) { handle.write(json.data + Data("\n".utf8)) }

    private var handle: FileHandle {
        switch self {
        case .output: return FileHandle.standardOutput
        case .error: return FileHandle.standardError
        }
    }
}
