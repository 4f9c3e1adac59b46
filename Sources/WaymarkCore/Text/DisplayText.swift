/// Text from data is never written raw to a terminal: these functions remove
/// escape sequences and control characters, keeping the data itself untouched.
public enum DisplayText {
    /// One line: control characters and escape sequences removed, runs of white space folded to one space.
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        forEachVisible(text) { scalar, isSpace in
            if isSpace { pendingSpace = !out.isEmpty; return }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// Text for one cell run: escape sequences and control characters removed, every other
    /// character (spaces included) kept where it was; tabs and newlines become spaces.
    public static func inline(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        forEachVisible(text) { scalar, isSpace in out.append(isSpace ? " " : scalar) }
        return String(out)
    }

    /// Text laid out by the program (reports, cards, handouts): escape sequences and control
    /// characters removed, spaces and newlines kept where they are, tabs and other line breaks
    /// become spaces. Every byte Waymark writes to a terminal or a text file passes through this.
    public static func text(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        forEachVisible(&scalars, keepNewlines: true) { scalar, isSpace in out.append(isSpace ? " " : scalar) }
        return String(out)
    }

    /// Several lines: like `line`, but newlines are kept (at most one blank line in a row).
    public static func block(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line(String($0)) }
            .reduce(into: [String]()) { lines, l in
                if l.isEmpty, lines.last?.isEmpty ?? true { return }
                lines.append(l)
            }
            .joined(separator: "\n")
            .trimmingTrailingNewlines()
    }

    /// Calls `body` for each scalar that may be shown, skipping C0/C1 controls, DEL,
    /// bidi controls (embeddings, overrides, isolates and marks, which can reorder what a
    /// reader sees) and whole escape sequences: CSI (ESC [ and 8-bit 0x9B), OSC (incl. OSC 52
    /// clipboard writes), DCS, SOS, PM and APC (ESC P/X/^/_ and 8-bit 0x90/0x98/0x9E/0x9F),
    /// and two-character ESC forms. ZWJ (U+200D) is kept: emoji sequences need it.
    static func forEachVisible(_ text: String, _ body: (Unicode.Scalar, _ isSpace: Bool) -> Void) {
        var scalars = text.unicodeScalars.makeIterator()
        forEachVisible(&scalars, keepNewlines: false, body)
    }

    private static func forEachVisible(_ scalars: inout String.UnicodeScalarView.Iterator, keepNewlines: Bool,
                                       _ body: (Unicode.Scalar, _ isSpace: Bool) -> Void) {
        while let s = scalars.next() {
            switch s.value {
            case 0x0A where keepNewlines:
                body(s, false)
            case 0x0D where keepNewlines:
                continue
            case 0x1B, 0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                skipEscape(after: s, &scalars)
            case 0x09, 0x0A, 0x0D, 0x20, 0xA0:
                body(" ", true)
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0xFEFF:
                continue
            case 0x2028, 0x2029:
                body(" ", true)
            default:
                body(s, false)
            }
        }
    }

    private static func skipEscape(after introducer: Unicode.Scalar, _ it: inout String.UnicodeScalarView.Iterator) {
        var kind = introducer.value
        if kind == 0x1B {
            guard let next = it.next() else { return }
            switch next {
            case "[": kind = 0x9B
            case "]", "P", "X", "^", "_": kind = 0x9D
            default: return // a two-character escape such as ESC c: both dropped
            }
        }
        if kind == 0x9B {  // the other 8-bit introducers (DCS, SOS, PM, APC) run like OSC to ST
            // CSI: parameters and intermediates, then one final byte in @…~.
            while let c = it.next() { if (0x40...0x7E).contains(c.value) { return } }
        } else {
            // OSC and string commands end with BEL or ST (ESC \).
            while let c = it.next() {
                if c.value == 0x07 || c.value == 0x9C { return }
                if c.value == 0x1B { _ = it.next(); return }
            }
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
