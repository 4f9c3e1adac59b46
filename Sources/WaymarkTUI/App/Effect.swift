import WaymarkCore

/// A search to run: everything it needs travels with it.
public struct SearchRequest: Equatable, Sendable {
    public var generation: Int
    public var text: String
    public var filters: SearchFilters
    /// Count, for each area, what ticking it would give: asked for while the filter panel shows them.
    public var areaCounts = false
}

/// A handout to write or print, from the list as it is now.
public struct HandoutRequest: Equatable, Sendable {
    public var format: Handout.Format
    public var shortlist: Shortlist
    public var firstName: String?
    /// Who gives it: the navigator's own words, "given to you by …".
    public var givenBy: String? = nil
}

/// What happens outside `update`: slow or outside work whose result comes back as an event.
/// Each effect carries its inputs, so a test can say exactly what would be done.
public enum Effect: Equatable, Sendable {
    case search(SearchRequest)
    /// Match, explaining only the first `limit` suggestions and near misses (the list pages on for more).
    case match(NeedsProfile, limit: Int)
    case saveShortlist(Shortlist)
    case loadShortlist(String)
    case saveShortlistAs(Shortlist, from: String)
    case listShortlists
    case exportHandout(HandoutRequest)
    case printHandout(HandoutRequest)
    /// A new person: the store names their empty list, a name no saved list has.
    case nameFreshShortlist
    /// Keep (or, with nil, forget) who gives the handouts, in the navigator's settings file.
    case keepGivenBy(String?)
}

public enum Event: Sendable {
    case key(Key)
    case searchDone(generation: Int, result: SearchResult, areaCounts: [String: Int])
    case matchDone(MatchResult)
    case shortlistLoaded(Shortlist)
    /// The list as the store holds it after a save, with other windows' edits merged in.
    case shortlistSaved(Shortlist)
    case shortlistNames([String])
    case handoutWritten(path: String)
    /// What the printer said, and where the file is.
    case handoutPrinted(path: String, message: Message)
    /// A name for the new person's empty list, from the store.
    case freshShortlistNamed(String)
    /// "Save as" refused the new name (taken or empty): the list goes back to its old name.
    case saveAsRefused(from: String, to: String, Message)
    case message(Message)
    /// A minute has passed.
    case tick(LocalDateTime)
}

/// Where things go on the screen, shared by views and by mouse handling, so a click lands
/// where the row is drawn.
public struct Layout: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    public var tooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }
    /// The status line and the hint bar.
    public var statusY: Int { height - 2 }
    public var hintY: Int { height - 1 }
    /// The list takes half the width, so at 120 columns and more it gets its share of the extra too.
    public func listWidth(_ total: Int) -> Int { total / 2 }
}
