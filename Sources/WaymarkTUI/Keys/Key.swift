/// A key press or a terminal event, independent of curses.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case resize(width: Int, height: Int)
    case mouseClick(x: Int, y: Int)
    case wheelUp, wheelDown

    /// Ctrl and function keys: they act even inside a text field.
    public var isControl: Bool {
        switch self {
        case .char: return false
        default: return true
        }
    }
}
