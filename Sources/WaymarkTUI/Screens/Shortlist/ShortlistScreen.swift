import WaymarkCore

/// The shortlist: the services chosen for this person, each with its note, and the detail of one beside them.
public struct ShortlistScreen: Sendable {
    public enum Focus: Sendable { case list, detail }
    public var focus: Focus = .list
    public var list = ListCursor()
    public var detail = ListCursor()
    public init() {}

    var title: String { "Shortlist" }
    var keyContext: KeyContext { focus == .list ? .shortlist : .shortlistDetail }

    struct Geometry {
        let list: Rect, detail: Rect, footer: Rect
        init(_ l: Layout, footerLines: Int) {
            let w = l.listWidth(l.width)
            let footerHeight = min(footerLines, 6)
            let bodyHeight = l.height - 6 - footerHeight
            list = Rect(x: 0, y: 4, width: w, height: bodyHeight)
            detail = Rect(x: w + 1, y: 4, width: l.width - w - 2, height: bodyHeight)
            footer = Rect(x: 1, y: 4 + bodyHeight, width: l.width - 2, height: footerHeight)
        }
    }

    /// Where the last handout went, wrapped whole: a volunteer must be able to read the path.
    /// The list's own notes come first: the one for the person, then the navigator's private one;
    /// then how the handout will end ("Given to you by …"), so the navigator sees it before writing.
    static func footer(_ person: Person, givenBy: String?, width: Int) -> [StyledLine] {
        let list = person.shortlist
        var out: [StyledLine] = []
        if !list.note.isEmpty { out += Wrap.lines("List note: " + list.note, width: width).prefix(1).map { StyledLine($0, Style(.accent)) } }
        if !list.privateNote.isEmpty { out += Wrap.lines("List: " + privateLabel + list.privateNote, width: width).prefix(1).map { StyledLine($0, Style(.warning)) } }
        if let givenBy { out += Wrap.lines("Handout ends: Given to you by \(givenBy).", width: width).prefix(1).map { StyledLine($0, Style(.muted)) } }
        guard let path = person.handoutPath else { return out }
        return out + [StyledLine("Last handout written to:", Style(.good, bold: true))]
            + Wrap.lines(path, width: width).map { StyledLine($0, Style(.good)) }
    }

    static func geometry(_ person: Person, givenBy: String?, _ l: Layout) -> Geometry {
        Geometry(l, footerLines: footer(person, givenBy: givenBy, width: l.width - 2).count)
    }

    /// How a navigator's own note is labelled wherever it shows: it never reaches a handout.
    static let privateLabel = "Private, not printed: "

    /// The marks at the end of a row: ✎ a note for the person, P a private note.
    static func marks(_ item: Shortlist.Item) -> String {
        let m = (item.note.isEmpty ? "" : "✎") + (item.privateNote.isEmpty ? "" : "P")
        return m.isEmpty ? "" : m + " "
    }

    func selectedDoc(_ person: Person, _ ctx: AppContext) -> Int? {
        person.shortlist.items[safe: list.selected].flatMap { ctx.doc(id: $0.serviceID) }
    }

    func detailLines(_ person: Person, _ ctx: AppContext, now: LocalDateTime, width: Int) -> [StyledLine] {
        guard let item = person.shortlist.items[safe: list.selected] else { return [] }
        var out: [StyledLine] = []
        if !item.note.isEmpty {
            for w in Wrap.lines("Note: " + item.note, width: width) { out.append(StyledLine(w, Style(.accent, bold: true))) }
        }
        if !item.privateNote.isEmpty {
            for w in Wrap.lines(ShortlistScreen.privateLabel + item.privateNote, width: width) { out.append(StyledLine(w, Style(.warning))) }
        }
        if !item.note.isEmpty || !item.privateNote.isEmpty { out.append(StyledLine("")) }
        guard let doc = ctx.doc(id: item.serviceID) else {
            return out + [StyledLine("No longer in this directory: \(item.serviceID)", Style(.warning, bold: true))]
        }
        return out + ServiceLines.lines(doc, ctx, now: now, width: width)
    }

    mutating func fit(_ person: Person, givenBy: String?, _ ctx: AppContext, _ now: LocalDateTime, _ l: Layout) {
        let g = ShortlistScreen.geometry(person, givenBy: givenBy, l)
        list.resize(count: person.shortlist.items.count, visible: g.list.height)
        if focus == .detail { detail.resize(count: detailLines(person, ctx, now: now, width: g.detail.width).count, visible: g.detail.height) }
    }
}
