import WaymarkCore

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
}

/// A styled line, as ratatui's `Line`: the style travels with the text.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

enum Pane {
    /// A pane's title row. The focused pane's title is drawn in the title colour, so where
    /// the keyboard is can always be seen; `right` is drawn at the row's end (a scroll position).
    static func title(_ c: inout Canvas, _ text: String, _ r: Rect, focused: Bool, right: String = "") {
        let style = focused ? Style(.title, bold: true) : Style(.muted)
        c.fill(x: r.x, y: r.y, width: r.width, height: 1, style: focused ? Style(.title) : .normal)
        let mark = focused ? "▶ " : "  "
        let rightWidth = ColumnWidth.of(right)
        c.put(mark + text, x: r.x, y: r.y, style: style, maxX: r.x + r.width - rightWidth - 1)
        if !right.isEmpty { c.put(right, x: r.x + r.width - rightWidth, y: r.y, style: style) }
    }

    /// A scrolling pane of lines: draws from the cursor's offset and returns where it stands ("40%", "end").
    static func scrolling(_ c: inout Canvas, _ lines: [StyledLine], _ r: Rect, _ cursor: ListCursor) -> String {
        for (i, line) in lines.dropFirst(cursor.offset).prefix(r.height).enumerated() {
            c.put(line.text, x: r.x, y: r.y + i, style: line.style, maxX: r.x + r.width)
        }
        guard lines.count > r.height else { return "" }
        if cursor.atEnd { return "end " }
        return "↓ \(cursor.maxOffset == 0 ? 100 : cursor.offset * 100 / cursor.maxOffset)% "
    }

    /// A list of one-line rows with a clamped cursor: the selected row is highlighted, bold when the list has focus.
    /// Only the rows in view are built (`row(i)`), so a list of hundreds costs a frame no more than a screenful.
    static func list(_ c: inout Canvas, count: Int, _ r: Rect, _ cursor: ListCursor, focused: Bool,
                     _ row: (Int) -> (text: String, marks: String, style: Style)) {
        for line in 0..<r.height {
            let i = cursor.offset + line
            guard i < count else { break }
            let y = r.y + line
            let item = row(i)
            let selected = i == cursor.selected
            let style = selected ? Style(.selected, bold: focused) : item.style
            if selected { c.fill(x: r.x, y: y, width: r.width, height: 1, style: style) }
            let markWidth = ColumnWidth.of(item.marks)
            c.put(ColumnWidth.truncate(item.text, to: max(1, r.width - markWidth - 1)), x: r.x, y: y, style: style)
            if markWidth > 0 { c.put(item.marks, x: r.x + r.width - markWidth, y: y, style: selected ? style : Style(.muted)) }
        }
    }

    /// The part of a text field that fits, and where the cursor is within it.
    static func visibleField(_ f: TextField, width: Int) -> (String, Int) {
        let chars = Array(f.text)
        var start = 0
        while start < f.cursor, ColumnWidth.of(String(chars[start..<f.cursor])) > width - 1 { start += 1 }
        let shown = String(chars[start...])
        return (ColumnWidth.truncate(shown, to: width), ColumnWidth.of(String(chars[start..<f.cursor])))
    }

    /// Draws a field; returns the cursor position when it has focus.
    @discardableResult
    static func field(_ c: inout Canvas, _ f: TextField, x: Int, y: Int, width: Int, focused: Bool) -> (x: Int, y: Int)? {
        let style = Style(focused ? .fieldFocused : .field)
        c.fill(x: x, y: y, width: width, height: 1, style: style)
        // A field without the keyboard shows how it starts: the start of a long "what matters" is the part that matters.
        var at = f
        if !focused { at.cursor = 0 }
        let (shown, col) = visibleField(at, width: width)
        c.put(shown, x: x, y: y, style: style, maxX: x + width)
        return focused ? (x + col, y) : nil
    }

    /// A box drawn over other panes: it owns the whole rows it spans, so no piece of a word
    /// from the pane beneath shows beside its border.
    static func dialog(_ c: inout Canvas, _ r: Rect, title: String) {
        c.fill(x: 0, y: r.y, width: c.width, height: r.height, style: .normal)
        box(&c, r, title: title)
    }

    static func box(_ c: inout Canvas, _ r: Rect, title: String) {
        c.fill(x: r.x, y: r.y, width: r.width, height: r.height, style: .normal)
        let h = String(repeating: "─", count: max(0, r.width - 2))
        c.put("┌" + h + "┐", x: r.x, y: r.y, style: Style(.border))
        c.put("└" + h + "┘", x: r.x, y: r.y + r.height - 1, style: Style(.border))
        for row in (r.y + 1)..<max(r.y + 1, r.y + r.height - 1) {
            c.put("│", x: r.x, y: row, style: Style(.border))
            c.put("│", x: r.x + r.width - 1, y: row, style: Style(.border))
        }
        if !title.isEmpty { c.put(" \(title) ", x: r.x + 2, y: r.y, style: Style(.heading, bold: true), maxX: r.x + r.width - 2) }
    }
}

/// The detail of one service as wrapped, styled lines: the same lines for drawing and for
/// clamping the scroll, so the pane can never scroll past its end.
enum ServiceLines {
    /// The most of one field that is wrapped and drawn: it is rewrapped on every redraw, so a
    /// megabyte-long field must not cost a frame more than a long description does.
    static let fieldLimit = 4_000

    /// A field cut to `fieldLimit` characters, saying how long it really is (`show` prints it all).
    static func capped(_ text: String) -> String {
        guard text.utf8.count > fieldLimit else { return text }
        let total = text.unicodeScalars.count
        guard total > fieldLimit else { return text }
        return String(text.unicodeScalars.prefix(fieldLimit)) + " …(truncated, \(total) characters)"
    }

    static func style(_ kind: CardLine.Kind) -> Style {
        switch kind {
        case .title: return Style(.accent, bold: true)
        case .body: return .normal
        case .warning: return Style(.warning, bold: true)
        case .good: return Style(.good, bold: true)
        }
    }

    static func lines(_ doc: Int, _ ctx: AppContext, now: LocalDateTime, width: Int) -> [StyledLine] {
        let service = ctx.index.services[doc]
        var out: [StyledLine] = []
        for (title, body) in ServiceCard(taxonomy: ctx.taxonomy, now: now).typedSections(service, organisation: ctx.index.organisationNames[doc])
        where !body.isEmpty {
            if !title.isEmpty { out.append(StyledLine("")); out.append(StyledLine(title, Style(.heading, bold: true))) }
            for line in body {
                for w in Wrap.lines(capped(line.text), width: width) { out.append(StyledLine(w, style(line.kind))) }
            }
        }
        return out
    }

    /// "Keynsham ●", "comes to you", "3.2 km": where a service is and whether it is open.
    /// `short` says "visits" for "comes to you", where a narrow list needs the room for names.
    static func marks(_ doc: Int, near: Coordinate?, _ ctx: AppContext, now: LocalDateTime, short: Bool = false) -> String {
        let service = ctx.index.services[doc]
        var place: String
        if service.has("home-visit", in: .transport) { place = short ? "visits" : "comes to you" }
        else if let here = near, let d = ctx.index.points[doc].map({ $0.distanceKm(to: here) }).min() {
            place = d < 10 ? String(format: "%.1f km", d) : String(format: "%.0f km", d)
        } else {
            let areas = service.codes(.area)
            place = areas.count == 1 ? shortArea(areas[0]) : areas.contains("banes-wide") ? "B&NES" : areas.contains("national") ? "anywhere" : "\(areas.count) areas"
        }
        if service.hours.isOpen(at: now) == true { place += " ●" }
        if ServiceCard.staleMonths(service, today: now.date) != nil { place += " !" }
        return place + " "
    }

    /// A row's name: the provider too when both fit, else the service's name alone, so that
    /// names cut short can still be told apart.
    static func rowName(_ name: String, _ organisation: String, width: Int) -> String {
        let both = "\(name) · \(organisation)"
        return ColumnWidth.of(both) <= width ? both : name
    }

    static func shortArea(_ code: String) -> String {
        ["bath-city": "Bath", "bathavon": "Bathavon", "keynsham": "Keynsham", "somer-valley": "Somer Valley",
         "chew-valley": "Chew Valley", "banes-wide": "B&NES", "national": "anywhere"][code] ?? code
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension Array where Element: Equatable {
    mutating func toggle(_ e: Element) {
        if let i = firstIndex(of: e) { remove(at: i) } else { append(e) }
    }
}
