/// Everything a key can do.
public enum Action: String, Sendable, CaseIterable {
    case quit, focusQuery, nextPane, previousPane, up, down, pageUp, pageDown, home, end, open, back
    case toggleShortlist, toggleFilters, clearFilters, needs, browse, shortlist, search, help, about
    case runMatch, toggleGuided, nextField, previousField, toggleOption
    case moveItemUp, moveItemDown, editNote, removeItem, exportHandout, printHandout, renameShortlist, openShortlist, firstName
    case browseNextDimension, browsePreviousDimension
}

/// Where the user is: which screen, and whether a text field has the keyboard.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, search, results, filters, needsForm, needsResults, browse, shortlist, help
}

/// One row of the key table: the single source for dispatch, the `?` overlay,
/// the hint bar and docs/keyboard.md, so they can never disagree.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// How the key is written in hints and help ("^C", "Tab", "s").
    public let label: String
    public let action: Action
    public let contexts: [KeyContext]
    /// Short words for the hint bar; nil keeps it out of the bar.
    public let hint: String?
    public let help: String
    /// Letters are text inside a text field; only keys marked here work while typing.
    public let worksInTextField: Bool
}

public enum KeyTable {
    static func k(_ keys: [Key], _ label: String, _ action: Action, _ contexts: [KeyContext], hint: String? = nil,
                  _ help: String, text: Bool = false) -> KeyBinding {
        KeyBinding(keys: keys, label: label, action: action, contexts: contexts, hint: hint, help: help, worksInTextField: text)
    }

    public static let bindings: [KeyBinding] = [
        k([.ctrl("c")], "^C", .quit, [.global], hint: "Quit", "Always quits cleanly, even while typing.", text: true),
        k([.char("q")], "q", .quit, [.global], hint: "Quit", "Quit Waymark (outside text fields)."),
        k([.function(1), .char("?")], "?/F1", .help, [.global], hint: "Help", "Show the keys for this screen, and the about page."),
        k([.function(1)], "F1", .help, [.global], hint: "Help", "Help, also while typing.", text: true),
        k([.char("/")], "/", .focusQuery, [.global], hint: "Find", "Jump to the search line."),
        k([.tab], "Tab", .nextPane, [.global], hint: "Pane", "Move to the next pane or field.", text: true),
        k([.backTab], "S-Tab", .previousPane, [.global], "Move to the previous pane or field.", text: true),
        k([.up, .char("k")], "↑/k", .up, [.global], "Move up (k outside text fields).", text: true),
        k([.down, .char("j")], "↓/j", .down, [.global], "Move down (j outside text fields).", text: true),
        k([.pageUp], "PgUp", .pageUp, [.global], "Up a page.", text: true),
        k([.pageDown], "PgDn", .pageDown, [.global], "Down a page.", text: true),
        k([.home], "Home", .home, [.results, .shortlist, .browse, .needsResults, .help, .filters], "To the first item."),
        k([.end], "End", .end, [.results, .shortlist, .browse, .needsResults, .help, .filters], "To the last item."),
        k([.enter], "Enter", .open, [.global], hint: "Open", "Open the selected item; in the search line, go to the results.", text: true),
        k([.escape], "Esc", .back, [.global], hint: "Back", "Back out one level, or leave a text field.", text: true),
        k([.char("s"), .char(" ")], "s/Space", .toggleShortlist, [.results, .needsResults, .shortlist], hint: "Shortlist",
          "Add the selected service to the shortlist, or take it off."),
        k([.char("f")], "f", .toggleFilters, [.search, .results], hint: "Filters", "Open or close the filter panel."),
        k([.ctrl("f")], "^F", .toggleFilters, [.search], hint: "Filters", "Filters, also while typing.", text: true),
        k([.char("x")], "x", .clearFilters, [.search, .results, .filters], "Remove every filter chip."),
        k([.char("n")], "n", .needs, [.global], hint: "Needs", "A person's needs: their words, place, age, transport."),
        k([.char("b")], "b", .browse, [.global], hint: "Browse", "Browse by condition, function, area or provider."),
        k([.char("l")], "l", .shortlist, [.global], hint: "List", "The shortlist and handout."),
        k([.char("S")], "S", .search, [.global], "Back to search."),
        k([.char("i")], "i", .about, [.global], "About Waymark and this directory."),
        k([.function(5), .ctrl("r")], "F5/^R", .runMatch, [.needsForm], hint: "Suggest", "Suggest services for this person.", text: true),
        k([.ctrl("g")], "^G", .toggleGuided, [.needsForm], hint: "Guided", "Guided mode: one question at a time.", text: true),
        k([.char(" ")], "Space", .toggleOption, [.needsForm, .filters], "Tick or untick the option; change transport.", text: false),
        k([.left, .char("h")], "←", .browsePreviousDimension, [.browse], "Previous way to browse."),
        k([.right], "→", .browseNextDimension, [.browse], hint: "By…", "Next way to browse: condition, function, area, provider."),
        k([.char("K")], "K", .moveItemUp, [.shortlist], "Move the service up the list."),
        k([.char("J")], "J", .moveItemDown, [.shortlist], "Move the service down the list."),
        k([.char("e")], "e", .editNote, [.shortlist], hint: "Note", "Add or edit a short note (\"ask for Sue\")."),
        k([.char("d"), .delete], "d/Del", .removeItem, [.shortlist], "Take the service off the list."),
        k([.char("x")], "x", .exportHandout, [.shortlist], hint: "Handout", "Write a handout: text, large print, Markdown or print-ready web page."),
        k([.char("p")], "p", .printHandout, [.shortlist], hint: "Print", "Print the handout (needs lp)."),
        k([.char("N")], "N", .firstName, [.shortlist], "A first name for the handout (optional; not saved)."),
        k([.char("r")], "r", .renameShortlist, [.shortlist], "Save the shortlist under a name."),
        k([.char("o")], "o", .openShortlist, [.shortlist], "Open another saved shortlist."),
    ]

    /// The action for a key here, or nil. In a text field a printable key is always text:
    /// nobody loses a "q" from a search.
    public static func action(for key: Key, in context: KeyContext, inTextField: Bool) -> Action? {
        if inTextField, case .char = key { return nil }
        let candidates = bindings.filter { $0.keys.contains(key) && (!inTextField || $0.worksInTextField) }
        if let own = candidates.first(where: { $0.contexts.contains(context) }) { return own.action }
        return candidates.first { $0.contexts.contains(.global) }?.action
    }

    /// The bindings to show for a context (its own first, then the global ones).
    public static func visible(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) } + bindings.filter { $0.contexts.contains(.global) && !$0.contexts.contains(context) }
    }

    /// docs/keyboard.md, generated from the table.
    public static func markdown() -> String {
        var out = ["# Keyboard", "", "Generated from the key table in `Sources/WaymarkTUI/Keys.swift` (`waymark keys`);",
                   "the `?` overlay and the hint bar come from the same table.", "",
                   "Letters typed in a text field are text: only keys marked \"while typing\" act there.", ""]
        let titles: [KeyContext: String] = [.global: "Everywhere", .search: "Search line", .results: "Results list",
                                             .filters: "Filter panel", .needsForm: "A person's needs: the form",
                                             .needsResults: "A person's needs: suggestions", .browse: "Browse",
                                             .shortlist: "Shortlist and handout", .help: "Help"]
        for c in KeyContext.allCases {
            let rows = bindings.filter { $0.contexts.contains(c) }
            guard !rows.isEmpty else { continue }
            out.append("## \(titles[c] ?? c.rawValue)")
            out.append("")
            out.append("| key | what it does | while typing |")
            out.append("| --- | --- | --- |")
            for b in rows { out.append("| `\(b.label)` | \(b.help) | \(b.worksInTextField ? "yes" : "") |") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
