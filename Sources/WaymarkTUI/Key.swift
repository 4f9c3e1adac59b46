/// A key press or a terminal event, independent of curses.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case resize(width: Int, height: Int)
    case mouseClick(x: Int, y: Int)
    case wheelUp, wheelDown
}
