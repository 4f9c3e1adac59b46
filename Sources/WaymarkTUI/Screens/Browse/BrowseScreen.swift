import WaymarkCore

public enum BrowseDimension: Int, CaseIterable, Sendable {
    case condition, function, area, provider
    public var title: String { ["Condition", "What it does", "Area", "Provider"][rawValue] }
}

/// Browse: the directory as trees, by condition, function, area or provider.
public struct BrowseScreen: Sendable {
    public var dimension: BrowseDimension = .condition
    public var list = ListCursor()
    public init() {}

    var title: String { "Browse" }
    var keyContext: KeyContext { .browse }

    static func listRect(_ l: Layout) -> Rect { Rect(x: 0, y: 4, width: l.width, height: l.height - 6) }

    mutating func fit(_ ctx: AppContext, _ l: Layout) {
        list.resize(count: ctx.browseRows(dimension).count, visible: BrowseScreen.listRect(l).height)
    }
}

extension BrowseScreen: ScreenModel {
    mutating func fit(_ env: Env) { fit(env.ctx, env.layout) }

    mutating func update(_ input: Input, _ env: inout Env) -> [Command] {
        guard let action = input.action else { return [] }
        if list.apply(action) { return [] }
        switch action {
        case .right, .nextPane:
            dimension = BrowseDimension(rawValue: (dimension.rawValue + 1) % 4)!
            list = ListCursor()
        case .left, .previousPane:
            dimension = BrowseDimension(rawValue: (dimension.rawValue + 3) % 4)!
            list = ListCursor()
        case .back: return [.back]
        case .focusQuery: return [.go(.search)]
        case .open:
            guard let row = env.ctx.browseRows(dimension)[safe: list.selected] else { return [] }
            var filters = SearchFilters()
            switch dimension {
            case .condition: filters.conditions = [row.key]
            case .function: filters.functions = [row.key]
            case .area: filters.area = row.key
            case .provider: filters.providers = [row.key]
            }
            return [.searchWith(filters)]
        default: break
        }
        return []
    }

    func view(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)? {
        var x = c.put(" By: ", x: 0, y: 1, style: Style(.muted))
        for d in BrowseDimension.allCases {
            x = c.put(" \(d.title) ", x: x, y: 1, style: Style(d == dimension ? .chip : .normal, bold: d == dimension), maxX: c.width) + 1
        }
        c.put(" ←/→ another way to browse · Enter opens the branch as a search", x: 0, y: 2, style: Style(.muted), maxX: c.width)
        let r = BrowseScreen.listRect(env.layout)
        let rows = env.ctx.browseRows(dimension)
        Pane.title(&c, dimension.title, Rect(x: 0, y: 3, width: c.width, height: 1), focused: true, right: rows.isEmpty ? "" : "\(list.selected + 1)/\(rows.count) ")
        Pane.list(&c, count: rows.count, r, list, focused: true) { (" " + rows[$0].label, "\(rows[$0].count) ", Style.normal) }
        return nil
    }
}
