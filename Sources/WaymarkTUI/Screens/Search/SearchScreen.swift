import WaymarkCore

/// The search screen's own state: the search line, its filters, the results and the pane beside them.
public struct SearchScreen: Sendable {
    public enum Focus: Sendable { case query, results, detail, filters }
    public var query = TextField()
    public var focus: Focus = .query
    public var filters = SearchFilters()
    /// The place chosen in the filter panel (or from the person's needs), as the gazetteer names it.
    public var filterPlace: String?
    public var results: [Int] = []
    public var total = 0
    /// Results below the divider: matched only loosely, not counted in `total` (`SearchResult.related`).
    public var related = 0
    public var facets: [String: Int] = [:]
    /// For each area, how many results ticking it gives (services serving all of B&NES pass too).
    public var areaCounts: [String: Int] = [:]
    public var understood: [String] = []
    public var list = ListCursor()
    public var detail = ListCursor()
    public var filterCursor = ListCursor()
    public var generation = 0
    public var pending = false

    public init() {}

    public var selectedDoc: Int? { resultIndex(list.selected).flatMap { results[safe: $0] } }

    /// The list row of the divider between the found and the related results, when there are both.
    var divider: Int? { total > 0 && related > 0 ? results.count - related : nil }
    /// Rows in the results list: every result, and the divider.
    var rows: Int { results.count + (divider == nil ? 0 : 1) }
    /// Which result a list row shows; nil for the divider.
    func resultIndex(_ row: Int) -> Int? {
        guard let d = divider else { return row }
        return row == d ? nil : (row < d ? row : row - 1)
    }

    var title: String { "Search" }
    /// The line between the found and the related results, as `waymark search` draws it.
    static let dividerRow = "── related: matched loosely ──"

    var keyContext: KeyContext {
        switch focus {
        case .query: return .searchLine
        case .results: return .results
        case .detail: return .detail
        case .filters: return .filters
        }
    }

    /// Where each part goes.
    struct Geometry {
        let list: Rect, detail: Rect
        init(_ l: Layout) {
            let w = l.listWidth(l.width)
            list = Rect(x: 0, y: 4, width: w, height: l.height - 6)
            detail = Rect(x: w + 1, y: 4, width: l.width - w - 2, height: l.height - 6)
        }
    }

    /// Sizes the cursors to the lists and panes as they are now.
    mutating func fit(_ ctx: AppContext, _ now: LocalDateTime, _ l: Layout) {
        let g = Geometry(l)
        list.resize(count: rows, visible: g.list.height, skip: divider)
        // Wrapping a whole card is the dearest thing here: only when the pane has the keyboard.
        if focus == .detail {
            let lines = selectedDoc.map { ServiceLines.lines($0, ctx, now: now, width: g.detail.width).count } ?? 0
            detail.resize(count: lines, visible: g.detail.height)
        }
        filterCursor.resize(count: ctx.filterRows.count, visible: g.detail.height - 1)
    }
}
