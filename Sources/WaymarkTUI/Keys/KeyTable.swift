/// Everything a key can do. A handler reacts to actions, never to keys, so a key that is not
/// in the table below does nothing (except printable text typed into a field).
public enum Action: Hashable, Sendable {
    case quit, help, about, newPerson
    case goSearch, goNeeds, goBrowse, goShortlist
    case focusQuery, nextPane, previousPane, open, back
    case up, down, pageUp, pageDown, home, end, left, right
    case toggleShortlist, undo, toggleFilters, clearFilters, toggleOption
    case runMatch, toggleGuided, choose(Int)
    case moveItemUp, moveItemDown, editNote, editPrivateNote, editListNote, editListPrivateNote, givenBy, removeItem, exportHandout, printHandout, renameShortlist, openShortlist, firstName
    // Editing a text field.
    case deleteBack, deleteForward, lineStart, lineEnd, clearLine, deleteWord, removeChip
}

/// Where the keyboard is: the focused pane, field or overlay. Each has its own keys and hints.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, textField, searchLine, results, detail, filters
    case needsText, needsTransport, needsTick, needsSpeaker, guidedText, guidedTransport, guidedTicks, suggestions, suggestionDetail
    case browse, shortlist, shortlistDetail, help, about, prompt, choice, tooSmall

    var title: String {
        switch self {
        case .global: return "Everywhere"
        case .textField: return "In any text field"
        case .searchLine: return "Search line"
        case .results: return "Results list"
        case .detail: return "Detail pane (search)"
        case .filters: return "Filter panel"
        case .needsText: return "A person's needs: a text field"
        case .needsTransport: return "A person's needs: getting about"
        case .needsTick: return "A person's needs: a tick box"
        case .needsSpeaker: return "A person's needs: who is speaking"
        case .guidedText: return "Guided: a question to type"
        case .guidedTransport: return "Guided: how they get about"
        case .guidedTicks: return "Guided: anything else?"
        case .suggestions: return "Suggestions list"
        case .suggestionDetail: return "Suggestion detail"
        case .browse: return "Browse"
        case .shortlist: return "Shortlist"
        case .shortlistDetail: return "Shortlist detail"
        case .help: return "Help overlay"
        case .about: return "About overlay"
        case .prompt: return "A question in a box (typed answer)"
        case .choice: return "A question in a box (choices)"
        case .tooSmall: return "Window too small"
        }
    }

    /// Contexts where a text field has the keyboard: letters are text there.
    var isTyping: Bool { [.searchLine, .needsText, .guidedText, .prompt, .textField].contains(self) }
}

/// One row of the key table (lazygit's `types.Binding`): the single source for dispatch,
/// the hint bar, the `?` overlay and docs/keyboard.md, so they can never disagree.
public struct Binding: Sendable {
    public let keys: [Key]
    /// How the key is written in hints and help ("^C", "Tab", "s").
    public let label: String
    public let action: Action
    public let contexts: [KeyContext]
    /// Short words for the hint bar; nil keeps it out of the bar (it is still in help).
    public let hint: String?
    public let help: String
}

public enum KeyTable {
    static func k(_ keys: [Key], _ label: String, _ action: Action, _ contexts: [KeyContext], hint: String? = nil, _ help: String) -> Binding {
        Binding(keys: keys, label: label, action: action, contexts: contexts, hint: hint, help: help)
    }

    static let lists: [KeyContext] = [.results, .detail, .suggestions, .suggestionDetail, .browse, .shortlist, .shortlistDetail]
    static let panes: [KeyContext] = lists + [.filters, .help, .about]
    static let needsFields: [KeyContext] = [.needsText, .needsTransport, .needsTick, .needsSpeaker, .guidedText, .guidedTransport, .guidedTicks]

    public static let bindings: [Binding] = [
        // Everywhere, even while typing: control and function keys are never text.
        k([.ctrl("c")], "^C", .quit, [.global], "Quit cleanly, even while typing (also while the window is too small)."),
        k([.function(1)], "F1", .help, [.global], "The keys for where you are, and the about page."),
        k([.function(2)], "F2", .goSearch, [.global], "Go to search."),
        k([.function(3)], "F3", .goNeeds, [.global], "Go to a person's needs."),
        k([.function(4)], "F4", .goBrowse, [.global], "Go to browse."),
        k([.function(6)], "F6", .goShortlist, [.global], "Go to the shortlist and handout."),
        k([.ctrl("n")], "^N", .newPerson, [.global], "New person: clear the form, the shortlist and its notes (asks first)."),
        // Letters as commands: only in lists and panes, where no text field has the keyboard.
        k([.char("q")], "q", .quit, lists + [.tooSmall], hint: "Quit", "Quit Waymark."),
        k([.char("?")], "?", .help, lists + [.needsTransport, .needsTick, .needsSpeaker, .guidedTransport, .guidedTicks], hint: "Help", "The keys for where you are."),
        k([.char("i")], "i", .about, lists + [.help], hint: "About", "About Waymark and this directory."),
        k([.char("/")], "/", .focusQuery, [.results, .detail, .browse, .shortlist], hint: "Find", "Jump to the search line."),
        k([.char("n")], "n", .goNeeds, lists, hint: "Needs", "A person's needs: their words, place, age, transport."),
        k([.char("b")], "b", .goBrowse, [.results, .detail, .suggestions, .suggestionDetail, .shortlist, .shortlistDetail], hint: "Browse",
          "Browse by condition, function, area or provider."),
        k([.char("l")], "l", .goShortlist, [.results, .detail, .suggestions, .suggestionDetail, .browse], hint: "List", "The shortlist and handout."),
        // Moving.
        k([.tab], "Tab", .nextPane, [.searchLine, .results, .detail, .suggestions, .suggestionDetail, .shortlist, .shortlistDetail, .browse] + needsFields,
          hint: "Next", "The next pane or field."),
        k([.backTab], "S-Tab", .previousPane, [.searchLine, .results, .detail, .suggestions, .suggestionDetail, .shortlist, .shortlistDetail, .browse] + needsFields,
          "The previous pane or field."),
        k([.up], "↑", .up, panes + needsFields + [.searchLine, .choice], "Up one line, item or field."),
        k([.down], "↓", .down, panes + needsFields + [.searchLine, .choice], "Down one line, item or field; from the search line, into the results."),
        k([.char("k")], "k", .up, lists + [.filters, .help], "Up (as ↑)."),
        k([.char("j")], "j", .down, lists + [.filters, .help], "Down (as ↓)."),
        k([.pageUp], "PgUp", .pageUp, panes, hint: "Page", "Up a page."),
        k([.pageDown], "PgDn", .pageDown, panes, "Down a page."),
        k([.home], "Home", .home, panes, "To the first item or line."),
        k([.end], "End", .end, panes, "To the last item or line."),
        k([.enter], "Enter", .open, [.searchLine, .results, .suggestions, .shortlist, .browse, .filters, .choice, .prompt] + needsFields, hint: "Open",
          "Open: the results from the search line; the selected item beside its list; the answer in a box."),
        k([.escape], "Esc", .back, [.searchLine, .detail, .results, .filters, .suggestions, .suggestionDetail, .browse, .shortlist, .shortlistDetail,
                                   .help, .about, .prompt, .choice] + needsFields, hint: "Back",
          "Back where you came from: out of a pane, an overlay or a box, then to the screen before."),
        // The shortlist, from any list.
        k([.char("s")], "s", .toggleShortlist, [.results, .detail, .suggestions, .suggestionDetail], hint: "Shortlist",
          "Add the selected service to the shortlist, or take it off (a message says which; u undoes)."),
        k([.char(" ")], "Space", .toggleShortlist, [.suggestions], "Add or take off, as s."),
        k([.char("u")], "u", .undo, lists, hint: "Undo", "Undo the last change to the shortlist."),
        // Search.
        k([.char("f")], "f", .toggleFilters, [.results, .detail, .filters], hint: "Filters", "Open or close the filter panel."),
        k([.ctrl("f")], "^F", .toggleFilters, [.searchLine, .results, .detail, .filters], hint: "Filters", "Filters, also while typing."),
        k([.char("x")], "x", .clearFilters, [.results, .detail, .filters], "Remove every filter chip."),
        k([.char(" ")], "Space", .toggleOption, [.filters, .needsTick, .guidedTicks, .needsSpeaker], hint: "Tick",
          "Tick or untick the option; the next choice of who is speaking."),
        // A person's needs.
        k([.function(5), .ctrl("r")], "F5/^R", .runMatch, needsFields, hint: "Suggest", "Suggest services for this person."),
        k([.ctrl("g")], "^G", .toggleGuided, needsFields, hint: "Guided", "Guided mode (one question at a time), or the whole form."),
        k([.left], "←", .left, [.needsTransport, .needsSpeaker, .guidedTransport, .browse] + [.textField], "Previous choice; previous way to browse; in a field, the cursor left."),
        k([.right], "→", .right, [.needsTransport, .needsSpeaker, .guidedTransport, .browse] + [.textField], "Next choice; next way to browse; in a field, the cursor right."),
        k([.char("1")], "1", .choose(1), [.needsTransport, .guidedTransport, .guidedTicks, .choice], "Transport: drives. Anything else: free only. In a box: choice 1."),
        k([.char("2")], "2", .choose(2), [.needsTransport, .guidedTransport, .guidedTicks, .choice], "Transport: uses the bus. Anything else: phone or online. Choice 2."),
        k([.char("3")], "3", .choose(3), [.needsTransport, .guidedTransport, .guidedTicks, .choice], "Transport: no car, no bus. Anything else: home visits. Choice 3."),
        k([.char("4")], "4", .choose(4), [.needsTransport, .guidedTransport, .choice], "Transport: housebound. Choice 4."),
        k([.char("5")], "5", .choose(5), [.choice], "Choice 5."),
        k([.char("6")], "6", .choose(6), [.choice], "Choice 6."),
        k([.char("7")], "7", .choose(7), [.choice], "Choice 7."),
        k([.char("8")], "8", .choose(8), [.choice], "Choice 8."),
        k([.char("9")], "9", .choose(9), [.choice], "Choice 9."),
        // Shortlist.
        k([.char("K")], "K", .moveItemUp, [.shortlist], "Move the service up the list."),
        k([.char("J")], "J", .moveItemDown, [.shortlist], "Move the service down the list."),
        k([.char("e")], "e", .editNote, [.shortlist], hint: "Note", "A note for the person on this service (\"ask for Sue\"); it goes on the handout."),
        k([.char("E")], "E", .editPrivateNote, [.shortlist], hint: "Private", "A private note for you on this service (\"daughter rings Fridays\"): never printed."),
        k([.char("w")], "w", .editListNote, [.shortlist], hint: "List note",
          "A note for the person on the whole list (\"bring your glasses\"): printed at the top of the handout."),
        k([.char("W")], "W", .editListPrivateNote, [.shortlist], "A private note for you on the whole list: never printed."),
        k([.char("d"), .delete], "d/Del", .removeItem, [.shortlist], hint: "Remove", "Take the service off the list (u undoes)."),
        k([.char("x")], "x", .exportHandout, [.shortlist, .shortlistDetail], hint: "Handout", "Write a handout: text, large print, Markdown, web page or large-print web page."),
        k([.char("p")], "p", .printHandout, [.shortlist, .shortlistDetail], hint: "Print", "Print the handout, in the format chosen last with x (needs lp)."),
        k([.char("N")], "N", .firstName, [.shortlist], "A first name for the handout (optional; not saved)."),
        k([.char("g")], "g", .givenBy, [.shortlist],
          "Who gives the handout, \"given to you by …\" (your name, role, organisation): kept on this computer only if you say so."),
        k([.char("r")], "r", .renameShortlist, [.shortlist], "Save a copy of the shortlist under a new name (the old one is kept)."),
        k([.char("o")], "o", .openShortlist, [.shortlist], "Open another saved shortlist."),
        // Editing any text field.
        k([.backspace], "⌫", .deleteBack, [.textField], "Delete the character before the cursor."),
        k([.backspace], "⌫", .removeChip, [.searchLine], "In an empty search line, remove the last filter chip."),
        k([.delete], "Del", .deleteForward, [.textField], "Delete the character under the cursor."),
        k([.home, .ctrl("a")], "Home/^A", .lineStart, [.textField], "To the start of the field."),
        k([.end, .ctrl("e")], "End/^E", .lineEnd, [.textField], "To the end of the field."),
        k([.ctrl("u")], "^U", .clearLine, [.textField], "Clear the field."),
        k([.ctrl("w")], "^W", .deleteWord, [.textField], "Delete the word before the cursor."),
    ]

    /// The action for a key where the keyboard is, or nil. The context's own binding wins,
    /// then (while typing) a text-field edit, then a global one. In a text field a printable
    /// key is always text: nobody loses a "q" from a search.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if context.isTyping, case .char = key { return nil }
        let matching = bindings.filter { $0.keys.contains(key) }
        if let own = matching.first(where: { $0.contexts.contains(context) }) { return own.action }
        if context.isTyping, let edit = matching.first(where: { $0.contexts.contains(.textField) }) { return edit.action }
        let global = matching.first { $0.contexts.contains(.global) }?.action
        // While the window is too small, Ctrl-C is the one global key that still works.
        if context == .tooSmall { return global == .quit ? .quit : nil }
        return global
    }

    /// The hint bar for a context: its own keys, one per hint, in table order; then help and quit.
    public static func hints(for context: KeyContext) -> [(key: String, hint: String)] {
        var out: [(String, String)] = []
        // The pane's own work first; ways to leave it (other screens, help, quit) after.
        let leaving: Set<Action> = [.quit, .help, .about, .focusQuery, .goNeeds, .goBrowse, .goShortlist]
        let own = bindings.filter { $0.contexts.contains(context) }
        let moving: Set<Action> = [.nextPane, .previousPane, .pageUp, .pageDown, .back]
        let work = own.filter { !leaving.contains($0.action) && !moving.contains($0.action) }
        for b in work + own.filter({ moving.contains($0.action) }) + own.filter({ leaving.contains($0.action) }) {
            guard let hint = b.hint, !out.contains(where: { $0.1 == hint }) else { continue }
            out.append((b.label, hint))
        }
        if context == .tooSmall { return out + [("^C", "Quit")] }
        if !out.contains(where: { $0.1 == "Help" }) { out.append(("F1", "Help")) }
        if !out.contains(where: { $0.1 == "Quit" }) { out.append(("^C", "Quit")) }
        return out
    }

    /// What the `?` overlay lists: the context's own keys, then the ones that work everywhere.
    public static func visible(in context: KeyContext) -> [Binding] {
        var own = bindings.filter { $0.contexts.contains(context) }
        if context.isTyping { own += bindings.filter { $0.contexts.contains(.textField) } }
        return own + bindings.filter { $0.contexts.contains(.global) }
    }

    /// docs/keyboard.md, generated from the table.
    public static func markdown() -> String {
        var out = ["# Keyboard", "", "Generated from the key table in `Sources/WaymarkTUI/Keys/KeyTable.swift` (`waymark keys > docs/keyboard.md`);",
                   "the hint bar and the help overlay come from the same table, so they cannot disagree.", "",
                   "Letters typed where a text field has the keyboard are text. Letters are commands only in lists and",
                   "panes, where the focused pane's title is highlighted and the hint bar shows that pane's keys. In the",
                   "search screen's list, a letter that is not a command goes to the search line, as in fzf. Every change",
                   "to the shortlist shows a message, and `u` undoes it.", ""]
        for c in KeyContext.allCases {
            let rows = bindings.filter { $0.contexts.contains(c) }
            guard !rows.isEmpty else { continue }
            out.append("## \(c.title)")
            out.append("")
            out.append("| key | what it does |")
            out.append("| --- | --- |")
            for b in rows { out.append("| `\(b.label)` | \(b.help) |") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
