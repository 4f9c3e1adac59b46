/// Word wrapping for plain-text output. Widths are in terminal columns.
public enum Wrap {
    /// Wraps at word boundaries; a word longer than the width is broken.
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var currentWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var w = ColumnWidth.of(word)
                while w > width {
                    if currentWidth > 0 { out.append(current); current = ""; currentWidth = 0 }
                    let (head, rest) = ColumnWidth.split(word, at: width)
                    out.append(head)
                    word = rest
                    w = ColumnWidth.of(word)
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
}
