import WaymarkCore

public enum ScreenID: String, Sendable, CaseIterable {
    case search, needs, browse, shortlist
}

public enum SearchFocus: Sendable { case query, results, detail, filters }

/// A one-line text field with a cursor.
public struct TextField: Equatable, Sendable {
    public var text: String = ""
    public var cursor: Int = 0

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an edit.
    public mutating func edit(_ key: Key) -> Bool {
        var chars = Array(text)
        switch key {
        case .char(let c):
            // Tabs and control characters never enter a field.
            guard !c.isNewline, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return true }
            guard chars.count < 500 else { return true }
            chars.insert(c, at: cursor); cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1); cursor -= 1
        case .delete:
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeAll(); cursor = 0
        case .ctrl("w"):
            var i = cursor
            while i > 0, chars[i - 1] == " " { i -= 1 }
            while i > 0, chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default: return false
        }
        text = String(chars)
        return true
    }
}

/// A question in a box: a note, a name, or a choice.
public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case note(index: Int), rename, firstName, exportFormat, openShortlist(names: [String]), place, age }
    public var kind: Kind
    public var title: String
    public var field: TextField
    public var choices: [String]
    public var choice: Int = 0
}

/// The needs form: what matters to the person, where they live, age, how they get about, preferences.
public struct NeedsForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case text, place, age, transport, freeOnly, remoteOK, homeVisits }
    public var text = TextField()
    public var place = TextField()
    public var age = TextField()
    public var transport: NeedsProfile.Transport? = nil
    public var freeOnly = false
    public var remoteOK = false
    public var homeVisits = false
    public var field: Field = .text
    /// Gazetteer matches for what is typed in the place field.
    public var placeSuggestions: [String] = []

    public var isTextField: Bool { [.text, .place, .age].contains(field) }

    public var profile: NeedsProfile {
        NeedsProfile(text: text.text, place: place.text.isEmpty ? nil : place.text, age: Int(age.text.trimmingCharacters(in: .whitespaces)),
                     transport: transport, freeOnly: freeOnly, remoteOK: remoteOK, wantsHomeVisits: homeVisits)
    }
}

public enum BrowseDimension: Int, CaseIterable, Sendable {
    case condition, function, area, provider
    public var title: String { ["Condition", "What it does", "Area", "Provider"][rawValue] }
}

/// The whole interface as one value: `update` makes the next one, views draw it.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var screen: ScreenID = .search
    public var showHelp = false
    public var showAbout = false
    public var helpScroll = 0
    public var prompt: Prompt?
    public var message: String?
    public var quit = false

    // Search
    public var query = TextField()
    public var focus: SearchFocus = .query
    public var filters = SearchFilters()
    /// The place chosen in the filter panel, as the gazetteer names it.
    public var filterPlace: String?
    public var results: [Int] = []
    public var total = 0
    public var facets: [String: Int] = [:]
    public var understood: [String] = []
    public var selected = 0
    public var detailScroll = 0
    public var filterCursor = 0
    public var searchGeneration = 0
    public var searchPending = false

    // A person's needs
    public var needs = NeedsForm()
    public var guided = false
    public var guidedStep = 0
    public var match: MatchResult?
    public var matchSelected = 0
    public var matchPending = false
    public var showingMatch = false

    // Browse
    public var browseDimension: BrowseDimension = .condition
    public var browseCursor = 0

    // Shortlist
    public var shortlist: Shortlist
    public var shortlistCursor = 0
    public var firstName: String?

    public init(width: Int, height: Int, shortlist: Shortlist = Shortlist(name: "My shortlist"), guided: Bool = false) {
        self.width = width
        self.height = height
        self.shortlist = shortlist
        self.guided = guided
    }

    /// Which part of the key table applies now.
    public var keyContext: KeyContext {
        if showHelp || showAbout { return .help }
        switch screen {
        case .search:
            switch focus {
            case .query: return .search
            case .results, .detail: return .results
            case .filters: return .filters
            }
        case .needs: return showingMatch ? .needsResults : .needsForm
        case .browse: return .browse
        case .shortlist: return .shortlist
        }
    }

    public var inTextField: Bool {
        if prompt != nil { return true }
        if showHelp || showAbout { return false }
        switch screen {
        case .search: return focus == .query
        case .needs: return !showingMatch && needs.isTextField
        default: return false
        }
    }
}
