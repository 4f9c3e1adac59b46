/// A path's folder part, worked out without `NSString`: on this machine's Foundation,
/// `NSString.deletingLastPathComponent` traps on a one-letter name ("a", ".", "b/"), so
/// `waymark export --out a`, or a copy of the binary started as `./waymark` from a folder with no
/// Fixtures above it, crashed instead of answering.
public enum PathName {
    /// What `deletingLastPathComponent` gives: "a/b" → "a", "/a" → "/", "a" → "", "/" → "/".
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var head = p[..<slash]
        while head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }

    /// The folder a file is in: its parent, or "." for a bare name ("NAME.sqlite").
    public static func folder(of path: String) -> String {
        let parent = parent(path)
        return parent.isEmpty ? "." : parent
    }
}
