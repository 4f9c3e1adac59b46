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
