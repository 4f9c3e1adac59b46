import WaymarkCore

/// What happens outside `update`: slow or outside work whose result comes back as an event.
public enum Effect: Equatable, Sendable {
    case search(generation: Int)
    case match
    case saveShortlist
    case loadShortlist(String)
    case renameShortlist(from: String, to: String)
    case listShortlists
    case exportHandout(Handout.Format)
    case printHandout
}

public enum Event: Sendable {
    case key(Key)
    case searchDone(generation: Int, result: SearchResult)
    case matchDone(MatchResult)
    case shortlistLoaded(Shortlist)
    /// The list as the store holds it after a save, with other windows' edits merged in.
    case shortlistSaved(Shortlist)
    case shortlistNames([String])
    case message(String)
}

/// Layout shared by views and by mouse handling, so a click lands where the row is drawn.
public struct Layout {
    public let width: Int
    public let height: Int
    public var bodyTop: Int { 3 }
    public var bodyHeight: Int { max(1, height - 5) }
    public var listWidth: Int { width >= 110 ? width * 2 / 5 : width / 2 }
    public var detailX: Int { listWidth + 1 }
    public var detailWidth: Int { width - detailX }
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    public var tooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }
}

public enum Update {
    /// `update(state, event) -> (state, effects)`: the only place state changes.
    public static func update(_ state: AppState, _ event: Event, _ ctx: AppContext) -> (AppState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch event {
        case .searchDone(let generation, let result):
            guard generation == s.searchGeneration else { return (s, []) } // a stale search is dropped
            s.results = result.hits.map(\.doc)
            s.total = result.total
            s.facets = result.facets
            s.understood = result.understood.map { h in
                "\(h.words) → " + h.codes.sorted { $0.value > $1.value }.prefix(2).map { ctx.taxonomy.label($0.key).lowercased() }.joined(separator: ", ")
            }
            s.searchPending = false
            s.selected = min(s.selected, max(0, s.results.count - 1))
            s.detailScroll = 0
        case .matchDone(let r):
            s.match = r
            s.matchPending = false
            s.showingMatch = true
            s.matchSelected = 0
        case .shortlistLoaded(let list):
            s.shortlist = list
            s.shortlistCursor = 0
            s.message = "Opened shortlist \"\(list.name)\" (\(list.items.count) services)."
        case .shortlistSaved(let list):
            s.shortlist = list
            s.shortlistCursor = min(s.shortlistCursor, max(0, list.items.count - 1))
        case .shortlistNames(let names):
            if names.isEmpty { s.message = "No saved shortlists yet." } else {
                s.prompt = Prompt(kind: .openShortlist(names: names), title: "Open which shortlist?", field: TextField(), choices: names)
            }
        case .message(let m):
            s.message = m
        case .key(let key):
            effects = handle(key, &s, ctx)
        }
        return (s, effects)
    }

    static func handle(_ key: Key, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        if case .resize(let w, let h) = key {
            s.width = w; s.height = h
            return []
        }
        if key == .ctrl("c") { s.quit = true; return [] }
        if s.prompt != nil { return handlePrompt(key, &s, ctx) }
        if case .mouseClick(let x, let y) = key { return click(x: x, y: y, &s, ctx) }
        if key == .wheelUp { return handle(.up, &s, ctx) }
        if key == .wheelDown { return handle(.down, &s, ctx) }
        s.message = nil

        let action = KeyTable.action(for: key, in: s.keyContext, inTextField: s.inTextField)
        if s.showHelp || s.showAbout {
            switch action {
            case .back?, .help?, .quit?, .about?: s.showHelp = false; s.showAbout = false
            case .down?: s.helpScroll += 1
            case .up?: s.helpScroll = max(0, s.helpScroll - 1)
            case .pageDown?: s.helpScroll += 10
            case .pageUp?: s.helpScroll = max(0, s.helpScroll - 10)
            case .home?: s.helpScroll = 0
            default: break
            }
            return []
        }
        if let action, let effects = global(action, &s, ctx) { return effects }
        switch s.screen {
        case .search: return searchKey(key, action, &s, ctx)
        case .needs: return needsKey(key, action, &s, ctx)
        case .browse: return browseKey(action, &s, ctx)
        case .shortlist: return shortlistKey(action, &s, ctx)
        }
    }

    /// Actions that mean the same everywhere; nil lets the screen decide.
    static func global(_ action: Action, _ s: inout AppState, _ ctx: AppContext) -> [Effect]? {
        switch action {
        case .quit: s.quit = true; return []
        case .help: s.showHelp = true; s.helpScroll = 0; return []
        case .about: s.showAbout = true; return []
        case .needs: s.screen = .needs; s.showingMatch = s.match != nil && s.showingMatch; return []
        case .browse: s.screen = .browse; return []
        case .shortlist: s.screen = .shortlist; return []
        case .search: s.screen = .search; return []
        case .focusQuery: s.screen = .search; s.focus = .query; return []
        default: return nil
        }
    }

    static func researched(_ s: inout AppState) -> [Effect] {
        s.searchGeneration += 1
        s.searchPending = true
        s.selected = 0
        return [.search(generation: s.searchGeneration)]
    }

    // MARK: Search

    static func searchKey(_ key: Key, _ action: Action?, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        if s.focus == .query, action == nil {
            if key == .backspace, s.query.text.isEmpty { return removeLastChip(&s) }
            // A search for "?" means nothing; in an empty search line it asks for help.
            if key == .char("?"), s.query.text.isEmpty { s.showHelp = true; s.helpScroll = 0; return [] }
            let before = s.query.text
            if s.query.edit(key) { return s.query.text == before ? [] : researched(&s) }
            return []
        }
        let pageSize = max(1, Layout(width: s.width, height: s.height).bodyHeight - 1)
        switch action {
        case .back?:
            // Back one level: filters or detail → results; the search line → results (leaving the field).
            if s.focus != .results { s.focus = .results }
        case .open?:
            if s.focus == .query { s.focus = .results }
            else if s.focus == .results { s.focus = .detail }
            else if s.focus == .filters { return toggleFilter(&s, ctx) }
        case .nextPane?:
            s.focus = s.focus == .query ? .results : s.focus == .results ? .detail : s.focus == .detail ? .query : .query
        case .previousPane?:
            s.focus = s.focus == .query ? .detail : s.focus == .detail ? .results : .query
        case .down?:
            if s.focus == .query { s.focus = .results }
            else if s.focus == .detail { s.detailScroll += 1 }
            else if s.focus == .filters { s.filterCursor = nextFilterRow(s.filterCursor, +1, ctx) }
            else { s.selected = min(s.selected + 1, max(0, s.results.count - 1)); s.detailScroll = 0 }
        case .up?:
            if s.focus == .detail { s.detailScroll = max(0, s.detailScroll - 1) }
            else if s.focus == .filters { s.filterCursor = nextFilterRow(s.filterCursor, -1, ctx) }
            else if s.focus == .results, s.selected == 0 { s.focus = .query }
            else if s.focus == .results { s.selected -= 1; s.detailScroll = 0 }
        case .pageDown?:
            if s.focus == .detail { s.detailScroll += pageSize } else { s.selected = min(s.selected + pageSize, max(0, s.results.count - 1)) }
        case .pageUp?:
            if s.focus == .detail { s.detailScroll = max(0, s.detailScroll - pageSize) } else { s.selected = max(0, s.selected - pageSize) }
        case .home?: if s.focus == .filters { s.filterCursor = nextFilterRow(-1, 1, ctx) } else { s.selected = 0 }
        case .end?: if s.focus == .filters { s.filterCursor = ctx.filterRows.count - 1 } else { s.selected = max(0, s.results.count - 1) }
        case .toggleShortlist?: return toggleShortlist(selectedDoc(s), &s, ctx)
        case .toggleFilters?:
            s.focus = s.focus == .filters ? .results : .filters
            if s.focus == .filters, ctx.filterRows.indices.contains(s.filterCursor) == false || ctx.filterRows[s.filterCursor].isHeader {
                s.filterCursor = nextFilterRow(-1, 1, ctx)
            }
        case .toggleOption?: if s.focus == .filters { return toggleFilter(&s, ctx) }
        case .clearFilters?:
            s.filters = SearchFilters()
            s.filterPlace = nil
            s.message = "Filters cleared."
            return researched(&s)
        default: break
        }
        return []
    }

    static func selectedDoc(_ s: AppState) -> Int? { s.results.indices.contains(s.selected) ? s.results[s.selected] : nil }

    static func nextFilterRow(_ from: Int, _ step: Int, _ ctx: AppContext) -> Int {
        let rows = ctx.filterRows
        var i = from + step
        while rows.indices.contains(i), rows[i].isHeader { i += step }
        return rows.indices.contains(i) ? i : max(0, min(from, rows.count - 1))
    }

    static func toggleFilter(_ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        let rows = ctx.filterRows
        guard rows.indices.contains(s.filterCursor), let code = rows[s.filterCursor].code else { return [] }
        if code == "place" {
            s.prompt = Prompt(kind: .place, title: "Where does the person live? (town, village, part of Bath or postcode; empty clears)",
                              field: TextField(s.filterPlace ?? ""), choices: [])
            return []
        }
        if code == "age" {
            s.prompt = Prompt(kind: .age, title: "The person's age (empty clears):", field: TextField(s.filters.age.map(String.init) ?? ""), choices: [])
            return []
        }
        if code == "open-now" {
            s.filters.openAt = s.filters.openAt == nil ? ctx.now : nil
            return researched(&s)
        }
        guard let v = rows[s.filterCursor].vocabulary else { return [] }
        switch v {
        case .area: s.filters.area = s.filters.area == code ? nil : code
        case .condition: s.filters.conditions.toggle(code)
        case .function: s.filters.functions.toggle(code)
        case .transport: s.filters.transport.toggle(code)
        case .audience: s.filters.audience.toggle(code)
        case .referral: s.filters.referral.toggle(code)
        case .cost: s.filters.cost.toggle(code)
        case .eligibility: break
        }
        return researched(&s)
    }

    /// Active filters, as chips ("Keynsham ×"), in the order they are removed by Backspace.
    public static func chips(_ s: AppState, _ ctx: AppContext) -> [String] {
        var out: [String] = []
        if let place = s.filterPlace { out.append(place) } else if let a = s.filters.area { out.append(ctx.taxonomy.label(a)) }
        if let age = s.filters.age { out.append("Age \(age)") }
        for v in [Vocabulary.condition, .function, .transport, .audience, .referral, .cost] {
            out += s.filters.codes(v).map { ctx.taxonomy.label($0) }
        }
        if let p = s.filters.providers.first { out.append(ctx.organisations.first { $0.id == p }?.name ?? "provider") }
        if s.filters.openAt != nil { out.append("Open now") }
        return out
    }

    static func removeLastChip(_ s: inout AppState) -> [Effect] {
        if s.filters.openAt != nil { s.filters.openAt = nil }
        else if !s.filters.providers.isEmpty { s.filters.providers.removeAll() }
        else if !s.filters.cost.isEmpty { s.filters.cost.removeLast() }
        else if !s.filters.referral.isEmpty { s.filters.referral.removeLast() }
        else if !s.filters.audience.isEmpty { s.filters.audience.removeLast() }
        else if !s.filters.transport.isEmpty { s.filters.transport.removeLast() }
        else if !s.filters.functions.isEmpty { s.filters.functions.removeLast() }
        else if !s.filters.conditions.isEmpty { s.filters.conditions.removeLast() }
        else if s.filters.age != nil { s.filters.age = nil }
        else if s.filters.area != nil { s.filters.area = nil; s.filters.near = nil; s.filterPlace = nil }
        else { return [] }
        return researched(&s)
    }

    static func toggleShortlist(_ doc: Int?, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        guard let doc else { return [] }
        let service = ctx.index.services[doc]
        let had = s.shortlist.contains(service.id)
        s.shortlist.toggle(service.id)
        s.message = had ? "Taken off the shortlist: \(service.name)" : "Added to the shortlist: \(service.name) (\(s.shortlist.items.count) in all; l shows it)"
        s.shortlistCursor = min(s.shortlistCursor, max(0, s.shortlist.items.count - 1))
        return [.saveShortlist]
    }

    // MARK: Needs

    static let guidedSteps: [NeedsForm.Field] = [.text, .place, .age, .transport, .freeOnly]

    static func needsKey(_ key: Key, _ action: Action?, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        if s.showingMatch {
            let count = s.match?.suggestions.count ?? 0
            switch action {
            case .back?: s.showingMatch = false
            case .down?: s.matchSelected = min(s.matchSelected + 1, max(0, count - 1))
            case .up?: s.matchSelected = max(0, s.matchSelected - 1)
            case .pageDown?: s.matchSelected = min(s.matchSelected + 5, max(0, count - 1))
            case .pageUp?: s.matchSelected = max(0, s.matchSelected - 5)
            case .home?: s.matchSelected = 0
            case .end?: s.matchSelected = max(0, count - 1)
            case .toggleShortlist?: return toggleShortlist(s.match?.suggestions[safe: s.matchSelected]?.doc, &s, ctx)
            case .open?:
                if let doc = s.match?.suggestions[safe: s.matchSelected]?.doc {
                    s.screen = .search; s.focus = .detail
                    s.query = TextField(ctx.index.services[doc].name)
                    return researched(&s)
                }
            default: break
            }
            return []
        }
        switch action {
        case .runMatch?: return runMatch(&s)
        case .toggleGuided?:
            s.guided.toggle(); s.guidedStep = 0; s.needs.field = .text
            s.message = s.guided ? "Guided mode: one question at a time. ^G for the whole form." : "The whole form. ^G for one question at a time."
            return []
        case .nextPane?, .down?:
            return moveField(+1, &s)
        case .previousPane?, .up?: return moveField(-1, &s)
        case .back?:
            if s.guided, s.guidedStep > 0 { return moveField(-1, &s) }
            s.screen = .search
            return []
        case .open?:
            if s.needs.field == .place, let first = s.needs.placeSuggestions.first {
                s.needs.place = TextField(first); s.needs.placeSuggestions = []
                return moveField(+1, &s)
            }
            if s.guided, s.guidedStep < guidedSteps.count - 1 { return moveField(+1, &s) }
            if !s.guided, s.needs.field != .homeVisits, s.needs.field.rawValue < NeedsForm.Field.transport.rawValue { return moveField(+1, &s) }
            return runMatch(&s)
        case .toggleOption?: toggleOption(&s, forward: true); return []
        default: break
        }
        switch s.needs.field {
        case .text: _ = s.needs.text.edit(key)
        case .place:
            if s.needs.place.edit(key) {
                s.needs.placeSuggestions = ctx.gazetteer.lookup(s.needs.place.text, limit: 4).map { m in
                    m.how == .postcodeSector || m.how == .postcodeDistrict ? s.needs.place.text.uppercased() : m.place.name
                }
            }
        case .age:
            if case .char(let c) = key, !c.isNumber { s.message = "Age: digits only." } else { _ = s.needs.age.edit(key) }
        case .transport:
            if key == .left { toggleOption(&s, forward: false) } else if key == .right { toggleOption(&s, forward: true) }
            if case .char(let c) = key, let n = Int(String(c)), (1...4).contains(n) { s.needs.transport = NeedsProfile.Transport.allCases[n - 1] }
        default: break
        }
        return []
    }

    static func moveField(_ step: Int, _ s: inout AppState) -> [Effect] {
        s.needs.placeSuggestions = []
        if s.guided {
            s.guidedStep = max(0, min(guidedSteps.count - 1, s.guidedStep + step))
            s.needs.field = guidedSteps[s.guidedStep]
        } else {
            let all = NeedsForm.Field.allCases
            s.needs.field = all[max(0, min(all.count - 1, s.needs.field.rawValue + step))]
        }
        return []
    }

    static func toggleOption(_ s: inout AppState, forward: Bool) {
        switch s.needs.field {
        case .transport:
            let all: [NeedsProfile.Transport?] = [nil] + NeedsProfile.Transport.allCases
            let i = all.firstIndex(of: s.needs.transport) ?? 0
            s.needs.transport = all[(i + (forward ? 1 : all.count - 1)) % all.count]
        case .freeOnly: s.needs.freeOnly.toggle()
        case .remoteOK: s.needs.remoteOK.toggle()
        case .homeVisits: s.needs.homeVisits.toggle()
        default: break
        }
    }

    static func runMatch(_ s: inout AppState) -> [Effect] {
        let p = s.needs.profile
        guard !p.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            s.message = "First say what matters to the person, in their own words."
            s.needs.field = .text; s.guidedStep = 0
            return []
        }
        s.matchPending = true
        s.message = "Finding services…"
        return [.match]
    }

    // MARK: Browse

    static func browseKey(_ action: Action?, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        let rows = ctx.browseRows(s.browseDimension)
        switch action {
        case .browseNextDimension?, .nextPane?:
            s.browseDimension = BrowseDimension(rawValue: (s.browseDimension.rawValue + 1) % 4)!; s.browseCursor = 0
        case .browsePreviousDimension?, .previousPane?:
            s.browseDimension = BrowseDimension(rawValue: (s.browseDimension.rawValue + 3) % 4)!; s.browseCursor = 0
        case .down?: s.browseCursor = min(s.browseCursor + 1, max(0, rows.count - 1))
        case .up?: s.browseCursor = max(0, s.browseCursor - 1)
        case .pageDown?: s.browseCursor = min(s.browseCursor + 10, max(0, rows.count - 1))
        case .pageUp?: s.browseCursor = max(0, s.browseCursor - 10)
        case .home?: s.browseCursor = 0
        case .end?: s.browseCursor = max(0, rows.count - 1)
        case .back?: s.screen = .search
        case .open?:
            guard rows.indices.contains(s.browseCursor) else { return [] }
            let key = rows[s.browseCursor].key
            s.filters = SearchFilters()
            switch s.browseDimension {
            case .condition: s.filters.conditions = [key]
            case .function: s.filters.functions = [key]
            case .area: s.filters.area = key
            case .provider: s.filters.providers = [key]
            }
            s.query = TextField()
            s.screen = .search
            s.focus = .results
            return researched(&s)
        default: break
        }
        return []
    }

    // MARK: Shortlist

    static func shortlistKey(_ action: Action?, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        let n = s.shortlist.items.count
        switch action {
        case .down?: s.shortlistCursor = min(s.shortlistCursor + 1, max(0, n - 1))
        case .up?: s.shortlistCursor = max(0, s.shortlistCursor - 1)
        case .home?: s.shortlistCursor = 0
        case .end?: s.shortlistCursor = max(0, n - 1)
        case .back?: s.screen = .search
        case .moveItemUp?: s.shortlistCursor = s.shortlist.move(from: s.shortlistCursor, by: -1); return [.saveShortlist]
        case .moveItemDown?: s.shortlistCursor = s.shortlist.move(from: s.shortlistCursor, by: 1); return [.saveShortlist]
        case .removeItem?, .toggleShortlist?:
            guard s.shortlist.items.indices.contains(s.shortlistCursor) else { return [] }
            s.shortlist.items.remove(at: s.shortlistCursor)
            s.shortlistCursor = min(s.shortlistCursor, max(0, s.shortlist.items.count - 1))
            s.message = "Taken off the shortlist."
            return [.saveShortlist]
        case .editNote?:
            guard s.shortlist.items.indices.contains(s.shortlistCursor) else { return [] }
            s.prompt = Prompt(kind: .note(index: s.shortlistCursor), title: "Note for this service (e.g. ask for Sue):",
                              field: TextField(s.shortlist.items[s.shortlistCursor].note), choices: [])
        case .exportHandout?:
            guard n > 0 else { s.message = "The shortlist is empty: press s on a service to add it."; return [] }
            s.prompt = Prompt(kind: .exportFormat, title: "Write the handout as:", field: TextField(),
                              choices: Handout.Format.allCases.map(\.label))
        case .printHandout?:
            guard n > 0 else { s.message = "The shortlist is empty: press s on a service to add it."; return [] }
            return [.printHandout]
        case .firstName?:
            s.prompt = Prompt(kind: .firstName, title: "First name for the handout (optional, not saved):", field: TextField(s.firstName ?? ""), choices: [])
        case .renameShortlist?:
            s.prompt = Prompt(kind: .rename, title: "Save this shortlist as:", field: TextField(s.shortlist.name), choices: [])
        case .openShortlist?: return [.listShortlists]
        case .open?:
            guard let item = s.shortlist.items[safe: s.shortlistCursor], let doc = ctx.doc(id: item.serviceID) else { return [] }
            s.screen = .search; s.focus = .detail
            s.query = TextField(ctx.index.services[doc].name)
            return researched(&s)
        default: break
        }
        return []
    }

    static func handlePrompt(_ key: Key, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        guard var p = s.prompt else { return [] }
        switch key {
        case .escape: s.prompt = nil; return []
        case .up where !p.choices.isEmpty: p.choice = max(0, p.choice - 1); s.prompt = p; return []
        case .down where !p.choices.isEmpty: p.choice = min(p.choices.count - 1, p.choice + 1); s.prompt = p; return []
        case .char(let c) where !p.choices.isEmpty:
            if let n = Int(String(c)), p.choices.indices.contains(n - 1) { p.choice = n - 1; s.prompt = p; return handlePrompt(.enter, &s, ctx) }
            return []
        case .enter:
            s.prompt = nil
            let text = p.field.text.trimmingCharacters(in: .whitespaces)
            switch p.kind {
            case .note(let i):
                if s.shortlist.items.indices.contains(i) { s.shortlist.items[i].note = String(text.prefix(120)) }
                return [.saveShortlist]
            case .firstName:
                s.firstName = text.isEmpty ? nil : String(text.prefix(40))
                s.message = s.firstName.map { "The handout will say \"Services for \($0)\". The name is not saved." } ?? "No name on the handout."
                return []
            case .rename:
                guard !text.isEmpty, text != s.shortlist.name else { return [] }
                let old = s.shortlist.name
                s.shortlist.name = String(text.prefix(60))
                return [.renameShortlist(from: old, to: s.shortlist.name)]
            case .exportFormat:
                return [.exportHandout(Handout.Format.allCases[p.choice])]
            case .openShortlist(let names):
                return [.loadShortlist(names[p.choice])]
            case .place:
                if text.isEmpty { s.filterPlace = nil; s.filters.area = nil; s.filters.near = nil; return researched(&s) }
                guard let m = ctx.gazetteer.resolve(text) else {
                    s.message = "\"\(text)\" is not a place Waymark knows; try a town, village or postcode."
                    return []
                }
                s.filterPlace = m.how == .postcodeSector || m.how == .postcodeDistrict ? text.uppercased() : m.place.name
                s.filters.area = m.area
                s.filters.near = m.coordinate
                s.message = "Showing services for \(s.filterPlace!), with distances."
                return researched(&s)
            case .age:
                if text.isEmpty { s.filters.age = nil; return researched(&s) }
                guard let age = Int(text), (0...120).contains(age) else { s.message = "Age: a number from 0 to 120."; return [] }
                s.filters.age = age
                return researched(&s)
            }
        default:
            if p.choices.isEmpty { _ = p.field.edit(key) }
            s.prompt = p
            return []
        }
    }

    // MARK: Mouse

    static func click(x: Int, y: Int, _ s: inout AppState, _ ctx: AppContext) -> [Effect] {
        let layout = Layout(width: s.width, height: s.height)
        guard s.screen == .search, y >= layout.bodyTop, y < layout.bodyTop + layout.bodyHeight else { return [] }
        if x < layout.listWidth {
            let first = Views.firstVisible(selected: s.selected, height: layout.bodyHeight)
            let row = first + (y - layout.bodyTop)
            if s.results.indices.contains(row) { s.selected = row; s.focus = .results; s.detailScroll = 0 }
        } else {
            s.focus = .detail
        }
        return []
    }
}

extension Array where Element: Equatable {
    mutating func toggle(_ e: Element) {
        if let i = firstIndex(of: e) { remove(at: i) } else { append(e) }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
