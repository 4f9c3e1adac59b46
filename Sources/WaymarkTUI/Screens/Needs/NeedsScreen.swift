import WaymarkCore

/// The needs screen's own state: the form (whole, or one question at a time) and the suggestions.
public struct NeedsScreen: Sendable {
    /// What matters to the person, where they live, age, how they get about, preferences.
    public enum Field: Int, CaseIterable, Sendable { case text, place, age, transport, freeOnly, remoteOK, homeVisits, speaker }
    public enum Focus: Sendable { case form, list, detail }

    public var text = TextField()
    public var place = TextField()
    public var age = TextField()
    public var transport: NeedsProfile.Transport?
    public var freeOnly = false
    public var remoteOK = false
    public var homeVisits = false
    /// Who is speaking, when the words read it wrongly; nil goes by the words.
    public var speaker: Speaker?
    public var field: Field = .text
    /// Gazetteer matches for what is typed in the place field.
    public var placeSuggestions: [String] = []

    public var guided = false
    public var guidedStep = 0

    public var match: MatchResult?
    public var pending = false
    /// How many of each kind the suggestions on screen asked for: the list shows a page and asks
    /// for the next (the same `match.profile`) when the cursor reaches its end.
    public var limit = NeedsScreen.page
    /// Where the cursor goes when the suggestions on their way arrive.
    enum Arrival: Equatable, Sendable {
        /// A new match: the first suggestion.
        case first
        /// The next page: where it was, on the first of the rows the page adds.
        case kept
        /// End asked for the rest: the last row.
        case last
    }
    var arrival = Arrival.first
    /// True while a later page of the same match is on its way.
    var paging: Bool { pending && arrival != .first }
    public var focus: Focus = .form
    public var list = ListCursor()
    public var detail = ListCursor()

    public init() {}

    /// The questions guided mode asks, in order; the last holds the three ticks.
    static let guidedSteps: [Field] = [.text, .place, .age, .transport, .freeOnly]
    static let ticks: [Field] = [.freeOnly, .remoteOK, .homeVisits]

    var title: String { focus == .form ? "A person's needs" : "Suggestions" }

    var keyContext: KeyContext {
        switch focus {
        case .list: return .suggestions
        case .detail: return .suggestionDetail
        case .form:
            switch field {
            case .text, .place, .age: return guided ? .guidedText : .needsText
            case .transport: return guided ? .guidedTransport : .needsTransport
            case .freeOnly, .remoteOK, .homeVisits: return guided ? .guidedTicks : .needsTick
            case .speaker: return .needsSpeaker
            }
        }
    }

    public var profile: NeedsProfile {
        NeedsProfile(text: text.text, place: place.text.isEmpty ? nil : place.text, age: Int(age.text.trimmingCharacters(in: .whitespaces)),
                     transport: transport, freeOnly: freeOnly, remoteOK: remoteOK, wantsHomeVisits: homeVisits, speaker: speaker)
    }

    func ticked(_ f: Field) -> Bool {
        switch f {
        case .freeOnly: return freeOnly
        case .remoteOK: return remoteOK
        case .homeVisits: return homeVisits
        default: return false
        }
    }

    /// Suggestions (and near misses) asked for at a time: enough to fill a tall terminal, few
    /// enough that a directory of 100,000 answers at once.
    static let page = 50

    /// The two lists a match gives, each paged on its own.
    enum Kind: Equatable { case suggestions, nearMisses }

    /// A row of the suggestions list: a suggestion that fits, one that nearly does, or the row
    /// that stands for those of a kind not yet shown.
    enum Row: Equatable { case suggestion(Int), nearMiss(Int), more(Kind) }

    /// How many of a kind the match found but the page has not shown yet.
    func unshown(_ kind: Kind) -> Int {
        guard let m = match else { return 0 }
        switch kind {
        case .suggestions: return max(0, m.eligibleCount - m.suggestions.count)
        case .nearMisses: return max(0, m.nearMissCount - m.nearMisses.count)
        }
    }

    var rows: [Row] {
        guard let m = match else { return [] }
        return m.suggestions.indices.map(Row.suggestion) + (unshown(.suggestions) > 0 ? [.more(.suggestions)] : [])
            + m.nearMisses.indices.map(Row.nearMiss) + (unshown(.nearMisses) > 0 ? [.more(.nearMisses)] : [])
    }

    /// True when the cursor is on a row that stands for suggestions not yet shown.
    var onMore: Bool { if case .more? = rows[safe: list.selected] { return true } else { return false } }

    func doc(_ row: Row?) -> Int? {
        switch row {
        case .suggestion(let i)?: return match?.suggestions[safe: i]?.doc
        case .nearMiss(let i)?: return match?.nearMisses[safe: i]?.doc
        case .more?, nil: return nil
        }
    }

    var selectedDoc: Int? { doc(rows[safe: list.selected]) }

    /// The lines above the list: the safety notice first, then what was understood.
    func topLines(_ ctx: AppContext, width: Int) -> [StyledLine] {
        guard let r = match else { return [] }
        var out: [StyledLine] = []
        if let notice = r.safety {
            out.append(StyledLine("SAFETY FIRST: " + notice.kind.rawValue.replacingOccurrences(of: "-", with: " "), Style(.warning, bold: true)))
            for w in Wrap.lines(notice.message, width: width) { out.append(StyledLine(w, Style(.warning, bold: true))) }
            for contact in notice.contacts {
                for w in Wrap.lines("☎ \(contact.phone)  \(contact.name): \(contact.when)", width: width) { out.append(StyledLine(w, Style(.warning))) }
            }
        }
        for u in r.understoodLines(ctx.taxonomy) {
            // The command line's way to correct the speaker means nothing here; the form's does.
            let said = u.replacingOccurrences(of: "; correct with --speaker", with: " (Esc, then \"Who is speaking\" corrects it)")
            for w in Wrap.lines(said, width: width) { out.append(StyledLine(w, Style(.good))) }
        }
        if !r.unmet.isEmpty {
            for w in Wrap.lines("Nothing in the directory meets: " + r.unmet.map { ctx.taxonomy.label($0) }.joined(separator: ", "), width: width) {
                out.append(StyledLine(w, Style(.warning)))
            }
        }
        return out
    }

    struct Geometry {
        let top: Rect, list: Rect, detail: Rect
        init(_ l: Layout, topLines: Int) {
            // The notice and what was understood take what they need, but the list keeps at least four rows.
            let topHeight = min(topLines, max(0, l.height - 3 - 1 - 4 - 1))
            top = Rect(x: 1, y: 1, width: l.width - 2, height: topHeight)
            let y = 1 + topHeight + 1
            let w = l.listWidth(l.width)
            list = Rect(x: 0, y: y, width: w, height: l.height - 2 - y)
            detail = Rect(x: w + 1, y: y, width: l.width - w - 2, height: l.height - 2 - y)
        }
    }

    func geometry(_ ctx: AppContext, _ l: Layout) -> Geometry {
        Geometry(l, topLines: topLines(ctx, width: l.width - 2).count)
    }

    /// The pane beside the list: why it was suggested (or why it nearly fits), then the service.
    func detailLines(_ ctx: AppContext, now: LocalDateTime, width: Int) -> [StyledLine] {
        guard let m = match, let row = rows[safe: list.selected] else { return [] }
        var out: [StyledLine] = []
        switch row {
        case .suggestion(let i):
            let s = m.suggestions[i]
            out.append(StyledLine("Why it was suggested", Style(.heading, bold: true)))
            for r in s.reasons { for w in Wrap.lines("✓ " + r, width: width) { out.append(StyledLine(w, Style(.good))) } }
            for r in s.cautions { for w in Wrap.lines("! " + r, width: width) { out.append(StyledLine(w, Style(.warning, bold: true))) } }
        case .nearMiss(let i):
            out.append(StyledLine("Nearly fits: one rule fails", Style(.heading, bold: true)))
            for w in Wrap.lines("! " + m.nearMisses[i].fails, width: width) { out.append(StyledLine(w, Style(.warning, bold: true))) }
        case .more:
            out.append(StyledLine(pending ? "Finding the next \(NeedsScreen.page)…" : "Press Enter to see the next \(NeedsScreen.page).", Style(.accent)))
        }
        out.append(StyledLine(""))
        if let doc = doc(row) { out += ServiceLines.lines(doc, ctx, now: now, width: width) }
        return out
    }

    mutating func fit(_ ctx: AppContext, _ now: LocalDateTime, _ l: Layout) {
        let g = geometry(ctx, l)
        list.resize(count: rows.count, visible: g.list.height)
        if focus == .detail { detail.resize(count: detailLines(ctx, now: now, width: g.detail.width).count, visible: g.detail.height) }
    }
}
