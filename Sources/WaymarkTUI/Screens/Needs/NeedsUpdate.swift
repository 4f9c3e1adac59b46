import WaymarkCore

extension NeedsScreen: ScreenModel {
    mutating func fit(_ env: Env) { fit(env.ctx, env.now, env.layout) }

    mutating func update(_ input: Input, _ env: inout Env) -> [Command] {
        switch focus {
        case .form: return formKey(input, env.ctx)
        case .list, .detail: return resultsKey(input.action, &env)
        }
    }

    mutating func resultsKey(_ action: Action?, _ env: inout Env) -> [Command] {
        guard let action else { return [] }
        if focus == .detail, detail.applyScroll(action) { return [] }
        if focus == .list, list.apply(action) {
            detail = ListCursor()
            // A move made while the rest is on its way is where the person wants to be.
            if pending, arrival == .last, action != .end { arrival = .kept }
            // Reaching the end of a page asks for the next, as a long list would scroll on; End
            // asks for all the rest, and lands on the last row when they arrive.
            return onMore ? more(toEnd: action == .end) : []
        }
        switch action {
        case .open where focus == .list && onMore:
            return more()
        // Enter opens the suggestion beside the list, keeping the list.
        case .open: focus = .detail
        case .nextPane, .previousPane: focus = focus == .list ? .detail : .list
        case .back:
            if focus == .detail { focus = .list } else { focus = .form }
        case .toggleShortlist:
            guard let doc = selectedDoc else { return [] }
            let said = env.person.toggle(env.ctx.index.services[doc])
            return [.message(said), .effect(.saveShortlist(env.person.shortlist))]
        default: break
        }
        return []
    }

    mutating func formKey(_ input: Input, _ ctx: AppContext) -> [Command] {
        switch input.action {
        case .runMatch?: return run()
        case .toggleGuided?:
            guided.toggle()
            guidedStep = 0
            field = .text
            return [.message(Message(guided ? "Guided mode: one question at a time. ^G for the whole form." : "The whole form. ^G for one question at a time."))]
        case .nextPane?: return moveField(1)
        case .previousPane?: return moveField(-1)
        case .down?:
            if guided, field.isTick { return moveTick(1) }
            return moveField(1)
        case .up?:
            if guided, field.isTick { return moveTick(-1) }
            return moveField(-1)
        case .back?:
            if guided, guidedStep > 0 { return moveField(-1) }
            if match != nil { focus = .list; return [] }
            return [.back]
        case .open?:
            if field == .place, let first = placeSuggestions.first {
                place = TextField(first)
                placeSuggestions = []
                return moveField(1)
            }
            if guided, guidedStep < NeedsScreen.guidedSteps.count - 1 { return moveField(1) }
            if !guided, field.rawValue < Field.transport.rawValue { return moveField(1) }
            return run()
        case .toggleOption?:
            toggle(field)
            return []
        case .left?, .right? where field == .transport:
            stepTransport(input.action == .right ? 1 : -1)
            return []
        case .left?, .right? where field == .speaker:
            stepSpeaker(input.action == .right ? 1 : -1)
            return []
        case .choose(let n)? where field == .transport:
            transport = NeedsProfile.Transport.allCases[safe: n - 1]
            return []
        case .choose(let n)? where field.isTick:
            // Guided "Anything else?": each of the three can be ticked by its number.
            guard let f = NeedsScreen.ticks[safe: n - 1] else { return [] }
            field = f
            toggle(f)
            return []
        default: break
        }
        switch field {
        case .text: text.take(input.key, input.action)
        case .place:
            if place.take(input.key, input.action) {
                placeSuggestions = ctx.gazetteer.lookup(place.text, limit: 4).map { m in
                    m.how == .postcodeSector || m.how == .postcodeDistrict ? place.text.uppercased() : m.place.name
                }
            }
        case .age:
            // Only digits go in; anything else is said, never silently dropped.
            if input.action == nil, case .char(let c) = input.key, !c.isASCII || !c.isNumber {
                return [.message(Message("Age in years: digits only, so \"\(c)\" was not added.", .problem))]
            }
            age.take(input.key, input.action)
        default: break
        }
        return []
    }

    mutating func moveField(_ step: Int) -> [Command] {
        placeSuggestions = []
        if guided {
            guidedStep = max(0, min(NeedsScreen.guidedSteps.count - 1, guidedStep + step))
            field = NeedsScreen.guidedSteps[guidedStep]
        } else {
            let all = Field.allCases
            field = all[max(0, min(all.count - 1, field.rawValue + step))]
        }
        return []
    }

    /// Guided "Anything else?": ↑/↓ move among its three ticks.
    mutating func moveTick(_ step: Int) -> [Command] {
        let i = NeedsScreen.ticks.firstIndex(of: field) ?? 0
        let next = i + step
        if next < 0 { return moveField(-1) }
        field = NeedsScreen.ticks[min(NeedsScreen.ticks.count - 1, next)]
        return []
    }

    mutating func toggle(_ f: Field) {
        switch f {
        case .freeOnly: freeOnly.toggle()
        case .remoteOK: remoteOK.toggle()
        case .homeVisits: homeVisits.toggle()
        case .transport: stepTransport(1)
        case .speaker: stepSpeaker(1)
        default: break
        }
    }

    mutating func stepSpeaker(_ step: Int) {
        let all: [Speaker?] = [nil] + Speaker.allCases
        let i = all.firstIndex(of: speaker) ?? 0
        speaker = all[(i + step + all.count) % all.count]
    }

    mutating func stepTransport(_ step: Int) {
        let all: [NeedsProfile.Transport?] = [nil] + NeedsProfile.Transport.allCases
        let i = all.firstIndex(of: transport) ?? 0
        transport = all[(i + step + all.count) % all.count]
    }

    mutating func run() -> [Command] {
        let p = profile
        guard !p.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            field = .text
            guidedStep = 0
            return [.message(Message("First say what matters to the person, in their own words.", .problem))]
        }
        pending = true
        arrival = .first
        limit = NeedsScreen.page
        return [.message(Message("Finding services…")), .effect(.match(p, limit: limit))]
    }

    /// The next page of the same match: the same profile, a larger limit. To the end, the limit
    /// is every suggestion and near miss the match counted.
    mutating func more(toEnd: Bool = false) -> [Command] {
        guard !pending, let m = match else { return [] }
        pending = true
        arrival = toEnd ? .last : .kept
        let all = max(m.eligibleCount, m.nearMissCount)
        limit = toEnd ? max(limit, all) : limit + NeedsScreen.page
        let said = toEnd ? "Finding the rest, to the last…" : "Finding the next \(NeedsScreen.page)…"
        return [.message(Message(said)), .effect(.match(m.profile, limit: limit))]
    }

    /// The suggestions arrived: show them, the first selected, the form kept behind them. A next
    /// page keeps the cursor where it was, on the first of the rows it adds; the rest asked for by
    /// End selects the last row.
    mutating func matched(_ r: MatchResult) {
        match = r
        pending = false
        switch arrival {
        case .first:
            list = ListCursor()
            focus = .list
        // A later page leaves the focus where the person put it: back at the form, it stays there.
        case .kept: break
        case .last:
            list.resize(count: rows.count, visible: list.visible)
            list.end()
        }
        arrival = .first
        detail = ListCursor()
    }
}

extension NeedsScreen.Field {
    var isTick: Bool { [.freeOnly, .remoteOK, .homeVisits].contains(self) }
}
