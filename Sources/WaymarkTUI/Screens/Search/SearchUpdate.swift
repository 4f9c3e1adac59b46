import WaymarkCore

extension SearchScreen: ScreenModel {
    mutating func fit(_ env: Env) { fit(env.ctx, env.now, env.layout) }

    mutating func update(_ input: Input, _ env: inout Env) -> [Command] {
        switch focus {
        case .query: return queryKey(input, &env)
        case .results, .detail:
            // fzf: a printable key that is not a command here goes to the search line.
            if input.action == nil, case .char = input.key {
                focus = .query
                return queryKey(input, &env)
            }
            return listKey(input.action, &env)
        case .filters: return filterKey(input.action, env.ctx, env.now)
        }
    }

    mutating func queryKey(_ input: Input, _ env: inout Env) -> [Command] {
        switch input.action {
        case .down?, .open?, .nextPane?:
            focus = .results
            return []
        case .previousPane?:
            focus = .detail
            return []
        case .back?:
            focus = .results
            return []
        case .toggleFilters?:
            return openFilters(env.ctx)
        case .removeChip?:
            if query.text.isEmpty { return removeLastChip() }
            return query.take(input.key, .deleteBack) ? researched() : []
        default:
            return query.take(input.key, input.action) ? researched() : []
        }
    }

    mutating func listKey(_ action: Action?, _ env: inout Env) -> [Command] {
        guard let action else { return [] }
        if focus == .detail {
            if detail.applyScroll(action) { return [] }
        } else if action == .up, list.selected == 0 {
            focus = .query
            return []
        } else if list.apply(action) {
            detail = ListCursor()
            return []
        }
        switch action {
        case .open: focus = .detail
        case .nextPane: focus = focus == .results ? .detail : .query
        case .previousPane: focus = focus == .detail ? .results : .query
        case .focusQuery: focus = .query
        case .back:
            if focus == .detail { focus = .results } else { return [.back] }
        case .toggleShortlist:
            guard let doc = selectedDoc else { return [] }
            let said = env.person.toggle(env.ctx.index.services[doc])
            return [.message(said), .effect(.saveShortlist(env.person.shortlist))]
        case .toggleFilters: return openFilters(env.ctx)
        case .clearFilters: return clearFilters()
        default: break
        }
        return []
    }

    /// Opens the filter panel; its area counts need a search of their own (they are dear, so only now).
    mutating func openFilters(_ ctx: AppContext) -> [Command] {
        focus = .filters
        if ctx.filterRows[safe: filterCursor.selected]?.isHeader != false { moveFilter(1, ctx) }
        let keep = list
        let commands = researched()
        list = keep
        return commands
    }

    /// Moves among the filter rows, stepping over headings.
    mutating func moveFilter(_ step: Int, _ ctx: AppContext) {
        let rows = ctx.filterRows
        let before = filterCursor.selected
        filterCursor.move(step)
        while rows[safe: filterCursor.selected]?.isHeader == true {
            let at = filterCursor.selected
            filterCursor.move(step > 0 ? 1 : -1)
            if filterCursor.selected == at { filterCursor.select(before); break }
        }
    }

    mutating func filterKey(_ action: Action?, _ ctx: AppContext, _ now: LocalDateTime) -> [Command] {
        switch action {
        case .up?: moveFilter(-1, ctx)
        case .down?: moveFilter(1, ctx)
        case .pageUp?: moveFilter(-filterCursor.pageSize, ctx)
        case .pageDown?: moveFilter(filterCursor.pageSize, ctx)
        case .home?: filterCursor.home(); moveFilter(1, ctx)
        case .end?: filterCursor.end()
        case .back?, .toggleFilters?: focus = .results
        case .open?, .toggleOption?: return toggleFilter(ctx, now)
        case .clearFilters?: return clearFilters()
        default: break
        }
        return []
    }

    mutating func researched() -> [Command] {
        generation += 1
        pending = true
        list.home()
        detail = ListCursor()
        return [.effect(.search(SearchRequest(generation: generation, text: query.text, filters: filters, areaCounts: focus == .filters)))]
    }

    mutating func clearFilters() -> [Command] {
        filters = SearchFilters()
        filterPlace = nil
        return [.message(Message("Filters cleared.", .done))] + researched()
    }

    mutating func toggleFilter(_ ctx: AppContext, _ now: LocalDateTime) -> [Command] {
        guard let row = ctx.filterRows[safe: filterCursor.selected], let code = row.code else { return [] }
        switch code {
        case "place":
            return [.overlay(.prompt(Prompt(kind: .place, title: "Where does the person live? Town, village, part of Bath or postcode (empty clears)",
                                            field: TextField(filterPlace ?? ""))))]
        case "age":
            return [.overlay(.prompt(Prompt(kind: .age, title: "The person's age in years (empty clears):", field: TextField(filters.age.map(String.init) ?? ""))))]
        case "open-now":
            filters.openAt = filters.openAt == nil ? now : nil
            return researched()
        default: break
        }
        guard let v = row.vocabulary else { return [] }
        switch v {
        case .area:
            filters.area = filters.area == code ? nil : code
            filterPlace = nil
            filters.near = nil
        case .condition: filters.conditions.toggle(code)
        case .function: filters.functions.toggle(code)
        case .transport: filters.transport.toggle(code)
        case .audience: filters.audience.toggle(code)
        case .referral: filters.referral.toggle(code)
        case .cost: filters.cost.toggle(code)
        case .eligibility: break
        }
        return researched()
    }

    /// Places the search where the person lives: a chip, distances, and only services that serve them.
    mutating func place(_ p: PersonPlace?) -> [Command] {
        filterPlace = p?.name
        filters.area = p?.area
        filters.near = p?.point
        return researched()
    }

    /// Answers to the place and age questions.
    mutating func answer(_ kind: Prompt.Kind, _ text: String, _ ctx: AppContext) -> [Command] {
        switch kind {
        case .place:
            if text.isEmpty { return place(nil) }
            guard let m = ctx.gazetteer.resolve(text) else {
                return [.message(Message("\"\(text)\" is not a place Waymark knows; try a town, village or postcode.", .problem))]
            }
            let name = m.how == .postcodeSector || m.how == .postcodeDistrict ? text.uppercased() : m.place.name
            return [.message(Message("Showing services for \(name), with distances.", .done))]
                + place(PersonPlace(name: name, area: m.area, point: m.coordinate))
        case .age:
            if text.isEmpty { filters.age = nil; return researched() }
            guard let age = Int(text), (0...120).contains(age) else {
                return [.message(Message("Age in years: a whole number from 0 to 120 (\"\(text)\" is not).", .problem))]
            }
            filters.age = age
            return researched()
        default: return []
        }
    }

    /// Active filters, as chips ("Keynsham ×"), in the order Backspace removes them (last first).
    func chips(_ ctx: AppContext) -> [String] {
        var out: [String] = []
        if let place = filterPlace { out.append(place) } else if let a = filters.area { out.append(ctx.taxonomy.label(a)) }
        if let age = filters.age { out.append("Age \(age)") }
        for v in [Vocabulary.condition, .function, .transport, .audience, .referral, .cost] {
            out += filters.codes(v).map { ctx.taxonomy.label($0) }
        }
        if let p = filters.providers.first { out.append(ctx.organisations.first { $0.id == p }?.name ?? "provider") }
        if filters.openAt != nil { out.append("Open now") }
        return out
    }

    mutating func removeLastChip() -> [Command] {
        if filters.openAt != nil { filters.openAt = nil }
        else if !filters.providers.isEmpty { filters.providers.removeAll() }
        else if !filters.cost.isEmpty { filters.cost.removeLast() }
        else if !filters.referral.isEmpty { filters.referral.removeLast() }
        else if !filters.audience.isEmpty { filters.audience.removeLast() }
        else if !filters.transport.isEmpty { filters.transport.removeLast() }
        else if !filters.functions.isEmpty { filters.functions.removeLast() }
        else if !filters.conditions.isEmpty { filters.conditions.removeLast() }
        else if filters.age != nil { filters.age = nil }
        else if filters.area != nil { filters.area = nil; filters.near = nil; filterPlace = nil }
        else { return [] }
        return researched()
    }

    /// A finished search; a stale one (an older generation) is dropped.
    mutating func searched(_ generation: Int, _ result: SearchResult, areaCounts: [String: Int], _ ctx: AppContext) {
        guard generation == self.generation else { return }
        results = result.hits.map(\.doc)
        total = result.total
        related = result.related
        facets = result.facets
        self.areaCounts = areaCounts
        understood = result.understood.map { h in
            "\(h.words) → " + h.codes.sorted { $0.value > $1.value }.prefix(2).map { ctx.taxonomy.label($0.key).lowercased() }.joined(separator: ", ")
        }
        pending = false
    }

    /// A click on a result selects it; a click on the pane beside focuses it.
    mutating func click(x: Int, y: Int, _ l: Layout) {
        let g = Geometry(l)
        guard y >= g.list.y, y < g.list.y + g.list.height else { return }
        if x < g.list.width {
            let row = list.offset + (y - g.list.y)
            if row < rows, resultIndex(row) != nil { list.select(row); focus = .results; detail = ListCursor() }
        } else { focus = .detail }
    }
}
