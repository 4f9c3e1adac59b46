import CNCursesW
import WaymarkTUI

/// The colour scheme the screen maps `Style.Role`s onto.
public enum Theme: Sendable, Equatable, CaseIterable {
    /// Calm colours on the terminal's own background.
    case standard
    /// White, black and yellow with bold; nothing dim.
    case highContrast
    /// No colour: roles become bold, reverse, underline and dim.
    case monochrome

    /// The theme actually used. Colour is off when asked for, when `NO_COLOR` is set
    /// to anything but the empty string (no-color.org), when `TERM` is `dumb`, or when
    /// the terminal has no colours.
    public static func resolve(_ requested: Theme, environment: [String: String], terminalHasColors: Bool) -> Theme {
        if requested == .monochrome { return .monochrome }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if environment["TERM"] == "dumb" { return .monochrome }
        if !terminalHasColors { return .monochrome }
        return requested
    }
}

/// How one role looks: a foreground and background (-1 is the terminal's default)
/// and attributes. Monochrome looks use attributes only.
struct Look: Equatable {
    var foreground: Int16
    var background: Int16
    var attributes: attr_t

    init(_ foreground: Int16 = -1, _ background: Int16 = -1, _ attributes: attr_t = 0) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// The roles of a theme resolved to curses attributes and colour pairs. The only
/// place role names meet terminal colours.
struct Palette {
    let theme: Theme
    /// Indexed by `Style.Role.rawValue`: attributes and colour pair (0 when monochrome).
    private var entries: [(attributes: attr_t, pair: Int16)]

    /// A palette that has not touched curses; `installColorPairs` makes its pairs real.
    init(theme: Theme, brightColors: Bool) {
        self.theme = theme
        entries = Style.Role.allCases.map { role in
            let look = Palette.look(for: role, theme: theme, brightColors: brightColors)
            let pair: Int16 = theme == .monochrome ? 0 : Palette.pairNumber(for: role)
            return (look.attributes, pair)
        }
    }

    static func pairNumber(for role: Style.Role) -> Int16 { Int16(role.rawValue) + 1 }

    /// Attributes and colour pair for a cell's style; `bold`, `underline` and `reverse` add to the role's own.
    func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
        let entry = entries[Int(style.role.rawValue)]
        var attributes = entry.attributes
        if style.bold { attributes |= waymark_a_bold() }
        if style.underline { attributes |= waymark_a_underline() }
        if style.reverse { attributes |= waymark_a_reverse() }
        return (attributes, entry.pair)
    }

    /// Defines one colour pair per role. `defaultColors` is whether `use_default_colors`
    /// succeeded; without it -1 is not a colour, so white on black stands in.
    func installColorPairs(defaultColors: Bool, brightColors: Bool) {
        guard theme != .monochrome else { return }
        for role in Style.Role.allCases {
            let look = Palette.look(for: role, theme: theme, brightColors: brightColors)
            let fg = look.foreground < 0 && !defaultColors ? Int16(COLOR_WHITE) : look.foreground
            let bg = look.background < 0 && !defaultColors ? Int16(COLOR_BLACK) : look.background
            init_pair(Palette.pairNumber(for: role), fg, bg)
        }
    }

    static func look(for role: Style.Role, theme: Theme, brightColors: Bool) -> Look {
        let bold = waymark_a_bold(), dim = waymark_a_dim()
        let reverse = waymark_a_reverse(), underline = waymark_a_underline()
        let black = Int16(COLOR_BLACK), red = Int16(COLOR_RED), green = Int16(COLOR_GREEN)
        let blue = Int16(COLOR_BLUE), cyan = Int16(COLOR_CYAN)
        switch theme {
        case .monochrome:
            switch role {
            case .selected, .chip, .badge: return Look(-1, -1, reverse)
            case .title, .heading, .hintKey, .warning, .accent: return Look(-1, -1, bold)
            case .muted: return Look(-1, -1, dim)
            case .field: return Look(-1, -1, underline)
            case .fieldFocused: return Look(-1, -1, reverse | underline)
            case .normal, .hint, .good, .border: return Look()
            }
        case .standard:
            let white = Int16(COLOR_WHITE), yellow = Int16(COLOR_YELLOW)
            switch role {
            case .normal, .hint: return Look()
            case .title: return Look(white, blue, bold)
            case .hintKey: return Look(black, white)
            case .selected, .chip: return Look(black, cyan)
            case .accent: return Look(cyan, -1)
            case .muted: return Look(-1, -1, dim)
            case .warning: return Look(red, -1, bold)
            case .good: return Look(green, -1)
            case .badge: return Look(black, yellow)
            case .field: return Look(-1, -1, underline)
            case .fieldFocused: return Look(black, white, underline)
            case .border: return Look(blue, -1)
            case .heading: return Look(-1, -1, bold)
            }
        case .highContrast:
            // Bright white and yellow where the terminal has sixteen colours; bold brightens the rest.
            let white = brightColors ? Int16(15) : Int16(COLOR_WHITE)
            let yellow = brightColors ? Int16(11) : Int16(COLOR_YELLOW)
            switch role {
            case .normal, .hint, .border: return Look(white, black)
            case .muted: return Look(white, black)
            case .title, .badge: return Look(black, yellow, bold)
            case .hintKey, .chip: return Look(black, white, bold)
            case .selected: return Look(black, yellow, bold)
            case .accent, .heading: return Look(yellow, black, bold)
            case .warning: return Look(yellow, black, bold | underline)
            case .good: return Look(white, black, bold)
            case .field: return Look(white, black, underline)
            case .fieldFocused: return Look(black, yellow, bold | underline)
            }
        }
    }
}
