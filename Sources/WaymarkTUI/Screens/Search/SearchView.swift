import WaymarkCore

extension SearchScreen {
    func view(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        let ctx = env.ctx
        let focused = focus == .query
        let labelStyle = focused ? Style(.title, bold: true) : Style(.heading, bold: true)
        var x = c.put(focused ? "▶Search: " : " Search: ", x: 0, y: 1, style: labelStyle)
        let count = pending ? "searching…" : "\(total) found" + (related > 0 ? " · \(related) related" : "")
        let fieldWidth = c.width - x - ColumnWidth.of(count) - 2
        let cursor = Pane.field(&c, query, x: x, y: 1, width: fieldWidth, focused: focused)
        c.put(count, x: c.width - ColumnWidth.of(count) - 1, y: 1, style: Style(.muted))
        // Chips, or what was understood.
        x = 1
        let chips = chips(ctx)
        for chip in chips { x = c.put("[\(chip) ×]", x: x, y: 2, style: Style(.chip), maxX: c.width) + 1 }
        if chips.isEmpty {
            if !understood.isEmpty {
                c.put("Understood: " + understood.joined(separator: "; "), x: 1, y: 2, style: Style(.good), maxX: c.width - 1)
            } else if focused {
                c.put("Type what the person needs; ↓ or Enter goes to the results", x: 1, y: 2, style: Style(.muted), maxX: c.width - 1)
            }
        } else {
            c.put("(⌫ in an empty line removes one)", x: x + 1, y: 2, style: Style(.muted), maxX: c.width)
        }
        let g = Geometry(env.layout)
        Pane.title(&c, "Results", Rect(x: g.list.x, y: 3, width: g.list.width, height: 1), focused: focus == .results,
                   right: results.isEmpty ? "" : "\((resultIndex(list.selected) ?? 0) + 1)/\(results.count) ")
        Pane.list(&c, count: rows, g.list, list, focused: focus == .results) { row in
            guard let i = resultIndex(row) else { return (SearchScreen.dividerRow, "", Style(.muted)) }
            let doc = results[i]
            let service = ctx.index.services[doc]
            let star = env.person.shortlist.contains(service.id) ? "★" : " "
            let marks = ServiceLines.marks(doc, near: filters.near, ctx, now: env.now)
            return (ServiceLines.rowName(star + service.name, ctx.index.organisationNames[doc], width: g.list.width - ColumnWidth.of(marks) - 1), marks, .normal)
        }
        for y in 3..<(g.list.y + g.list.height) { c.put("│", x: g.list.width, y: y, style: Style(.border)) }
        if focus == .filters {
            filterPanel(&c, env, g.detail)
        } else if let doc = selectedDoc {
            let lines = ServiceLines.lines(doc, ctx, now: env.now, width: g.detail.width)
            var at = detail
            at.resize(count: lines.count, visible: g.detail.height)
            let mark = Pane.scrolling(&c, lines, g.detail, at)
            Pane.title(&c, "Detail", Rect(x: g.detail.x, y: 3, width: g.detail.width, height: 1), focused: focus == .detail, right: mark)
        } else if !pending {
            Pane.title(&c, "Detail", Rect(x: g.detail.x, y: 3, width: g.detail.width, height: 1), focused: false)
            let say = query.text.isEmpty ? "No services match these filters." : "Nothing found. Try fewer or other words, or remove a filter."
            for (i, line) in Wrap.lines(say, width: g.detail.width).enumerated() {
                c.put(line, x: g.detail.x, y: g.detail.y + i, style: Style(.muted))
            }
        }
        return cursor
    }

    func filterPanel(_ c: inout Canvas, _ env: ViewEnv, _ r: Rect) {
        let rows = env.ctx.filterRows
        Pane.title(&c, "Filters", Rect(x: r.x, y: 3, width: r.width, height: 1), focused: true)
        for i in filterCursor.offset..<min(rows.count, filterCursor.offset + r.height) {
            let row = rows[i]
            let y = r.y + i - filterCursor.offset
            if row.isHeader {
                c.put(row.label.uppercased() + (row.vocabulary == .area ? " (choose one)" : ""), x: r.x, y: y, style: Style(.heading, bold: true), maxX: r.x + r.width)
                continue
            }
            let text: String
            let on: Bool
            switch row.code {
            case "place"?:
                on = filterPlace != nil
                text = "\(row.label) \(filterPlace ?? "")"
            case "age"?:
                on = filters.age != nil
                text = "\(row.label) \(filters.age.map { "\($0) years" } ?? "")"
            case "open-now"?:
                on = filters.openAt != nil
                text = "\(on ? "[x]" : "[ ]") \(row.label)"
            default:
                let code = row.code ?? ""
                on = row.vocabulary.map { filters.codes($0).contains(code) } ?? false
                // An area is one choice of several (a radio button), and its count is what choosing it gives.
                if row.vocabulary == .area {
                    text = "\(on ? "(•)" : "( )") \(row.label) (\(areaCounts[code] ?? 0))"
                } else {
                    text = "\(on ? "[x]" : "[ ]") \(row.label) (\(facets[code] ?? 0))"
                }
            }
            let selected = i == filterCursor.selected
            let style = Style(selected ? .selected : (on ? .good : .normal), bold: selected)
            if selected { c.fill(x: r.x, y: y, width: r.width, height: 1, style: style) }
            c.put(text, x: r.x + 1, y: y, style: style, maxX: r.x + r.width)
        }
    }
}
