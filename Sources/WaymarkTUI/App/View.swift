import WaymarkCore

/// Views: functions from state to a Canvas. Nothing here changes state or touches a terminal.
public enum View {
    public static func render(_ s: AppState, _ ctx: AppContext) -> (Canvas, cursor: (x: Int, y: Int)?) {
        var c = Canvas(width: s.width, height: s.height)
        if s.layout.tooSmall {
            tooSmall(&c)
            return (c, nil)
        }
        titleBar(&c, s, ctx)
        var cursor = s.current.view(&c, ViewEnv(person: s.person, givenBy: s.givenBy, ctx: ctx, now: s.now, layout: s.layout))
        statusLine(&c, s, ctx)
        hintBar(&c, s.keyContext)
        switch s.overlay {
        case .help(let scroll)?: help(&c, s, scroll); cursor = nil
        case .about?: about(&c, ctx); cursor = nil
        case .prompt(let p)?: cursor = prompt(&c, p)
        case nil: break
        }
        return (c, cursor)
    }

    static func tooSmall(_ c: inout Canvas) {
        let lines = ["Waymark needs a bigger window", "at least \(Layout.minimumWidth)×\(Layout.minimumHeight);",
                     "this one is \(c.width)×\(c.height).", "Make it larger, or press q to quit."]
        for (i, l) in lines.enumerated() {
            let y = max(0, c.height / 2 - 2) + i
            let text = ColumnWidth.truncate(l, to: c.width)
            c.put(text, x: max(0, (c.width - ColumnWidth.of(text)) / 2), y: y, style: Style(.warning, bold: i == 0))
        }
    }

    static func titleBar(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        c.fill(x: 0, y: 0, width: c.width, height: 1, style: Style(.title))
        var x = c.put(" Waymark ", x: 0, y: 0, style: Style(.title, bold: true))
        x = c.put("· " + s.current.title, x: x, y: 0, style: Style(.title))
        let badge = ctx.isSample ? " SAMPLE DATA " : ""
        let room = c.width - x - 1 - ColumnWidth.of(badge)
        var right = "\(ctx.directoryName) · \(ctx.index.count) services "
        if let place = s.person.place?.name ?? NeedsScreen.placeLabel(s.needs.place.text, ctx) {
            // Where the person lives matters more than the directory's name: that goes first when both do not fit.
            right = "lives in \(place) · " + right
            if ColumnWidth.of(right) > room { right = "lives in \(place) · \(ctx.index.count) services " }
        }
        let rw = ColumnWidth.of(right) + ColumnWidth.of(badge)
        let start = max(x + 1, c.width - rw)
        let after = c.put(right, x: start, y: 0, style: Style(.title), maxX: c.width - ColumnWidth.of(badge))
        if !badge.isEmpty { c.put(badge, x: max(after, c.width - ColumnWidth.of(badge)), y: 0, style: Style(.badge, bold: true)) }
    }

    static func statusLine(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        let y = s.layout.statusY
        if let m = s.message {
            let style: Style
            switch m.kind {
            case .info: style = Style(.accent)
            case .done: style = Style(.good, bold: true)
            case .problem: style = Style(.warning, bold: true)
            }
            c.put(" " + m.text, x: 0, y: y, style: style, maxX: c.width)
        } else if ctx.isSample {
            c.put(" Sample data: details are illustrative; do not use for real referrals.", x: 0, y: y, style: Style(.muted), maxX: c.width)
        }
    }

    /// nano's key bar: the keys of the focused pane, from the key table.
    static func hintBar(_ c: inout Canvas, _ context: KeyContext) {
        let y = c.height - 1
        var x = 0
        for (key, label) in KeyTable.hints(for: context) {
            let need = ColumnWidth.of(key) + ColumnWidth.of(label) + 2
            if x + need > c.width { break }
            x = c.put(key, x: x, y: y, style: Style(.hintKey, bold: true))
            x = c.put(" " + label + " ", x: x, y: y, style: Style(.hint))
        }
    }

    /// The help overlay: the keys of the pane under it, then the ones that work everywhere.
    static func help(_ c: inout Canvas, _ s: AppState, _ scroll: ListCursor) {
        let r = helpRect(s.layout)
        let under = s.current.keyContext
        Pane.box(&c, r, title: "Keys: \(under.title) (Esc closes · i about)")
        let lines = helpLines(under, width: r.width - 16)
        var at = scroll
        at.resize(count: lines.count, visible: r.height - 2)
        for (i, line) in lines.dropFirst(at.offset).prefix(r.height - 2).enumerated() {
            c.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: Style(.hintKey, bold: true), maxX: r.x + 13)
            c.put(line.1, x: r.x + 14, y: r.y + 1 + i, style: .normal, maxX: r.x + r.width - 1)
        }
    }

    static func helpRect(_ l: Layout) -> Rect {
        let w = min(l.width - 4, 90)
        return Rect(x: (l.width - w) / 2, y: 2, width: w, height: l.height - 4)
    }

    /// The help overlay's rows: each key, and what it does wrapped to the box.
    static func helpLines(_ context: KeyContext, width: Int) -> [(String, String)] {
        var seen = Set<String>()
        return KeyTable.visible(in: context).filter { seen.insert($0.label + $0.help).inserted }.flatMap { b in
            Wrap.lines(b.help, width: max(10, width)).enumerated().map { ($0.offset == 0 ? b.label : "", $0.element) }
        }
    }

    static func about(_ c: inout Canvas, _ ctx: AppContext) {
        let w = min(c.width - 4, 72), h = min(c.height - 4, 16)
        let r = Rect(x: (c.width - w) / 2, y: 2, width: w, height: h)
        Pane.box(&c, r, title: "About Waymark (Esc closes)")
        var lines = [StyledLine("Waymark \(ctx.version)", Style(.accent, bold: true)), StyledLine("Directory: \(ctx.directoryName)"),
                     StyledLine("\(ctx.index.count) services from \(ctx.organisations.count) organisations"), StyledLine("")]
        if ctx.isSample { lines += Wrap.lines(Workspace.sampleNotice, width: w - 4).map { StyledLine($0, Style(.warning, bold: true)) } }
        lines += [StyledLine(""), StyledLine("Data in and out as Open Referral UK (HSDS-UK 3.0).")]
        for (i, l) in lines.prefix(h - 2).enumerated() { c.put(l.text, x: r.x + 2, y: r.y + 1 + i, style: l.style, maxX: r.x + w - 1) }
    }

    static func prompt(_ c: inout Canvas, _ p: Prompt) -> (x: Int, y: Int)? {
        let w = min(c.width - 4, 72)
        let title = Wrap.lines(p.title, width: w - 4)
        let choices = p.choices.map { Wrap.lines($0, width: w - 9) }
        let body = p.choices.isEmpty ? 2 : choices.reduce(0) { $0 + $1.count }
        let h = min(c.height - 2, 3 + title.count + body)
        let r = Rect(x: (c.width - w) / 2, y: max(1, (c.height - h) / 2), width: w, height: h)
        Pane.box(&c, r, title: p.choices.isEmpty ? "Enter OK · Esc cancel" : "Number or Enter · Esc cancel")
        for (i, line) in title.enumerated() { c.put(line, x: r.x + 2, y: r.y + 1 + i, style: Style(.accent, bold: true), maxX: r.x + w - 2) }
        var y = r.y + 1 + title.count + (p.choices.isEmpty ? 1 : 0)
        if p.choices.isEmpty { return Pane.field(&c, p.field, x: r.x + 2, y: y, width: w - 4, focused: true) }
        for (i, lines) in choices.enumerated() {
            let selected = i == p.choice
            for (j, line) in lines.enumerated() where y < r.y + r.height - 1 {
                let text = (j == 0 ? "\(i + 1). " : "   ") + line
                if selected { c.fill(x: r.x + 2, y: y, width: w - 4, height: 1, style: Style(.selected, bold: true)) }
                c.put(text, x: r.x + 3, y: y, style: Style(selected ? .selected : .normal, bold: selected), maxX: r.x + w - 2)
                y += 1
            }
        }
        return nil
    }
}
