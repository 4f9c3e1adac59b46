/// A selection in a list, or the top line of a scrolling pane, that clamps itself (lazygit's
/// `traits.ListCursor`): no handler can move it past either end, and `offset` keeps the
/// selection in view. Every list and scrolling pane uses one, with one page-size rule.
public struct ListCursor: Equatable, Sendable {
    public private(set) var selected = 0
    /// The first row shown.
    public private(set) var offset = 0
    public private(set) var count = 0
    /// Rows the pane shows at once.
    public private(set) var visible = 1
    /// A row that is drawn but never selected (a divider): moving steps over it.
    public private(set) var skip: Int?

    public init(count: Int = 0, visible: Int = 1) {
        self.count = max(0, count)
        self.visible = max(1, visible)
    }

    /// The one page-size rule: a page keeps one row of the last page in view.
    public static func pageSize(visible: Int) -> Int { max(1, visible - 1) }
    public var pageSize: Int { ListCursor.pageSize(visible: visible) }

    /// The list changed length or the pane changed height.
    public mutating func resize(count: Int, visible: Int, skip: Int? = nil) {
        self.count = max(0, count)
        self.visible = max(1, visible)
        self.skip = skip
        clamp()
    }

    public mutating func select(_ i: Int) { selected = i; clamp() }
    public mutating func move(_ step: Int) {
        let to = selected + step
        select(to == skip ? to + step.signum() : to)
    }
    public mutating func page(_ direction: Int) { move(direction * pageSize) }
    public mutating func home() { select(0) }
    public mutating func end() { select(count - 1) }

    /// For a scrolling pane: the selection is the top line, and the last page is as far as it goes.
    public mutating func scroll(_ step: Int) {
        offset = max(0, min(offset + step, maxOffset))
        selected = offset
    }
    public var maxOffset: Int { max(0, count - visible) }
    public var atEnd: Bool { offset >= maxOffset }

    /// Reacts to a moving action as a list; returns false for any other action.
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: page(-1)
        case .pageDown: page(1)
        case .home: home()
        case .end: end()
        default: return false
        }
        return true
    }

    /// Reacts to a moving action as a scrolling pane; returns false for any other action.
    public mutating func applyScroll(_ action: Action) -> Bool {
        switch action {
        case .up: scroll(-1)
        case .down: scroll(1)
        case .pageUp: scroll(-pageSize)
        case .pageDown: scroll(pageSize)
        case .home: scroll(-count)
        case .end: scroll(count)
        default: return false
        }
        return true
    }

    mutating func clamp() {
        selected = count == 0 ? 0 : max(0, min(selected, count - 1))
        if selected == skip { selected = selected + 1 < count ? selected + 1 : max(0, selected - 1) }
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        offset = max(0, min(offset, maxOffset))
        if count == 0 { offset = 0 }
    }
}
