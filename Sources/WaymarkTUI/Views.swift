import WaymarkCore

/// Views: functions from state to a Canvas. Nothing here changes state or touches a terminal.
public enum Views {
    public static func render(_ s: AppState, _ ctx: AppContext) -> (Canvas, cursor: (x: Int, y: Int)?) {
        var c = Canvas(width: s.width, height: s.height)
        let layout = Layout(width: s.width, height: s.height)
        if layout.tooSmall {
            tooSmall(&c)
            return (c, nil)
        }
        var cursor: (x: Int, y: Int)?
        titleBar(&c, s, ctx)
        switch s.screen {
        case .search: cursor = search(&c, s, ctx, layout)
        case .needs: cursor = needs(&c, s, ctx, layout)
        case .browse: browse(&c, s, ctx, layout)
        case .shortlist: shortlist(&c, s, ctx, layout)
        }
        statusLine(&c, s, ctx)
        hintBar(&c, s)
        if s.showHelp { help(&c, s, ctx); cursor = nil }
        if s.showAbout { about(&c, s, ctx); cursor = nil }
        if let p = s.prompt { cursor = prompt(&c, p) }
        return (c, cursor)
    }

    static func tooSmall(_ c: inout Canvas) {
        let lines = ["Waymark needs a bigger window", "at least \(Layout.minimumWidth)×\(Layout.minimumHeight);",
                     "this one is \(c.width)×\(c.height).", "Make it larger, or press q to quit."]
        for (i, l) in lines.enumerated() {
            let y = c.height / 2 - 2 + i
            let text = ColumnWidth.truncate(l, to: c.width)
            c.put(text, x: max(0, (c.width - ColumnWidth.of(text)) / 2), y: y, style: Style(.warning, bold: i == 0))
        }
    }

    // MARK: Chrome

    static func titleBar(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        c.fill(x: 0, y: 0, width: c.width, height: 1, style: Style(.title))
        let names: [ScreenID: String] = [.search: "Search", .needs: "A person's needs", .browse: "Browse", .shortlist: "Shortlist"]
        var x = c.put(" Waymark ", x: 0, y: 0, style: Style(.title, bold: true))
        x = c.put("· " + (names[s.screen] ?? ""), x: x, y: 0, style: Style(.title))
        var right = "\(ctx.directoryName) · \(ctx.index.count) services "
        if let place = placeLabel(s, ctx) { right = "lives in \(place) · " + right }
        let badge = ctx.isSample ? " SAMPLE DATA " : ""
        let rw = ColumnWidth.of(right) + ColumnWidth.of(badge)
        let start = max(x + 1, c.width - rw)
        let after = c.put(right, x: start, y: 0, style: Style(.title), maxX: c.width - ColumnWidth.of(badge))
        if !badge.isEmpty { c.put(badge, x: max(after, c.width - ColumnWidth.of(badge)), y: 0, style: Style(.badge, bold: true)) }
    }

    static func placeLabel(_ s: AppState, _ ctx: AppContext) -> String? {
        if let name = s.match?.placeName { return name }
        let typed = s.needs.place.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, let m = ctx.gazetteer.resolve(typed) else { return nil }
        return m.how == .postcodeDistrict || m.how == .postcodeSector ? typed.uppercased() : m.place.name
    }

    static func statusLine(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        let y = c.height - 2
        if let m = s.message {
            c.put(" " + m, x: 0, y: y, style: Style(.accent))
        } else if ctx.isSample {
            c.put(" Sample data: details are illustrative; do not use for real referrals.", x: 0, y: y, style: Style(.muted))
        }
    }

    /// nano's key bar: the keys that work here, from the key table.
    static func hintBar(_ c: inout Canvas, _ s: AppState) {
        let y = c.height - 1
        let hints: [(String, String)]
        if s.prompt != nil {
            hints = [("Enter", "OK"), ("Esc", "Cancel")]
        } else if s.showHelp || s.showAbout {
            hints = [("Esc", "Close"), ("↑↓", "Scroll")]
        } else {
            let list = KeyTable.visible(in: s.keyContext).filter { $0.hint != nil && (!s.inTextField || $0.worksInTextField) }
            // One key per hint; outside a text field the plain letter ("q") reads better than its Ctrl twin.
            var order: [String] = []
            var chosen: [String: KeyBinding] = [:]
            for b in list {
                let hint = b.hint!
                if let current = chosen[hint] {
                    if !s.inTextField, current.keys.allSatisfy(\.isControl), !b.keys.allSatisfy(\.isControl) { chosen[hint] = b }
                } else { order.append(hint); chosen[hint] = b }
            }
            hints = order.map { (chosen[$0]!.label, $0) }
        }
        var x = 0
        for (key, label) in hints {
            let need = ColumnWidth.of(key) + ColumnWidth.of(label) + 2
            if x + need > c.width { break }
            x = c.put(key, x: x, y: y, style: Style(.hintKey, bold: true))
            x = c.put(" " + label + " ", x: x, y: y, style: Style(.hint))
        }
    }

    // MARK: Search

    public static func firstVisible(selected: Int, height: Int) -> Int { max(0, selected - height + 1) }

    static func search(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) -> (x: Int, y: Int)? {
        let label = " Search: "
        var x = c.put(label, x: 0, y: 1, style: Style(.heading, bold: true))
        let fieldWidth = c.width - x - 16
        let (shown, cursorCol) = visibleField(s.query, width: fieldWidth)
        c.fill(x: x, y: 1, width: fieldWidth, height: 1, style: Style(s.focus == .query ? .fieldFocused : .field))
        c.put(shown, x: x, y: 1, style: Style(s.focus == .query ? .fieldFocused : .field), maxX: x + fieldWidth)
        let count = s.searchPending ? "searching…" : "\(s.total) found"
        c.put(count, x: c.width - ColumnWidth.of(count) - 1, y: 1, style: Style(.muted))
        let cursor = s.focus == .query ? (x + cursorCol, 1) : nil
        // Chips, or what was understood.
        x = 1
        let chips = Update.chips(s, ctx)
        for chip in chips {
            x = c.put("[\(chip) ×]", x: x, y: 2, style: Style(.chip), maxX: c.width) + 1
        }
        if chips.isEmpty {
            if !s.understood.isEmpty {
                c.put("Understood: " + s.understood.joined(separator: "; "), x: 1, y: 2, style: Style(.good))
            } else {
                c.put("Type to search · f filters · n a person's needs · b browse", x: 1, y: 2, style: Style(.muted))
            }
        } else {
            c.put("(⌫ removes, x clears)", x: x + 1, y: 2, style: Style(.muted))
        }
        resultsList(&c, s, ctx, l)
        for y in l.bodyTop..<(l.bodyTop + l.bodyHeight) { c.put("│", x: l.listWidth, y: y, style: Style(.border)) }
        if s.focus == .filters {
            filterPanel(&c, s, ctx, l)
        } else if let doc = Update.selectedDoc(s) {
            detail(&c, doc, s, ctx, x: l.detailX + 1, y: l.bodyTop, width: l.detailWidth - 1, height: l.bodyHeight, scroll: s.detailScroll)
        } else if !s.searchPending {
            c.put(s.query.text.isEmpty ? "No services match these filters." : "Nothing found. Try fewer or other words,",
                  x: l.detailX + 1, y: l.bodyTop, style: Style(.muted))
            if !s.query.text.isEmpty { c.put("or remove a filter.", x: l.detailX + 1, y: l.bodyTop + 1, style: Style(.muted)) }
        }
        return cursor
    }

    /// The part of a text field that fits, and where the cursor is within it.
    static func visibleField(_ f: TextField, width: Int) -> (String, Int) {
        let chars = Array(f.text)
        var start = 0
        while start < f.cursor, ColumnWidth.of(String(chars[start..<f.cursor])) > width - 1 { start += 1 }
        let shown = String(chars[start...])
        return (ColumnWidth.truncate(shown, to: width), ColumnWidth.of(String(chars[start..<f.cursor])))
    }

    static func resultsList(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) {
        let first = firstVisible(selected: s.selected, height: l.bodyHeight)
        for row in 0..<l.bodyHeight {
            let i = first + row
            guard s.results.indices.contains(i) else { break }
            let doc = s.results[i]
            let y = l.bodyTop + row
            let isSelected = i == s.selected
            let style = Style(isSelected ? .selected : .normal, bold: isSelected && s.focus == .results)
            if isSelected { c.fill(x: 0, y: y, width: l.listWidth, height: 1, style: style) }
            let marks = rowMarks(doc, s, ctx)
            let service = ctx.index.services[doc]
            let onList = s.shortlist.contains(service.id) ? "★" : " "
            let name = "\(onList)\(service.name) · \(ctx.index.organisationNames[doc])"
            let markWidth = ColumnWidth.of(marks)
            c.put(ColumnWidth.truncate(name, to: l.listWidth - markWidth - 1), x: 0, y: y, style: style)
            c.put(marks, x: l.listWidth - markWidth, y: y, style: isSelected ? style : Style(.muted))
        }
    }

    /// "Keynsham ●open !old", "comes to you", "3.2 km".
    static func rowMarks(_ doc: Int, _ s: AppState, _ ctx: AppContext) -> String {
        let service = ctx.index.services[doc]
        var where_: String
        if service.has("home-visit", in: .transport) { where_ = "comes to you" }
        else if let here = s.filters.near ?? s.match?.point, let d = ctx.index.points[doc].map({ $0.distanceKm(to: here) }).min() {
            where_ = d < 10 ? String(format: "%.1f km", d) : String(format: "%.0f km", d)
        } else {
            let areas = service.codes(.area)
            where_ = areas.count == 1 ? shortArea(areas[0]) : areas.contains("banes-wide") ? "B&NES" : areas.contains("national") ? "anywhere" : "\(areas.count) areas"
        }
        var marks = where_
        if service.hours.isOpen(at: ctx.now) == true { marks += " ●" }
        if ServiceCard.staleMonths(service, today: ctx.now.date) != nil { marks += " !" }
        return marks + " "
    }

    static func shortArea(_ code: String) -> String {
        ["bath-city": "Bath", "bathavon": "Bathavon", "keynsham": "Keynsham", "somer-valley": "Somer Valley",
         "chew-valley": "Chew Valley", "banes-wide": "B&NES", "national": "anywhere"][code] ?? code
    }

    /// The most of one field the detail pane wraps and draws: it is rewrapped on every redraw,
    /// so a megabyte-long field must not cost a frame more than a long description does.
    static let detailFieldLimit = 4_000

    /// A field cut to `detailFieldLimit` characters, saying how long it really is (`show` prints it all).
    static func cappedField(_ text: String) -> String {
        guard text.utf8.count > detailFieldLimit else { return text }
        let total = text.unicodeScalars.count
        guard total > detailFieldLimit else { return text }
        return String(text.unicodeScalars.prefix(detailFieldLimit)) + " …(truncated, \(total) characters)"
    }

    /// The detail pane for one service: everything a navigator reads before a referral.
    static func detail(_ c: inout Canvas, _ doc: Int, _ s: AppState, _ ctx: AppContext, x: Int, y: Int, width: Int, height: Int, scroll: Int) {
        let service = ctx.index.services[doc]
        let card = ServiceCard(taxonomy: ctx.taxonomy, now: ctx.now)
        var lines: [(String, Style)] = []
        for (title, body) in card.sections(service, organisation: ctx.index.organisationNames[doc]) where !body.isEmpty {
            if !title.isEmpty { lines.append(("", .normal)); lines.append((title, Style(.heading, bold: true))) }
            for (i, b) in body.enumerated() {
                let style: Style = title.isEmpty && i == 0 ? Style(.accent, bold: true)
                    : b.hasPrefix("Alert:") || b.hasPrefix("Status:") || b.hasPrefix("Last checked") ? Style(.warning, bold: true)
                    : b.hasPrefix("Open now") ? Style(.good, bold: true) : .normal
                for w in Wrap.lines(cappedField(b), width: width) { lines.append((w, style)) }
            }
        }
        let maxScroll = max(0, lines.count - height)
        let first = min(scroll, maxScroll)
        for (i, line) in lines.dropFirst(first).prefix(height).enumerated() {
            c.put(line.0, x: x, y: y + i, style: line.1, maxX: x + width)
        }
        if lines.count > height {
            let pct = maxScroll == 0 ? 100 : first * 100 / maxScroll
            let mark = first < maxScroll ? " ↓ \(pct)% " : " end "
            c.put(mark, x: x + width - ColumnWidth.of(mark), y: y + height - 1, style: Style(.muted, reverse: true))
        }
    }

    static func filterPanel(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) {
        let rows = ctx.filterRows
        let x = l.detailX + 1, w = l.detailWidth - 1
        c.put("Filters (Space/Enter toggles, f closes)", x: x, y: l.bodyTop, style: Style(.heading, bold: true), maxX: x + w)
        let height = l.bodyHeight - 1
        let first = max(0, min(s.filterCursor - height / 2, rows.count - height))
        for (i, row) in rows.enumerated().dropFirst(first).prefix(height) {
            let y = l.bodyTop + 1 + (i - first)
            if row.isHeader { c.put(row.label.uppercased(), x: x, y: y, style: Style(.heading, bold: true)); continue }
            if row.code == "place" || row.code == "age" {
                let value = row.code == "place" ? s.filterPlace : s.filters.age.map { "\($0)" }
                let text = "\(row.label) \(value ?? "")"
                let style = Style(i == s.filterCursor ? .selected : (value != nil ? .good : .normal))
                if i == s.filterCursor { c.fill(x: x, y: y, width: w, height: 1, style: style) }
                c.put(text, x: x + 1, y: y, style: style, maxX: x + w)
                continue
            }
            let on: Bool
            if row.code == "open-now" { on = s.filters.openAt != nil }
            else if let v = row.vocabulary, let code = row.code { on = s.filters.codes(v).contains(code) }
            else { on = false }
            let count = row.code == "open-now" ? "" : "(\(s.facets[row.code ?? ""] ?? 0))"
            let text = "\(on ? "[x]" : "[ ]") \(row.label) \(count)"
            let style = Style(i == s.filterCursor ? .selected : (on ? .good : .normal))
            if i == s.filterCursor { c.fill(x: x, y: y, width: w, height: 1, style: style) }
            c.put(text, x: x + 1, y: y, style: style, maxX: x + w)
        }
    }

    // MARK: Needs

    static func needs(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) -> (x: Int, y: Int)? {
        if s.showingMatch, let r = s.match { suggestions(&c, r, s, ctx, l); return nil }
        return s.guided ? guidedForm(&c, s, ctx, l) : form(&c, s, ctx, l)
    }

    static let fieldLabels: [NeedsForm.Field: String] = [
        .text: "What matters to them", .place: "Where they live", .age: "Age", .transport: "Getting about",
        .freeOnly: "Free services only", .remoteOK: "Phone or online is fine", .homeVisits: "Would like home visits",
    ]

    static func transportLabel(_ t: NeedsProfile.Transport?) -> String {
        switch t {
        case nil: return "not asked"
        case .car?: return "drives (car)"
        case .bus?: return "uses the bus"
        case .noCar?: return "no car"
        case .housebound?: return "housebound"
        }
    }

    static func form(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) -> (x: Int, y: Int)? {
        c.put(" Tell Waymark about the person. Enter moves on; F5 suggests services; ^G guided mode.", x: 0, y: 1, style: Style(.muted))
        var cursor: (x: Int, y: Int)?
        var y = 3
        let labelWidth = 26
        for field in NeedsForm.Field.allCases {
            let focused = s.needs.field == field
            c.put((focused ? "▸ " : "  ") + (fieldLabels[field] ?? ""), x: 1, y: y, style: Style(focused ? .accent : .normal, bold: focused))
            let x = labelWidth
            let w = c.width - x - 2
            switch field {
            case .text, .place, .age:
                let tf = field == .text ? s.needs.text : field == .place ? s.needs.place : s.needs.age
                let fw = field == .age ? 5 : w
                let style = Style(focused ? .fieldFocused : .field)
                c.fill(x: x, y: y, width: fw, height: 1, style: style)
                let (shown, col) = visibleField(tf, width: fw)
                c.put(shown, x: x, y: y, style: style, maxX: x + fw)
                if focused { cursor = (x + col, y) }
                if field == .place {
                    if focused, !s.needs.placeSuggestions.isEmpty {
                        y += 1
                        c.put("→ " + s.needs.placeSuggestions.joined(separator: " · ") + "  (Enter takes the first)", x: x, y: y, style: Style(.muted), maxX: c.width)
                    } else if let place = placeLabel(s, ctx), let m = ctx.gazetteer.resolve(s.needs.place.text) {
                        y += 1
                        c.put("✓ \(place), \(ctx.taxonomy.label(m.area))", x: x, y: y, style: Style(.good))
                    } else if !s.needs.place.text.isEmpty {
                        y += 1
                        c.put("? not a place Waymark knows; check the spelling or try a postcode", x: x, y: y, style: Style(.warning))
                    }
                }
            case .transport:
                c.put("◂ \(transportLabel(s.needs.transport)) ▸", x: x, y: y, style: Style(focused ? .fieldFocused : .normal))
                if focused { c.put("  ←/→ or 1 car · 2 bus · 3 no car · 4 housebound", x: x + 18, y: y, style: Style(.muted), maxX: c.width) }
            case .freeOnly, .remoteOK, .homeVisits:
                let on = field == .freeOnly ? s.needs.freeOnly : field == .remoteOK ? s.needs.remoteOK : s.needs.homeVisits
                c.put(on ? "[x]" : "[ ]", x: x, y: y, style: Style(focused ? .fieldFocused : .normal))
                if focused { c.put("  Space ticks", x: x + 3, y: y, style: Style(.muted)) }
            }
            y += 2
            if y >= l.bodyTop + l.bodyHeight { break }
        }
        if s.matchPending { c.put("Finding services…", x: labelWidth, y: min(y, c.height - 3), style: Style(.accent)) }
        return cursor
    }

    static let guidedQuestions: [NeedsForm.Field: (String, String)] = [
        .text: ("What matters to them?", "Write it in their own words, for example: \"my mum keeps forgetting things\"."),
        .place: ("Where do they live?", "A town, village, part of Bath, or a postcode."),
        .age: ("How old are they?", "Leave it empty if you don't know."),
        .transport: ("How do they get about?", "Press 1 car, 2 bus, 3 no car, 4 can't leave home."),
        .freeOnly: ("Anything else?", "Space ticks: free only · phone or online is fine · home visits."),
    ]

    static func guidedForm(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) -> (x: Int, y: Int)? {
        let step = Update.guidedSteps[s.guidedStep]
        let (q, help) = guidedQuestions[step] ?? ("", "")
        c.put(" Question \(s.guidedStep + 1) of \(Update.guidedSteps.count)", x: 0, y: 1, style: Style(.muted))
        c.put(q, x: 3, y: 4, style: Style(.accent, bold: true))
        for (i, line) in Wrap.lines(help, width: c.width - 6).enumerated() { c.put(line, x: 3, y: 5 + i, style: Style(.muted)) }
        var cursor: (x: Int, y: Int)?
        let y = 8
        switch step {
        case .text, .place, .age:
            let tf = step == .text ? s.needs.text : step == .place ? s.needs.place : s.needs.age
            c.put("›", x: 1, y: y, style: Style(.accent, bold: true))
            c.fill(x: 3, y: y, width: c.width - 6, height: 1, style: Style(.fieldFocused))
            let (shown, col) = visibleField(tf, width: c.width - 6)
            c.put(shown, x: 3, y: y, style: Style(.fieldFocused))
            cursor = (3 + col, y)
            if step == .place, !s.needs.placeSuggestions.isEmpty {
                c.put("Did you mean: " + s.needs.placeSuggestions.joined(separator: ", ") + "? (Enter takes the first)", x: 3, y: y + 2, style: Style(.muted), maxX: c.width - 2)
            }
        case .transport:
            for (i, t) in NeedsProfile.Transport.allCases.enumerated() {
                let on = s.needs.transport == t
                c.put("\(i + 1)  \(on ? "(•)" : "( )") \(transportLabel(t))", x: 5, y: y + i, style: Style(on ? .good : .normal, bold: on))
            }
        default:
            let opts: [(NeedsForm.Field, Bool)] = [(.freeOnly, s.needs.freeOnly), (.remoteOK, s.needs.remoteOK), (.homeVisits, s.needs.homeVisits)]
            for (i, (f, on)) in opts.enumerated() {
                let focused = s.needs.field == f
                c.put("\(on ? "[x]" : "[ ]") \(fieldLabels[f] ?? "")", x: 5, y: y + i, style: Style(focused ? .fieldFocused : .normal))
            }
        }
        c.put(s.guidedStep == Update.guidedSteps.count - 1 ? "Press Enter to see services that fit." : "Press Enter for the next question; Esc goes back.",
              x: 3, y: min(c.height - 4, y + 6), style: Style(.accent))
        return cursor
    }

    static func suggestions(_ c: inout Canvas, _ r: MatchResult, _ s: AppState, _ ctx: AppContext, _ l: Layout) {
        let tax = ctx.taxonomy
        var lines: [(String, Style, Int?)] = []
        // The safety notice comes before anything else.
        if let notice = r.safety {
            lines.append(("SAFETY FIRST", Style(.warning, bold: true), nil))
            for w in Wrap.lines(notice.message, width: c.width - 2) { lines.append((w, Style(.warning, bold: true), nil)) }
            for contact in notice.contacts {
                for w in Wrap.lines("☎ \(contact.phone)  \(contact.name): \(contact.when)", width: c.width - 2) { lines.append((w, Style(.warning), nil)) }
            }
            lines.append(("", .normal, nil))
        }
        lines.append(("UNDERSTOOD", Style(.heading, bold: true), nil))
        for u in r.understoodLines(tax) {
            for w in Wrap.lines(u, width: c.width - 2) { lines.append((w, Style(.good), nil)) }
        }
        lines.append(("", .normal, nil))
        lines.append(("SUGGESTIONS  (s adds to the shortlist, Enter opens)", Style(.heading, bold: true), nil))
        for (i, sug) in r.suggestions.enumerated() {
            let service = ctx.index.services[sug.doc]
            let star = s.shortlist.contains(service.id) ? "★" : " "
            let selected = i == s.matchSelected
            lines.append(("\(star)\(sug.rank). \(service.name) · \(ctx.index.organisationNames[sug.doc])", Style(selected ? .selected : .accent, bold: true), i))
            for w in Wrap.lines("✓ " + sug.reasons.joined(separator: "; "), width: c.width - 6) { lines.append(("    " + w, Style(.good), i)) }
            if !sug.cautions.isEmpty {
                for w in Wrap.lines("! " + sug.cautions.joined(separator: "; "), width: c.width - 6) { lines.append(("    " + w, Style(.warning), i)) }
            }
        }
        if r.suggestions.isEmpty { lines.append(("No service fits every rule. See below.", Style(.warning), nil)) }
        lines.append(("", .normal, nil))
        lines.append(("FEWEST SERVICES THAT COVER EVERY NEED", Style(.heading, bold: true), nil))
        for d in r.coveringSet { lines.append(("• \(ctx.index.services[d].name) · \(ctx.index.organisationNames[d])", .normal, nil)) }
        if !r.unmet.isEmpty {
            lines.append(("", .normal, nil))
            lines.append(("NOTHING IN THE DIRECTORY MEETS", Style(.heading, bold: true), nil))
            lines.append((r.unmet.map { tax.label($0) }.joined(separator: ", "), Style(.warning), nil))
        }
        if !r.nearMisses.isEmpty {
            lines.append(("", .normal, nil))
            lines.append(("NEARLY FITS (one rule fails)", Style(.heading, bold: true), nil))
            for m in r.nearMisses { lines.append(("• \(ctx.index.services[m.doc].name): \(m.fails)", Style(.muted), nil)) }
        }
        // Keep the selected suggestion in view.
        let height = l.bodyHeight + 1
        let selectedLine = lines.firstIndex { $0.2 == s.matchSelected } ?? 0
        let selectedEnd = lines.lastIndex { $0.2 == s.matchSelected } ?? 0
        let first = selectedEnd < height ? 0 : max(0, min(selectedLine - 1, lines.count - height))
        for (i, line) in lines.dropFirst(first).prefix(height).enumerated() {
            c.put(" " + line.0, x: 0, y: 2 + i, style: line.1, maxX: c.width)
        }
    }

    // MARK: Browse

    static func browse(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) {
        var x = 1
        c.put("By:", x: x, y: 1, style: Style(.muted)); x += 4
        for d in BrowseDimension.allCases {
            x = c.put(" \(d.title) ", x: x, y: 1, style: Style(d == s.browseDimension ? .chip : .normal, bold: d == s.browseDimension)) + 1
        }
        c.put("←/→ changes · Enter opens as a search", x: 1, y: 2, style: Style(.muted))
        let rows = ctx.browseRows(s.browseDimension)
        let first = firstVisible(selected: s.browseCursor, height: l.bodyHeight)
        for (i, row) in rows.enumerated().dropFirst(first).prefix(l.bodyHeight) {
            let y = l.bodyTop + i - first
            let selected = i == s.browseCursor
            let style = Style(selected ? .selected : .normal)
            if selected { c.fill(x: 0, y: y, width: c.width, height: 1, style: style) }
            let count = "\(row.count)"
            c.put((selected ? "▸ " : "  ") + ColumnWidth.truncate(row.label, to: c.width - 12), x: 1, y: y, style: style)
            c.put(count, x: c.width - ColumnWidth.of(count) - 2, y: y, style: style)
        }
    }

    // MARK: Shortlist

    static func shortlist(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext, _ l: Layout) {
        c.put(" \"\(s.shortlist.name)\" · \(s.shortlist.items.count) service\(s.shortlist.items.count == 1 ? "" : "s")"
              + (s.firstName.map { " · for \($0)" } ?? ""), x: 0, y: 1, style: Style(.heading, bold: true))
        c.put(" K/J move · e note · d remove · x handout · p print · N name · r save as · o open", x: 0, y: 2, style: Style(.muted), maxX: c.width)
        if s.shortlist.items.isEmpty {
            c.put("Nothing here yet. On any list, press s (or Space) to add the selected service.", x: 2, y: l.bodyTop + 1, style: Style(.muted))
            return
        }
        var y = l.bodyTop
        for (i, item) in s.shortlist.items.enumerated() {
            guard y < l.bodyTop + l.bodyHeight else { break }
            let selected = i == s.shortlistCursor
            let style = Style(selected ? .selected : .normal, bold: selected)
            if selected { c.fill(x: 0, y: y, width: c.width, height: 1, style: style) }
            if let doc = ctx.doc(id: item.serviceID) {
                let service = ctx.index.services[doc]
                c.put("\(i + 1). \(service.name) · \(ctx.index.organisationNames[doc])", x: 1, y: y, style: style, maxX: c.width - 1)
                y += 1
                let phone = service.phones.first.map { "☎ \($0.number)" } ?? service.email.map { "✉ \($0)" } ?? ""
                c.put("   " + phone + (item.note.isEmpty ? "" : "  · Note: \(item.note)"), x: 1, y: y, style: Style(.muted), maxX: c.width - 1)
            } else {
                c.put("\(i + 1). (no longer in this directory: \(item.serviceID))", x: 1, y: y, style: Style(.warning))
            }
            y += 1
        }
    }

    // MARK: Overlays

    static func box(_ c: inout Canvas, x: Int, y: Int, width: Int, height: Int, title: String) {
        c.fill(x: x, y: y, width: width, height: height, style: .normal)
        let h = String(repeating: "─", count: max(0, width - 2))
        c.put("┌" + h + "┐", x: x, y: y, style: Style(.border))
        c.put("└" + h + "┘", x: x, y: y + height - 1, style: Style(.border))
        for row in (y + 1)..<(y + height - 1) {
            c.put("│", x: x, y: row, style: Style(.border))
            c.put("│", x: x + width - 1, y: row, style: Style(.border))
        }
        if !title.isEmpty { c.put(" \(title) ", x: x + 2, y: y, style: Style(.heading, bold: true)) }
    }

    static func help(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        let w = min(c.width - 4, 76), h = c.height - 4
        let x = (c.width - w) / 2, y = 2
        box(&c, x: x, y: y, width: w, height: h, title: "Keys here (Esc closes; i about)")
        var context = s.keyContext
        if context == .help { context = s.screen == .search ? .search : s.screen == .needs ? .needsForm : s.screen == .browse ? .browse : .shortlist }
        var lines: [(String, String)] = []
        var seen = Set<String>()
        for b in KeyTable.visible(in: context) where seen.insert(b.label + b.help).inserted { lines.append((b.label, b.help)) }
        let first = min(s.helpScroll, max(0, lines.count - (h - 2)))
        for (i, line) in lines.dropFirst(first).prefix(h - 2).enumerated() {
            c.put(line.0, x: x + 2, y: y + 1 + i, style: Style(.hintKey, bold: true))
            c.put(line.1, x: x + 12, y: y + 1 + i, style: .normal, maxX: x + w - 1)
        }
    }

    static func about(_ c: inout Canvas, _ s: AppState, _ ctx: AppContext) {
        let w = min(c.width - 4, 72), h = min(c.height - 4, 16)
        let x = (c.width - w) / 2, y = 2
        box(&c, x: x, y: y, width: w, height: h, title: "About Waymark")
        var lines = ["Waymark \(ctx.version)", "Directory: \(ctx.directoryName)",
                     "\(ctx.index.count) services from \(ctx.organisations.count) organisations", ""]
        if ctx.isSample { lines += Wrap.lines(Workspace.sampleNotice, width: w - 4) }
        lines += ["", "Data in and out as Open Referral UK (HSDS-UK 3.0)."]
        for (i, l) in lines.prefix(h - 2).enumerated() {
            c.put(l, x: x + 2, y: y + 1 + i, style: i == 0 ? Style(.accent, bold: true) : (l.hasPrefix("SAMPLE") ? Style(.warning, bold: true) : .normal), maxX: x + w - 1)
        }
    }

    static func prompt(_ c: inout Canvas, _ p: Prompt) -> (x: Int, y: Int)? {
        let w = min(c.width - 4, 64)
        let h = p.choices.isEmpty ? 5 : 4 + p.choices.count
        let x = (c.width - w) / 2, y = max(1, (c.height - h) / 2)
        box(&c, x: x, y: y, width: w, height: h, title: "")
        c.put(p.title, x: x + 2, y: y + 1, style: Style(.accent, bold: true), maxX: x + w - 1)
        if p.choices.isEmpty {
            c.fill(x: x + 2, y: y + 3, width: w - 4, height: 1, style: Style(.fieldFocused))
            let (shown, col) = visibleField(p.field, width: w - 4)
            c.put(shown, x: x + 2, y: y + 3, style: Style(.fieldFocused))
            return (x + 2 + col, y + 3)
        }
        for (i, choice) in p.choices.enumerated() {
            let selected = i == p.choice
            c.put("\(i + 1). \(choice)", x: x + 3, y: y + 2 + i, style: Style(selected ? .selected : .normal), maxX: x + w - 1)
        }
        return nil
    }
}
