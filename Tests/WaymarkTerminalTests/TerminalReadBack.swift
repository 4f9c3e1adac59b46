import CNCursesW
import WaymarkTUI
import XCTest

/// What curses believes is on the terminal after the last refresh (its `curscr`),
/// read back cell by cell: the text, attributes and colour pair a user would see.
struct ScreenCell: Equatable, CustomStringConvertible {
    var text: String
    var attributes: attr_t
    var pair: Int16

    var description: String { "\"\(text)\" attributes \(attributes) pair \(pair)" }

    func has(_ attribute: attr_t) -> Bool { attributes & attribute == attribute }
}

enum TerminalReadBack {
    static func cell(x: Int, y: Int) -> ScreenCell {
        var stored = cchar_t()
        guard mvwin_wch(waymark_curscr(), Int32(y), Int32(x), &stored) == OK else {
            return ScreenCell(text: "<unreadable>", attributes: 0, pair: -1)
        }
        var text = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&stored, &text, &attributes, &pair, nil)
        let scalars = text.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return ScreenCell(text: result, attributes: attributes, pair: pair)
    }

    /// A row as text; curses skips the second column of a wide character.
    static func row(_ y: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: 512)
        let count = mvwinnwstr(waymark_curscr(), Int32(y), 0, &buffer, Int32(buffer.count - 1))
        guard count != ERR else { return "<unreadable>" }
        var result = ""
        result.unicodeScalars.append(contentsOf: buffer.prefix { $0 != 0 }.compactMap {
            Unicode.Scalar(UInt32(bitPattern: $0))
        })
        return result
    }

    static func colors(ofPair pair: Int16) -> (foreground: Int16, background: Int16) {
        var foreground: Int16 = 0, background: Int16 = 0
        pair_content(pair, &foreground, &background)
        return (foreground, background)
    }

    static var cursor: (x: Int, y: Int) {
        (Int(getcurx(waymark_curscr())), Int(getcury(waymark_curscr())))
    }
}
