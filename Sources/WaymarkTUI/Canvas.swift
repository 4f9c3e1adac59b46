import WaymarkCore

/// How a cell looks. Colours are semantic roles, not terminal colours: the terminal
/// maps them onto its palette, or onto bold and reverse video when colour is off.
public struct Style: Equatable, Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, title, hint, hintKey, selected, accent, muted, warning, good, badge, chip, field, fieldFocused, border, heading
    }
    public var role: Role
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let normal = Style()
}

/// One terminal cell: a character (a grapheme cluster), how many columns it takes, and its style.
/// The cell after a wide character is a continuation with width 0.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .normal) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    static let continuation = Cell("", width: 0)
}

/// A grid of cells that views draw into, as ratatui's Buffer: no terminal needed,
/// so every screen can be tested as text.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from (x, y), clipped at `maxX` (exclusive), and returns the column after it.
    /// Text is made safe first: no control character or escape sequence from data reaches a cell.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var col = x
        // Only as much text as could fit is sanitised and measured, so one huge field costs a
        // row no more than a short one. The margin covers escapes and zero-width marks.
        let room = max(0, limit - col)
        let visible = text.utf8.count > room * 4 + 256 ? String(text.unicodeScalars.prefix(room * 4 + 256)) : text
        for ch in DisplayText.inline(visible) {
            let w = ColumnWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                self[col, y] = Cell(String(ch), width: UInt8(w), style: style)
                if w == 2 { self[col + 1, y] = Cell("", width: 0, style: style) }
            }
            col += w
        }
        return col
    }

    /// Fills a rectangle with blanks in a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row] = Cell(" ", width: 1, style: style) }
        }
    }

    /// Each row as a string (continuation cells skipped), for snapshot tests and text captures.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where self[x, y].width > 0 { s += self[x, y].text }
            return s
        }
    }

    public var text: String { lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

extension Canvas {
    /// One letter per cell for its style role (bold in capitals where the letter allows), so a
    /// snapshot test sees a lost highlight, as ratatui compares styled buffers.
    public static func styleLetter(_ s: Style) -> Character {
        let letter: Character
        switch s.role {
        case .normal: letter = "."
        case .title: letter = "t"
        case .hint: letter = "h"
        case .hintKey: letter = "k"
        case .selected: letter = "s"
        case .accent: letter = "a"
        case .muted: letter = "m"
        case .warning: letter = "w"
        case .good: letter = "g"
        case .badge: letter = "b"
        case .chip: letter = "c"
        case .field: letter = "f"
        case .fieldFocused: letter = "i"
        case .border: letter = "|"
        case .heading: letter = "e"
        }
        return s.bold && letter.isLetter ? Character(letter.uppercased()) : letter
    }

    /// The style layer, a row of letters per screen row; a wide character's second cell is "~".
    public var styleLines: [String] {
        (0..<height).map { y in String((0..<width).map { x in self[x, y].width == 0 ? "~" : Canvas.styleLetter(self[x, y].style) }) }
    }
}
