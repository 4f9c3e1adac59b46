import WaymarkCore

public enum ScreenID: String, Sendable, CaseIterable {
    case search, needs, browse, shortlist
}

/// What covers the screen for a moment. Only one can be open, so "help over a prompt" cannot be represented.
public enum Overlay: Equatable, Sendable {
    case help(ListCursor)
    case about
    case prompt(Prompt)
}

/// A line in the status bar, with what kind of news it is.
public struct Message: Equatable, Sendable {
    public enum Kind: Sendable { case info, done, problem }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// What every screen shares about the person being helped: their shortlist (with its undo
/// history), the name on the handout, where the last handout went, and where they live.
public struct Person: Equatable, Sendable {
    public var shortlist: Shortlist
    /// Earlier versions of the shortlist, newest last: `u` restores the last one.
    public var undo: [(list: Shortlist, said: String)] = []
    public var firstName: String?
    public var handoutPath: String?
    /// The handout format chosen last: `p` prints that one.
    public var handoutFormat: Handout.Format = .text
    /// Where the person lives, once the needs screen has placed them: search shows distances and keeps to their area.
    public var place: PersonPlace?

    public static let undoDepth = 20

    public init(shortlist: Shortlist) { self.shortlist = shortlist }

    public static func == (a: Person, b: Person) -> Bool {
        a.shortlist == b.shortlist && a.firstName == b.firstName && a.handoutPath == b.handoutPath && a.place == b.place
            && a.handoutFormat == b.handoutFormat
            && a.undo.map(\.list) == b.undo.map(\.list)
    }

    /// Records the list as it was before a change, so `u` can bring it back.
    mutating func remember(_ said: String) {
        undo.append((shortlist, said))
        if undo.count > Person.undoDepth { undo.removeFirst() }
    }

    /// Adds or takes off a service; the message always says which.
    mutating func toggle(_ service: Service) -> Message {
        let had = shortlist.contains(service.id)
        remember(had ? "took \(service.name) off" : "added \(service.name)")
        shortlist.toggle(service.id)
        return had ? Message("Taken off the shortlist: \(service.name) · u puts it back", .done)
            : Message("Added to the shortlist: \(service.name) (\(shortlist.items.count) in all) · u undoes", .done)
    }
}

public struct PersonPlace: Equatable, Sendable {
    public var name: String
    public var area: String
    public var point: Coordinate?
}

/// The whole interface as one value: `Update` makes the next one, `View` draws it. It routes;
/// each screen keeps its own state in its own folder under Screens/.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var screen: ScreenID = .search
    /// Where Esc goes back to: the screens visited before this one.
    public var backStack: [ScreenID] = []
    public var overlay: Overlay?
    public var message: Message?
    public var quit = false
    /// The clock, moved on once a minute, so "open now" stays true in a long session.
    public var now: LocalDateTime

    public var person: Person
    /// Who gives the handouts (the navigator, not the person): it stays for the next person.
    public var givenBy: String?
    /// Whether `givenBy` is the one kept in the settings file (the navigator asked for it).
    public var givenByKept = false
    public var search = SearchScreen()
    public var needs = NeedsScreen()
    public var browse = BrowseScreen()
    public var shortlist = ShortlistScreen()

    public init(width: Int, height: Int, now: LocalDateTime, shortlist: Shortlist = Shortlist(name: "My shortlist"), guided: Bool = false) {
        self.width = width
        self.height = height
        self.now = now
        person = Person(shortlist: shortlist)
        needs.guided = guided
        if guided { screen = .needs }
    }

    public var layout: Layout { Layout(width: width, height: height) }

    /// Where the keyboard is now.
    public var keyContext: KeyContext {
        if layout.tooSmall { return .tooSmall }
        switch overlay {
        case .help?: return .help
        case .about?: return .about
        case .prompt(let p)?: return p.keyContext
        case nil: return current.keyContext
        }
    }

    /// The screen being shown. Adding a screen is a folder under Screens/ and one line in
    /// each half of this switch, which the compiler checks.
    var current: any ScreenModel {
        get {
            switch screen {
            case .search: return search
            case .needs: return needs
            case .browse: return browse
            case .shortlist: return shortlist
            }
        }
        set {
            switch newValue {
            case let m as SearchScreen: search = m
            case let m as NeedsScreen: needs = m
            case let m as BrowseScreen: browse = m
            case let m as ShortlistScreen: shortlist = m
            default: break
            }
        }
    }
}

/// What a screen is: its own state, update and view (a bubbletea sub-model).
protocol ScreenModel: Sendable {
    var keyContext: KeyContext { get }
    /// The screen's name in the title bar.
    var title: String { get }
    /// One key, already turned into an action by the key table (nil: a printable key to type).
    mutating func update(_ input: Input, _ env: inout Env) -> [Command]
    /// Sizes its cursors to its lists and panes as they are now, so none can point past an end.
    mutating func fit(_ env: Env)
    /// Draws the body (between the title bar and the status line); returns where the text cursor goes.
    func view(_ c: inout Canvas, _ env: ViewEnv) -> (x: Int, y: Int)?
}

/// A key as a screen receives it.
struct Input {
    let key: Key
    let action: Action?
}

/// What a screen may read and change beyond itself.
struct Env {
    var person: Person
    let givenBy: String?
    let ctx: AppContext
    let now: LocalDateTime
    let layout: Layout
}

struct ViewEnv {
    let person: Person
    let givenBy: String?
    let ctx: AppContext
    let now: LocalDateTime
    let layout: Layout
}

/// What a screen asks of the app: work outside, a message, another screen, an overlay.
enum Command: Equatable {
    case effect(Effect)
    case message(Message)
    case go(ScreenID)
    case back
    case overlay(Overlay)
    /// Browse opens a branch as a search.
    case searchWith(SearchFilters)
    case quit
}
