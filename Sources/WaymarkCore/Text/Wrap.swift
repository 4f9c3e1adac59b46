/// Word wrapping for plain-text output. Widths are in terminal columns.
public enum Wrap {
    /// Wraps at word boundaries; a word longer than the width is broken. The text is sanitised
    /// first: breaking inside an escape sequence would leave its tail as visible text, and
    /// escapes would throw the column count out.
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in DisplayText.text(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var currentWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var w = ColumnWidth.of(word)
                if w > width {
                    if currentWidth > 0 { out.append(current); current = ""; currentWidth = 0 }
                    (word, w) = breakLongWord(word, width: width, into: &out)
                }
                if currentWidth == 0 {
                    current = word; currentWidth = w
                } else if currentWidth + 1 + w <= width {
                    current += " " + word; currentWidth += 1 + w
                } else {
                    out.append(current); current = word; currentWidth = w
                }
            }
            out.append(current)
        }
        return out
    }

    /// Cuts an over-long word into full lines in one pass (re-measuring the rest after each cut
    /// was quadratic: 22 s for one 300,000-character word). Returns the last, partial piece.
    static func breakLongWord(_ word: String, width: Int, into out: inout [String]) -> (String, Int) {
        var piece = ""
        var used = 0
        for ch in word {
            let w = ColumnWidth.of(String(ch))
            if used + w > width, !piece.isEmpty {
                out.append(piece); piece = ""; used = 0
            }
            piece.append(ch); used += w
        }
        return (piece, used)
    }
}

/// Display width of text in terminal columns (wide East Asian and emoji take two, combining marks none).
public enum ColumnWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Splits so that the head takes at most `columns` columns.
    public static func split(_ text: String, at columns: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        for ch in text {
            let w = of(String(ch))
            if used + w > columns { break }
            used += w
            index = text.index(after: index)
        }
        if index == text.startIndex, !text.isEmpty { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }

    /// Cuts text to fit `columns`, ending with "…" when something was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        return split(text, at: columns - 1).0 + "…"
    }
}
