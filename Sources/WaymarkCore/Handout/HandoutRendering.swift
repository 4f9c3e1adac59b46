import Foundation

/// The handout's formats: plain text, large-print text, Markdown, and A4 web pages (ordinary
/// and large print). They differ only in layout; the words come from `parts(_:)`.
extension Handout {
    /// Large-print text is 40 columns: `lp -o cpi=6` on A4 with half-inch margins holds 43.
    public static let largePrintColumns = 40

    /// A web address or email: it may break only after `/`, `.`, `-` or `@`, never mid-word.
    static func isLink(_ word: Substring) -> Bool {
        word.contains("://") || word.hasPrefix("www.") || (word.contains("@") && word.contains("."))
    }

    /// The pieces a link may be broken into: each ends at a `/`, `.`, `-` or `@`.
    static func linkPieces(_ word: Substring) -> [String] {
        var pieces: [String] = [], current = ""
        for ch in word {
            current.append(ch)
            if "/.-@".contains(ch) { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        // "https://" stays whole: a line ending in "https:/" helps no one.
        var merged: [String] = []
        for p in pieces {
            if let last = merged.last, last.hasSuffix(":/") || (p == "/" && last.hasSuffix("/")) || p.count == 1 { merged[merged.count - 1] += p } else { merged.append(p) }
        }
        return merged
    }

    /// Wraps like `Wrap.lines`, except that a link is broken only between its pieces, or not
    /// at all when one piece is wider than the line.
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        for paragraph in DisplayText.text(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", used = 0
            func put(_ piece: String, joined: Bool) {
                let w = ColumnWidth.of(piece)
                let gap = used == 0 || joined ? 0 : 1
                if used > 0, used + gap + w > width { out.append(line); line = ""; used = 0 }
                if used > 0, !joined { line += " "; used += 1 }
                line += piece; used += w
            }
            for word in paragraph.split(separator: " ") {
                let w = ColumnWidth.of(String(word))
                if isLink(word), w > width - (used == 0 ? 0 : used + 1) {
                    for (i, piece) in linkPieces(word).enumerated() { put(piece, joined: i > 0 && used > 0) }
                } else if w > width {
                    if used > 0 { out.append(line); line = ""; used = 0 }
                    var rest = Wrap.lines(String(word), width: width)
                    let last = rest.removeLast()
                    out += rest
                    line = last; used = ColumnWidth.of(last)
                } else {
                    put(String(word), joined: false)
                }
            }
            out.append(line)
        }
        return out
    }

    func plain(width: Int, large: Bool) -> String {
        var out: [String] = []
        let rule = String(repeating: large ? "=" : "-", count: width)
        out += Handout.wrap(heading, width: width)
        out.append(dateLine)
        if !note.isEmpty {
            out.append("")
            out += Handout.wrap("A note for you: " + note, width: width)
        }
        out.append(rule)
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("")
            let title = Handout.wrap("\(i + 1). \(p.title)", width: width)
            out += title
            // Headings are set off by a line under them, never by capitals: capitals are harder to read.
            if large { out.append(String(repeating: "-", count: min(width, title.map(ColumnWidth.of).max() ?? 0))) }
            if let note = p.note { out += Handout.wrap("Note: \(note)", width: width) }
            out += Handout.wrap(p.what, width: width)
            for (section, lines) in p.sections {
                if large { out.append("") }
                out.append(section.title + ":")
                for l in lines { out += Handout.wrap(l, width: width - 2).map { "  " + $0 } }
            }
        }
        out.append("")
        out.append(rule)
        if let given = givenByLine { out += Handout.wrap(given, width: width) }
        out += Handout.wrap(Handout.emergencyLine, width: width)
        if large { out.append("") }
        out += Handout.wrap(footer(large: large), width: width)
        return out.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        func md(_ s: String) -> String {
            var r = ""
            for ch in s { if "\\`*_{}[]<>()#+-.!|".contains(ch) { r.append("\\") }; r.append(ch) }
            return r
        }
        var out = ["# \(md(heading))", "", "_\(md(dateLine))_", ""]
        if !note.isEmpty { out += ["> **A note for you:** \(md(note))", ""] }
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("## \(i + 1)\\. \(md(p.title))")
            out.append("")
            if let note = p.note { out.append("> **Note:** \(md(note))"); out.append("") }
            out.append(md(p.what))
            out.append("")
            for (section, lines) in p.sections {
                out.append("**\(section.title)**")
                out.append("")
                out += lines.map { "- " + md($0) }
                out.append("")
            }
        }
        out.append("---")
        out.append("")
        if let given = givenByLine { out += [md(given), ""] }
        out += ["**\(md(Handout.emergencyLine))**", ""]
        out.append("_\(md(footer))_")
        return out.joined(separator: "\n") + "\n"
    }

    static func escapeHTML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Escaped text in which links may break only after `/ . - @` (`<wbr>`), never mid-word.
    static func htmlText(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: false).map { word in
            isLink(word) ? "<span class=\"link\">" + linkPieces(word).map(escapeHTML).joined(separator: "<wbr>") + "</span>" : escapeHTML(String(word))
        }.joined(separator: " ")
    }

    /// Ordinary print: 14 pt. Large print: A4, 18 pt body and larger headings, a plain sans-serif
    /// face, black on white, no capitals, and words (links too) never broken mid-word.
    static func css(large: Bool) -> String {
        let sizes = large ? (body: 18, h1: 28, h2: 24, h3: 20, foot: 18, rule: 3) : (body: 14, h1: 22, h2: 17, h3: 14, foot: 12, rule: 2)
        return """
            @page { size: A4; margin: \(large ? "16mm 15mm" : "18mm"); }
            body { font-family: Verdana, "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: \(sizes.body)pt; line-height: \(large ? "1.5" : "1.45"); color: #000; background: #fff; max-width: \(large ? "180mm" : "170mm"); margin: 0 auto; text-transform: none; letter-spacing: normal; hyphens: manual; overflow-wrap: normal; word-break: normal; }
            h1 { font-size: \(sizes.h1)pt; line-height: 1.2; margin: 0 0 0.2em; }
            h2 { font-size: \(sizes.h2)pt; line-height: 1.25; margin: 1.2em 0 0.3em; border-top: \(sizes.rule)pt solid #000; padding-top: 0.3em; break-after: avoid; page-break-after: avoid; }
            h3 { font-size: \(sizes.h3)pt; margin: 0.7em 0 0.1em; break-after: avoid; page-break-after: avoid; }
            h1, h2, h3 { text-transform: none; font-variant: normal; }
            p { margin: 0.2em 0; }
            ul { margin: 0; padding-left: 1.2em; }
            ul.steps { list-style: none; padding-left: 0; }
            li { margin: 0.15em 0; break-inside: avoid; }
            .note { border: \(sizes.rule)pt solid #000; padding: 0.3em 0.5em; }
            footer { margin-top: 1.5em; border-top: \(sizes.rule)pt solid #000; padding-top: 0.4em; font-size: \(sizes.foot)pt; }
            .emergency { font-weight: bold; }
            """
    }

    func html(large: Bool) -> String {
        let h = Handout.htmlText
        var out = ["<!DOCTYPE html>", "<html lang=\"en-GB\">", "<head>", "<meta charset=\"utf-8\">",
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                   "<title>\(Handout.escapeHTML(heading))</title>",
                   "<style>", Handout.css(large: large), "</style>",
                   "</head>", "<body\(large ? " class=\"large\"" : "")>", "<h1>\(h(heading))</h1>", "<p>\(h(dateLine))</p>"]
        if !note.isEmpty { out.append("<p class=\"note\"><strong>A note for you:</strong> \(h(note))</p>") }
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("<section>")
            out.append("<h2>\(i + 1). \(h(p.title))</h2>")
            if let note = p.note { out.append("<p class=\"note\"><strong>Note:</strong> \(h(note))</p>") }
            out.append("<p>\(h(p.what))</p>")
            for (section, lines) in p.sections {
                out.append("<h3>\(h(section.title))</h3>")
                // The service's steps carry their own numbers: no bullet before "1.".
                out.append((section == .steps ? "<ul class=\"steps\">" : "<ul>") + lines.map { "<li>\(h($0))</li>" }.joined() + "</ul>")
            }
            out.append("</section>")
        }
        out.append("<footer>")
        if let given = givenByLine { out.append("<p>\(h(given))</p>") }
        out.append("<p class=\"emergency\">\(h(Handout.emergencyLine))</p>")
        out.append("<p>\(h(footer(large: large)))</p>")
        out.append("</footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }
}
