import WaymarkCore

extension NeedsScreen {
    func view(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        if focus != .form, match != nil { suggestions(&c, env); return nil }
        return guided ? guidedForm(&c, env) : form(&c, env)
    }

    static let labels: [Field: String] = [
        .text: "What matters to them", .place: "Where they live", .age: "Age in years", .transport: "Getting about",
        .freeOnly: "Free services only", .remoteOK: "Phone or online is fine", .homeVisits: "Would like home visits",
        .speaker: "Who is speaking",
    ]

    static func speakerLabel(_ s: Speaker?) -> String {
        switch s {
        case nil: return "as their words say"
        case .person?: return "the person themselves"
        case .carer?: return "a carer"
        case .parent?: return "a parent"
        case .professional?: return "a worker, for a client"
        }
    }

    static func transportLabel(_ t: NeedsProfile.Transport?) -> String {
        switch t {
        case nil: return "not asked"
        case .car?: return "drives (car)"
        case .bus?: return "uses the bus"
        case .noCar?: return "no car"
        case .housebound?: return "housebound"
        }
    }

    static let transportKeys = "←/→ or 1 drives · 2 bus · 3 no car · 4 housebound"

    func form(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        c.put(" Tell Waymark about the person. Their words matter most; the rest is optional.", x: 0, y: 1, style: Style(.muted), maxX: c.width)
        let labelWidth = 26
        var y = 3
        var cursor: (x: Int, y: Int)?
        let x = labelWidth
        let w = c.width - labelWidth - 2
        for f in Field.allCases {
            guard y < env.layout.statusY - 1 else { break }
            let focused = f == field
            c.put((focused ? "▶ " : "  ") + (NeedsScreen.labels[f] ?? ""), x: 0, y: y, style: Style(focused ? .accent : .normal, bold: focused), maxX: labelWidth - 1)
            switch f {
            case .text, .place, .age:
                let tf = f == .text ? text : f == .place ? place : age
                if let at = Pane.field(&c, tf, x: x, y: y, width: f == .age ? 5 : w, focused: focused) { cursor = at }
                if f == .place {
                    if focused, !placeSuggestions.isEmpty {
                        y += 1
                        c.put("→ " + placeSuggestions.joined(separator: " · ") + "  (Enter takes the first)", x: x, y: y, style: Style(.muted), maxX: c.width)
                    } else if let known = NeedsScreen.placeLabel(place.text, env.ctx), let m = env.ctx.gazetteer.resolve(place.text) {
                        y += 1
                        c.put("✓ \(known), \(env.ctx.taxonomy.label(m.area))", x: x, y: y, style: Style(.good), maxX: c.width)
                    } else if !place.text.isEmpty {
                        y += 1
                        c.put("? not a place Waymark knows; check the spelling or try a postcode", x: x, y: y, style: Style(.warning), maxX: c.width)
                    }
                }
            case .transport:
                c.put("◂ \(NeedsScreen.transportLabel(transport)) ▸", x: x, y: y, style: Style(focused ? .fieldFocused : .normal))
                if focused { y += 1; c.put(NeedsScreen.transportKeys, x: x, y: y, style: Style(.muted), maxX: c.width) }
            case .freeOnly, .remoteOK, .homeVisits:
                c.put(ticked(f) ? "[x]" : "[ ]", x: x, y: y, style: Style(focused ? .fieldFocused : .normal))
                if focused { c.put(" Space ticks", x: x + 4, y: y, style: Style(.muted)) }
            case .speaker:
                c.put("◂ \(NeedsScreen.speakerLabel(speaker)) ▸", x: x, y: y, style: Style(focused ? .fieldFocused : .normal))
                if focused { y += 1; c.put("←/→ corrects who is speaking, when the words read it wrongly", x: x, y: y, style: Style(.muted), maxX: c.width) }
            }
            y += 2
        }
        if pending { c.put("Finding services…", x: labelWidth, y: min(y, env.layout.statusY - 1), style: Style(.accent)) }
        return cursor
    }

    static func placeLabel(_ typed: String, _ ctx: AppContext) -> String? {
        let typed = typed.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, let m = ctx.gazetteer.resolve(typed) else { return nil }
        return m.how == .postcodeDistrict || m.how == .postcodeSector ? typed.uppercased() : m.place.name
    }

    static let questions: [Field: (String, String)] = [
        .text: ("What matters to them?", "Write it in their own words, for example: \"my mum keeps forgetting things\"."),
        .place: ("Where do they live?", "A town, village, part of Bath, or a postcode."),
        .age: ("How old are they, in years?", "Digits only. Leave it empty if you don't know."),
        .transport: ("How do they get about?", "Press 1 drives, 2 uses the bus, 3 no car or bus, 4 can't leave home."),
        .freeOnly: ("Anything else?", "Tick as many as fit: press 1, 2 or 3, or ↑/↓ and Space."),
    ]

    func guidedForm(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        let step = NeedsScreen.guidedSteps[guidedStep]
        let (q, help) = NeedsScreen.questions[step] ?? ("", "")
        c.put(" Question \(guidedStep + 1) of \(NeedsScreen.guidedSteps.count)", x: 0, y: 1, style: Style(.muted))
        c.put(q, x: 3, y: 3, style: Style(.accent, bold: true), maxX: c.width - 2)
        for (i, line) in Wrap.lines(help, width: c.width - 6).prefix(2).enumerated() { c.put(line, x: 3, y: 4 + i, style: Style(.muted)) }
        var cursor: (x: Int, y: Int)?
        let y = 7
        switch step {
        case .text, .place, .age:
            let tf = step == .text ? text : step == .place ? place : age
            c.put("›", x: 1, y: y, style: Style(.accent, bold: true))
            cursor = Pane.field(&c, tf, x: 3, y: y, width: c.width - 6, focused: true)
            if step == .place, !placeSuggestions.isEmpty {
                for (i, line) in Wrap.lines("Did you mean: " + placeSuggestions.joined(separator: ", ") + "? (Enter takes the first)", width: c.width - 6).prefix(2).enumerated() {
                    c.put(line, x: 3, y: y + 2 + i, style: Style(.muted))
                }
            }
        case .transport:
            for (i, t) in NeedsProfile.Transport.allCases.enumerated() {
                let on = transport == t
                c.put("\(i + 1)  \(on ? "(•)" : "( )") \(NeedsScreen.transportLabel(t))", x: 5, y: y + i, style: Style(on ? .good : .normal, bold: on))
            }
        default:
            for (i, f) in NeedsScreen.ticks.enumerated() {
                let focused = field == f
                c.put("\(i + 1)  \(ticked(f) ? "[x]" : "[ ]") \(NeedsScreen.labels[f] ?? "")", x: 5, y: y + i,
                      style: Style(focused ? .fieldFocused : (ticked(f) ? .good : .normal), bold: focused))
            }
        }
        c.put(guidedStep == NeedsScreen.guidedSteps.count - 1 ? "Press Enter to see services that fit." : "Press Enter for the next question; Esc goes back.",
              x: 3, y: min(env.layout.statusY - 1, y + 6), style: Style(.accent), maxX: c.width - 1)
        return cursor
    }

    func suggestions(_ c: inout Canvas, _ env: ViewEnv) {
        guard let m = match else { return }
        let ctx = env.ctx
        let top = topLines(ctx, width: env.layout.width - 2)
        let g = Geometry(env.layout, topLines: top.count)
        for (i, line) in top.prefix(g.top.height).enumerated() { c.put(line.text, x: g.top.x, y: g.top.y + i, style: line.style, maxX: g.top.x + g.top.width) }
        if top.count > g.top.height { c.put("…", x: c.width - 2, y: g.top.y + g.top.height - 1, style: Style(.muted)) }
        let titleY = g.list.y - 1
        let all = rows
        let listTitle = "Suggestions \(m.eligibleCount)" + (m.nearMissCount == 0 ? "" : " · nearly \(m.nearMissCount)")
        Pane.title(&c, listTitle, Rect(x: 0, y: titleY, width: g.list.width, height: 1), focused: focus == .list,
                   right: all.isEmpty ? "" : "\(list.selected + 1)/\(all.count) ")
        let numberWidth = String(all.count).count
        Pane.list(&c, count: all.count, g.list, list, focused: focus == .list) { i in
            func star(_ doc: Int) -> String { env.person.shortlist.contains(ctx.index.services[doc].id) ? "★" : " " }
            switch all[i] {
            case .suggestion(let i):
                let doc = m.suggestions[i].doc
                let n = String(m.suggestions[i].rank)
                let padded = String(repeating: " ", count: max(0, numberWidth - n.count)) + n
                return ("\(star(doc))\(padded). \(ctx.index.services[doc].name)", ServiceLines.marks(doc, near: m.point, ctx, now: env.now, short: g.list.width < 60), .normal)
            case .nearMiss(let i):
                let doc = m.nearMisses[i].doc
                return ("\(star(doc))\(String(repeating: " ", count: numberWidth))~ \(ctx.index.services[doc].name)", "nearly ", Style(.muted))
            case .more(let kind):
                return ("  … \(self.unshown(kind)) more \(kind == .suggestions ? "that fit" : "that nearly fit"): Enter", "", Style(.accent))
            }
        }
        if all.isEmpty { c.put("No service fits every rule.", x: 1, y: g.list.y, style: Style(.warning)) }
        for y in titleY..<(g.list.y + g.list.height) { c.put("│", x: g.list.width, y: y, style: Style(.border)) }
        let lines = detailLines(ctx, now: env.now, width: g.detail.width)
        var at = detail
        at.resize(count: lines.count, visible: g.detail.height)
        let mark = Pane.scrolling(&c, lines, g.detail, at)
        Pane.title(&c, "Why, and the service", Rect(x: g.detail.x, y: titleY, width: g.detail.width, height: 1), focused: focus == .detail, right: mark)
    }
}
