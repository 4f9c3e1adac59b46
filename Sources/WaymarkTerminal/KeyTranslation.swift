import CNCursesW
import WaymarkTUI

/// What `get_wch` returns, as a `Key`. Resize needs the screen, so it is handled there.
enum KeyTranslation {
    /// Ctrl-Z: the screen suspends the program rather than passing it on.
    static let suspendCharacter: UInt32 = 26
    /// Ctrl-L: the screen repaints everything rather than passing it on.
    static let redrawCharacter: UInt32 = 12

    /// A character (`get_wch` returned OK). Nil for one Waymark has no use for (C1 controls).
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26:
            // raw() delivers Ctrl-C as 3: the program quits by itself, cleanly.
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0, 28...31:
            // Ctrl-@ (Ctrl-Space), Ctrl-\, Ctrl-], Ctrl-^, Ctrl-_: the caret names.
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x40)))
        case 0x80..<0xA0:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function-key code (`get_wch` returned KEY_CODE_YES). Nil for keys Waymark has no use for.
    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case waymark_key_f(1)...waymark_key_f(63): return .function(Int(code - waymark_key_f(0)))
        default: return nil
        }
    }

    /// A mouse report: a left click (however ncurses grouped it) or a wheel step.
    static func mouse(buttons: mmask_t, x: Int32, y: Int32) -> Key? {
        if buttons & waymark_button4_pressed() != 0 { return .wheelUp }
        if buttons & waymark_button5_pressed() != 0 { return .wheelDown }
        let click = waymark_button1_pressed() | waymark_button1_clicked()
            | waymark_button1_double_clicked() | waymark_button1_triple_clicked()
        if buttons & click != 0 { return .mouseClick(x: Int(x), y: Int(y)) }
        return nil
    }
}
