import WaymarkCore

/// `update(state, event) -> (state, effects)`: the only place state changes. It routes a key
/// to the overlay or the current screen, and carries out what the screen asks for.
public enum Update {
    public static func update(_ state: AppState, _ event: Event, _ ctx: AppContext) -> (AppState, [Effect]) {
        var s = state
        var commands: [Command] = []
        switch event {
        case .key(let key): commands = handle(key, &s, ctx)
        case .searchDone(let generation, let result, let areaCounts):
            s.search.searched(generation, result, areaCounts: areaCounts, ctx)
        case .matchDone(let r):
            let nextPage = s.needs.paging
            s.needs.matched(r)
            var said = nextPage ? "Showing \(r.suggestions.count) of \(r.eligibleCount) that fit and \(r.nearMisses.count) of \(r.nearMissCount) that nearly fit."
                : r.suggestions.isEmpty ? "Nothing fits every rule; see what nearly fits." : "\(r.eligibleCount) suggestions. s adds one to the shortlist."
            // The search keeps to where the person lives, as `waymark search --place` does.
            if let name = r.placeName, let area = r.area {
                let place = PersonPlace(name: name, area: area, point: r.point)
                if s.person.place != place {
                    s.person.place = place
                    commands += s.search.place(place)
                    said += " Search now keeps to \(name)."
                }
            }
            commands.append(.message(Message(said, r.suggestions.isEmpty ? .problem : .done)))
        case .shortlistLoaded(let list):
            s.person = Person(shortlist: list)
            s.shortlist = ShortlistScreen()
            commands.append(.message(Message("Opened shortlist \"\(list.name)\" (\(list.items.count) services).", .done)))
        case .shortlistSaved(let list):
            s.person.shortlist = list
        case .shortlistNames(let names):
            if names.isEmpty { commands.append(.message(Message("No saved shortlists yet.", .problem))) } else {
                s.overlay = .prompt(Prompt(kind: .openShortlist(names: names), title: "Open which shortlist?", choices: names))
            }
        case .handoutWritten(let path):
            s.person.handoutPath = path
            commands.append(.message(Message("Handout written; where it went is on the shortlist screen.", .done)))
        case .handoutPrinted(let path, let m):
            s.person.handoutPath = path
            commands.append(.message(m))
        case .freshShortlistNamed(let name):
            // Only the new person's still-empty list takes the name; it is saved under it from now on.
            guard s.person.shortlist.items.isEmpty, s.person.shortlist.note.isEmpty, s.person.shortlist.privateNote.isEmpty else { break }
            s.person.shortlist.name = name
            commands.append(.effect(.saveShortlist(s.person.shortlist)))
        case .saveAsRefused(let from, let to, let m):
            if s.person.shortlist.name == to { s.person.shortlist.name = from }
            commands.append(.message(m))
        case .message(let m): s.message = m
        case .tick(let now): s.now = now
        }
        let effects = run(commands, &s, ctx)
        fit(&s, ctx)
        return (s, effects)
    }

    /// Sizes every cursor to the screen as it is now (after a resize, a search, a new list).
    static func fit(_ s: inout AppState, _ ctx: AppContext) {
        // Only the screen on show: another is fitted when it is shown, before its next key.
        var screen = s.current
        screen.fit(Env(person: s.person, givenBy: s.givenBy, ctx: ctx, now: s.now, layout: s.layout))
        s.current = screen
        if case .help(var cursor)? = s.overlay {
            let r = View.helpRect(s.layout)
            cursor.resize(count: View.helpLines(s.current.keyContext, width: r.width - 16).count, visible: r.height - 2)
            s.overlay = .help(cursor)
        }
    }

    static func handle(_ key: Key, _ s: inout AppState, _ ctx: AppContext) -> [Command] {
        if case .resize(let w, let h) = key {
            s.width = w
            s.height = h
            return []
        }
        let context = s.keyContext
        let action = KeyTable.action(for: key, in: context)
        if action == .quit { return [.quit] }
        // While the window is too small, nothing but q and Ctrl-C does anything.
        if context == .tooSmall { return [] }
        if case .mouseClick(let x, let y) = key {
            if s.overlay == nil, s.screen == .search { s.search.click(x: x, y: y, s.layout) }
            return []
        }
        if key == .wheelUp { return handle(.up, &s, ctx) }
        if key == .wheelDown { return handle(.down, &s, ctx) }
        s.message = nil
        if let overlay = s.overlay { return overlayKey(overlay, key, action, &s, ctx) }
        switch action {
        case .help?: return [.overlay(.help(ListCursor()))]
        case .about?: return [.overlay(.about)]
        case .goSearch?: return [.go(.search)]
        case .goNeeds?: return [.go(.needs)]
        case .goBrowse?: return [.go(.browse)]
        case .goShortlist?: return [.go(.shortlist)]
        case .focusQuery? where s.screen != .search: return [.go(.search)]
        case .newPerson?:
            return [.overlay(.prompt(Prompt(kind: .confirmNewPerson, title: "New person: clear the form, the shortlist and its notes?",
                                            choices: ["Yes, start afresh (the list is kept under its name)", "No, keep working"])))]
        case .undo?: return undo(&s)
        default: break
        }
        var env = Env(person: s.person, givenBy: s.givenBy, ctx: ctx, now: s.now, layout: s.layout)
        var screen = s.current
        let commands = screen.update(Input(key: key, action: action), &env)
        s.current = screen
        s.person = env.person
        return commands
    }

    static func undo(_ s: inout AppState) -> [Command] {
        guard let last = s.person.undo.popLast() else { return [.message(Message("Nothing to undo on the shortlist.", .problem))] }
        s.person.shortlist = last.list
        return [.message(Message("Undone: \(last.said).", .done)), .effect(.saveShortlist(last.list))]
    }

    static func overlayKey(_ overlay: Overlay, _ key: Key, _ action: Action?, _ s: inout AppState, _ ctx: AppContext) -> [Command] {
        switch overlay {
        case .help(var cursor):
            switch action {
            case .back?, .help?: s.overlay = nil
            case .about?: s.overlay = .about
            case let a? where cursor.applyScroll(a):
                s.overlay = .help(cursor)
            default: break
            }
            return []
        case .about:
            if action == .back || action == .help || action == .about { s.overlay = nil }
            return []
        case .prompt(var p):
            switch action {
            case .back?:
                s.overlay = nil
                if case .startChoice = p.kind { return startAfresh(&s, keep: true) }
                return []
            case .up? where !p.choices.isEmpty: p.choice = max(0, p.choice - 1)
            case .down? where !p.choices.isEmpty: p.choice = min(p.choices.count - 1, p.choice + 1)
            case .choose(let n)? where p.choices.indices.contains(n - 1):
                p.choice = n - 1
                s.overlay = nil
                return answer(p, &s, ctx)
            case .open?:
                s.overlay = nil
                return answer(p, &s, ctx)
            default:
                if p.choices.isEmpty { p.field.take(key, action) }
            }
            s.overlay = .prompt(p)
            return []
        }
    }

    /// What an answer in a box does.
    static func answer(_ p: Prompt, _ s: inout AppState, _ ctx: AppContext) -> [Command] {
        let text = p.field.text.trimmingCharacters(in: .whitespaces)
        switch p.kind {
        case .note(let i):
            guard s.person.shortlist.items.indices.contains(i) else { return [] }
            s.person.remember("changed a note")
            s.person.shortlist.items[i].note = String(text.prefix(120))
            return [.message(Message(text.isEmpty ? "Note removed · u undoes" : "Note saved · u undoes", .done)), .effect(.saveShortlist(s.person.shortlist))]
        case .privateNote(let i):
            guard s.person.shortlist.items.indices.contains(i) else { return [] }
            s.person.remember("changed a private note")
            s.person.shortlist.items[i].privateNote = String(text.prefix(240))
            return [.message(Message(text.isEmpty ? "Private note removed · u undoes" : "Private note saved (never printed) · u undoes", .done)),
                    .effect(.saveShortlist(s.person.shortlist))]
        case .listNote:
            s.person.remember("changed the list's note")
            s.person.shortlist.note = String(text.prefix(240))
            return [.message(Message(text.isEmpty ? "List note removed · u undoes" : "List note saved: it goes at the top of the handout · u undoes", .done)),
                    .effect(.saveShortlist(s.person.shortlist))]
        case .listPrivateNote:
            s.person.remember("changed the list's private note")
            s.person.shortlist.privateNote = String(text.prefix(240))
            return [.message(Message(text.isEmpty ? "Private list note removed · u undoes" : "Private list note saved (never printed) · u undoes", .done)),
                    .effect(.saveShortlist(s.person.shortlist))]
        case .givenBy:
            guard !text.isEmpty else {
                let forget = s.givenByKept
                s.givenBy = nil
                s.givenByKept = false
                return [.message(Message("No \"given to you by\" on the handout" + (forget ? "; it is no longer kept on this computer." : ".")))]
                    + (forget ? [.effect(.keepGivenBy(nil))] : [])
            }
            let typed = String(text.prefix(Handout.givenByLimit))
            s.givenBy = typed
            return [.overlay(.prompt(Prompt(kind: .keepGivenBy(typed), title: "Handouts will end \"Given to you by \(typed).\" Keep this for next time?",
                                            choices: ["Only for now: not stored", "Keep it on this computer (a file only you can read)"])))]
        case .keepGivenBy(let typed):
            guard p.choice == 1 else {
                s.givenByKept = false
                return [.message(Message("Handouts will say \"Given to you by \(typed).\" Not stored.", .done))]
            }
            s.givenByKept = true
            return [.message(Message("Kept on this computer: handouts will say \"Given to you by \(typed).\"", .done)), .effect(.keepGivenBy(typed))]
        case .firstName:
            s.person.firstName = text.isEmpty ? nil : String(text.prefix(40))
            return [.message(Message(s.person.firstName.map { "The handout will say \"Services for \($0)\". The name is not saved." } ?? "No name on the handout."))]
        case .rename:
            guard !text.isEmpty, text != s.person.shortlist.name else { return [] }
            let old = s.person.shortlist.name
            s.person.shortlist.name = String(text.prefix(60))
            return [.effect(.saveShortlistAs(s.person.shortlist, from: old))]
        case .exportFormat:
            let format = Handout.Format.allCases[p.choice]
            s.person.handoutFormat = format
            return [.message(Message("Writing the handout…")),
                    .effect(.exportHandout(HandoutRequest(format: format, shortlist: s.person.shortlist, firstName: s.person.firstName, givenBy: s.givenBy)))]
        case .openShortlist(let names):
            return [.effect(.loadShortlist(names[p.choice]))]
        case .place, .age:
            return s.search.answer(p.kind, text, ctx)
        case .confirmNewPerson:
            return p.choice == 0 ? startAfresh(&s, keep: false) : [.message(Message("Kept everything as it was."))]
        case .startChoice:
            return startAfresh(&s, keep: p.choice == 0)
        }
    }

    /// A fresh start for the next person: an empty form, a new empty list, no notes or name.
    /// The previous list stays saved under its own name; `keep` continues it instead.
    static func startAfresh(_ s: inout AppState, keep: Bool) -> [Command] {
        if keep { return [.message(Message("Continuing \"\(s.person.shortlist.name)\".", .done))] }
        let guided = s.needs.guided
        // Named by the store straight after (`nameFreshShortlist`), so it never takes a saved list's name.
        s.person = Person(shortlist: Shortlist(name: "List \(s.now.date.longText)"))
        s.needs = NeedsScreen()
        s.needs.guided = guided
        s.search = SearchScreen()
        s.shortlist = ShortlistScreen()
        s.backStack = []
        s.screen = guided ? .needs : .search
        return [.message(Message("A fresh start: the form, the shortlist and its notes are empty.", .done)),
                .effect(.nameFreshShortlist)] + s.search.researched()
    }

    /// Carries out what screens asked for; returns the effects for the program to run.
    static func run(_ commands: [Command], _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        var effects: [Effect] = []
        for command in commands {
            switch command {
            case .effect(let e): effects.append(e)
            case .message(let m): s.message = m
            case .go(let screen): go(screen, &s)
            case .back:
                if let previous = s.backStack.popLast() { s.screen = previous }
                else if s.screen == .search { s.search.focus = .query }
                else { s.screen = .search }
            case .overlay(let o): s.overlay = o
            case .searchWith(let filters):
                go(.search, &s)
                s.search.filters = filters
                s.search.filterPlace = nil
                s.search.query = TextField()
                s.search.focus = .results
                effects += s.search.researched().compactMap { if case .effect(let e) = $0 { return e }; return nil }
            case .quit: s.quit = true
            }
        }
        return effects
    }

    /// Goes to a screen, remembering where from, so Esc comes back.
    static func go(_ screen: ScreenID, _ s: inout AppState) {
        if screen == .search, s.screen == .search { s.search.focus = .query; return }
        guard screen != s.screen else { return }
        s.backStack.removeAll { $0 == screen }
        s.backStack.append(s.screen)
        s.screen = screen
        if screen == .search { s.search.focus = .query }
    }
}
