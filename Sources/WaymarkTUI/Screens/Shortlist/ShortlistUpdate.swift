import WaymarkCore

extension ShortlistScreen: ScreenModel {
    mutating func fit(_ env: Env) { fit(env.person, givenBy: env.givenBy, env.ctx, env.now, env.layout) }

    mutating func update(_ input: Input, _ env: inout Env) -> [Command] {
        guard let action = input.action else { return [] }
        if focus == .detail, detail.applyScroll(action) { return [] }
        if focus == .list, list.apply(action) { detail = ListCursor(); return [] }
        let list = env.person.shortlist
        let empty = Message("The shortlist is empty: press s on a service to add it.", .problem)
        switch action {
        case .open, .nextPane, .previousPane: focus = focus == .list ? .detail : .list
        case .back:
            if focus == .detail { focus = .list } else { return [.back] }
        case .focusQuery: return [.go(.search)]
        case .moveItemUp, .moveItemDown:
            guard list.items.indices.contains(self.list.selected) else { return [] }
            env.person.remember("moved a service")
            let to = env.person.shortlist.move(from: self.list.selected, by: action == .moveItemUp ? -1 : 1)
            self.list.select(to)
            return [.message(Message("Moved to number \(to + 1) · u undoes", .done)), .effect(.saveShortlist(env.person.shortlist))]
        case .removeItem:
            guard let item = list.items[safe: self.list.selected] else { return [] }
            let name = env.ctx.doc(id: item.serviceID).map { env.ctx.index.services[$0].name } ?? item.serviceID
            env.person.remember("took \(name) off")
            env.person.shortlist.items.remove(at: self.list.selected)
            return [.message(Message("Taken off the shortlist: \(name) · u puts it back", .done)), .effect(.saveShortlist(env.person.shortlist))]
        case .editNote:
            guard let item = list.items[safe: self.list.selected] else { return [.message(empty)] }
            return [.overlay(.prompt(Prompt(kind: .note(index: self.list.selected), title: "A note for the person on this service (e.g. ask for Sue):",
                                            field: TextField(item.note))))]
        case .editPrivateNote:
            guard let item = list.items[safe: self.list.selected] else { return [.message(empty)] }
            return [.overlay(.prompt(Prompt(kind: .privateNote(index: self.list.selected),
                                            title: "A private note for you on this service (private: not printed on any handout):",
                                            field: TextField(item.privateNote))))]
        case .editListNote:
            return [.overlay(.prompt(Prompt(kind: .listNote, title: "A note for the person on the whole list (printed at the top of the handout):",
                                            field: TextField(list.note))))]
        case .editListPrivateNote:
            return [.overlay(.prompt(Prompt(kind: .listPrivateNote, title: "A private note for you on the whole list (private: not printed on any handout):",
                                            field: TextField(list.privateNote))))]
        case .givenBy:
            return [.overlay(.prompt(Prompt(kind: .givenBy, title: "Handouts end \"Given to you by …\": your name, role, organisation (optional; empty for none):",
                                            field: TextField(env.givenBy ?? ""))))]
        case .exportHandout:
            guard !list.items.isEmpty else { return [.message(empty)] }
            return [.overlay(.prompt(Prompt(kind: .exportFormat, title: "Write the handout as:", choices: Handout.Format.allCases.map(\.label))))]
        case .printHandout:
            guard !list.items.isEmpty else { return [.message(empty)] }
            let format = env.person.handoutFormat
            return [.message(Message("Printing the \(format.label) handout…")),
                    .effect(.printHandout(HandoutRequest(format: format, shortlist: list, firstName: env.person.firstName, givenBy: env.givenBy)))]
        case .firstName:
            return [.overlay(.prompt(Prompt(kind: .firstName, title: "First name for the handout (optional, not saved):", field: TextField(env.person.firstName ?? ""))))]
        case .renameShortlist:
            return [.overlay(.prompt(Prompt(kind: .rename, title: "Save this shortlist as:", field: TextField(list.name))))]
        case .openShortlist: return [.effect(.listShortlists)]
        default: break
        }
        return []
    }

    func view(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        let person = env.person
        let list = person.shortlist
        c.put(" \"\(list.name)\" · \(list.items.count) service\(list.items.count == 1 ? "" : "s")" + (person.firstName.map { " · for \($0)" } ?? ""),
              x: 0, y: 1, style: Style(.heading, bold: true), maxX: c.width)
        let g = ShortlistScreen.geometry(person, givenBy: env.givenBy, env.layout)
        Pane.title(&c, "Services", Rect(x: 0, y: 3, width: g.list.width, height: 1), focused: focus == .list,
                   right: list.items.isEmpty ? "" : "\(self.list.selected + 1)/\(list.items.count) ")
        for y in 3..<(g.list.y + g.list.height) { c.put("│", x: g.list.width, y: y, style: Style(.border)) }
        if list.items.isEmpty {
            for (i, line) in Wrap.lines("Nothing here yet. On any list, press s to add the selected service.", width: g.list.width - 2).enumerated() {
                c.put(line, x: 1, y: g.list.y + i, style: Style(.muted))
            }
        } else {
            let width = String(list.items.count).count
            Pane.list(&c, count: list.items.count, g.list, self.list, focused: focus == .list) { i in
                let item = list.items[i]
                let n = String(i + 1)
                let number = String(repeating: " ", count: width - n.count) + n + ". "
                guard let doc = env.ctx.doc(id: item.serviceID) else { return (number + "(gone: \(item.serviceID))", "", Style(.warning)) }
                return (number + env.ctx.index.services[doc].name, ShortlistScreen.marks(item), .normal)
            }
        }
        let lines = detailLines(person, env.ctx, now: env.now, width: g.detail.width)
        var at = detail
        at.resize(count: lines.count, visible: g.detail.height)
        let mark = Pane.scrolling(&c, lines, g.detail, at)
        Pane.title(&c, "Detail", Rect(x: g.detail.x, y: 3, width: g.detail.width, height: 1), focused: focus == .detail, right: mark)
        for (i, line) in ShortlistScreen.footer(person, givenBy: env.givenBy, width: g.footer.width).prefix(g.footer.height).enumerated() {
            c.put(line.text, x: g.footer.x, y: g.footer.y + i, style: line.style, maxX: g.footer.x + g.footer.width)
        }
        return nil
    }
}
