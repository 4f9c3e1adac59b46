/// What the interface needs from a terminal. `WaymarkTerminal.CursesScreen` is the real
/// one; tests use a recording one. Every call happens on the thread that runs the program.
public protocol Screen: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// Shows the canvas, sending only the cells that differ from the last one shown;
    /// `cursor` places the visible cursor (in a text field), or hides it when nil.
    func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?)
    /// The next key or event, waiting at most `timeoutMs` milliseconds (nil on time-out).
    /// A resize arrives as `.resize` with the new size.
    func nextKey(timeoutMs: Int) -> Key?
    /// True once SIGTERM or SIGHUP has arrived: the program should save nothing more and end.
    var terminationRequested: Bool { get }
}
