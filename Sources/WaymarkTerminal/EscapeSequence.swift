import WaymarkTUI

/// Escape sequences that curses did not recognise from terminfo, read to their end.
///
/// Under tmux, screen, PuTTY, rxvt or the Linux console a terminal often sends Home, End,
/// Insert, Delete, PgUp, PgDn and the function keys in a form that TERM's terminfo entry does
/// not list (`ESC [ 1 ~` where xterm's entry says `ESC O H`). curses then hands over the bytes
/// one by one, and read as Esc followed by "1" they went back to the form and typed into it.
/// This reads the whole CSI or SS3 sequence, maps the common forms, and drops unknown ones whole.
/// Pure: no terminal, so every terminal family's bytes can be tested and fuzzed.
public enum EscapeSequence {
    static let escape: UInt32 = 0x1B

    /// What the characters after an ESC amount to.
    public enum Reading: Equatable, Sendable {
        /// A sequence has begun and needs more characters.
        case incomplete
        /// `length` characters (after the ESC) form one sequence: a key, or nil for one Waymark ignores.
        case sequence(Key?, length: Int)
        /// The ESC is a key on its own; the characters after it are ordinary keys.
        case lone
    }

    /// Reads the characters that followed an ESC.
    public static func read(after body: ArraySlice<UInt32>) -> Reading {
        guard let introducer = body.first else { return .incomplete }
        let rest = body.dropFirst()
        switch introducer {
        case 0x5B: // "["
            return readCSI(rest)
        case 0x4F: // "O": SS3
            return readSS3(rest)
        default:
            return .lone
        }
    }

    /// CSI: parameter bytes (0-9 ; : < = > ?), intermediate bytes (space … /), one final byte (@ … ~).
    private static func readCSI(_ body: ArraySlice<UInt32>) -> Reading {
        guard let first = body.first else { return .incomplete }
        // The Linux console's F1–F5: ESC [ [ A … ESC [ [ E.
        if first == 0x5B {
            guard let final = body.dropFirst().first else { return .incomplete }
            let key: Key? = (0x41...0x45).contains(final) ? .function(Int(final - 0x40)) : nil
            return .sequence(key, length: 3)
        }
        // X10 mouse report: ESC [ M and three raw bytes (curses reads these itself when mouse is on).
        if first == 0x4D {
            return body.count >= 4 ? .sequence(nil, length: 5) : .incomplete
        }
        var parameters: [UInt32] = []
        var intermediates: [UInt32] = []
        for (offset, c) in body.enumerated() {
            let length = offset + 2 // "[" plus the characters so far
            switch c {
            case 0x30...0x3F where intermediates.isEmpty:
                parameters.append(c)
            case 0x24 where !parameters.isEmpty && intermediates.isEmpty:
                // rxvt ends Shift-modified keys with "$" (ESC [ 2 $), which ECMA-48 calls an intermediate.
                return .sequence(csiKey(parameters: parameters, final: 0x7E), length: length)
            case 0x20...0x2F:
                intermediates.append(c)
            case 0x40...0x7E:
                return .sequence(intermediates.isEmpty ? csiKey(parameters: parameters, final: c) : nil, length: length)
            default:
                // A control or other character cannot be inside a CSI: the sequence is broken; drop what came.
                return .sequence(nil, length: length - 1)
            }
            if parameters.count + intermediates.count > maxSequenceLength { return .sequence(nil, length: length) }
        }
        return .incomplete
    }

    /// SS3: an optional modifier digit (ESC O 5 H on some terminals), then one final character.
    private static func readSS3(_ body: ArraySlice<UInt32>) -> Reading {
        for (offset, c) in body.enumerated() {
            let length = offset + 2
            switch c {
            case 0x30...0x3B: continue
            case 0x40...0x7E: return .sequence(ss3Key(c), length: length)
            default: return .sequence(nil, length: length - 1)
            }
        }
        return .incomplete
    }

    /// A runaway sequence (a paste of digits after ESC [) is dropped once it is this long.
    static let maxSequenceLength = 32

    /// The first number of a parameter string "1;5" (the modifier after ";" is not told apart).
    private static func firstNumber(_ parameters: [UInt32]) -> Int? {
        var value: Int?
        for c in parameters {
            guard (0x30...0x39).contains(c) else { break }
            value = min(10_000, (value ?? 0) * 10 + Int(c - 0x30))
        }
        return value
    }

    private static func csiKey(parameters: [UInt32], final: UInt32) -> Key? {
        // Private parameters (< = > ?) are reports (mouse, device attributes), not keys.
        if let first = parameters.first, (0x3C...0x3F).contains(first) { return nil }
        let number = firstNumber(parameters)
        switch final {
        case 0x7E, 0x5E, 0x40: // "~", and rxvt's "^" (Ctrl) and "@" (Ctrl-Shift)
            return number.flatMap(tildeKey)
        case 0x41: return .up         // A
        case 0x42: return .down       // B
        case 0x43: return .right      // C
        case 0x44: return .left       // D
        case 0x61: return .up         // a: rxvt Shift-Up
        case 0x62: return .down       // b
        case 0x63: return .right      // c
        case 0x64: return .left       // d
        case 0x48: return .home       // H: xterm, and ESC [ 1 ; 5 H
        case 0x46: return .end        // F
        case 0x47: return nil         // G: keypad 5 on the Linux console
        case 0x5A: return .backTab    // Z
        case 0x50...0x53: return .function(Int(final - 0x4F)) // P–S: xterm's modified F1–F4 (ESC [ 1 ; 2 P)
        default: return nil
        }
    }

    /// VT220-style "ESC [ n ~" keys, as xterm, tmux, screen, rxvt, PuTTY and the Linux console number them.
    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home      // 1: tmux, screen, PuTTY, Linux console; 7: rxvt
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end       // 4: tmux, screen, PuTTY, Linux console; 8: rxvt
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)   // F1–F5 (rxvt, PuTTY)
        case 17...21: return .function(number - 11)   // F6–F10
        case 23, 24: return .function(number - 12)    // F11, F12
        case 25, 26: return .function(number - 12)    // F13, F14 (Shift-F3/F4 on rxvt and the console)
        case 28, 29: return .function(number - 13)    // F15, F16
        case 31...34: return .function(number - 14)   // F17–F20
        default: return nil
        }
    }

    private static func ss3Key(_ final: UInt32) -> Key? {
        switch final {
        case 0x41, 0x61: return .up       // A, and rxvt's Ctrl-Up "a"
        case 0x42, 0x62: return .down
        case 0x43, 0x63: return .right
        case 0x44, 0x64: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x50...0x53: return .function(Int(final - 0x4F)) // P–S: F1–F4
        case 0x4D: return .enter           // keypad Enter in application mode
        case 0x70...0x79: return .char(Character(Unicode.Scalar(final - 0x70 + 0x30)!)) // keypad 0–9
        case 0x6A: return .char("*")
        case 0x6B: return .char("+")
        case 0x6C: return .char(",")
        case 0x6D: return .char("-")
        case 0x6E: return .char(".")
        case 0x6F: return .char("/")
        default: return nil
        }
    }
}

/// Decodes a whole input stream the way the screen does when curses recognises nothing:
/// UTF-8 into characters, escape sequences into keys. For tests and the fuzzer.
public enum KeyDecoder {
    public static func decode(_ bytes: [UInt8]) -> [Key] {
        var scalars: [UInt32] = []
        var iterator = bytes.makeIterator()
        var utf8 = UTF8()
        loop: while true {
            switch utf8.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s.value)
            case .emptyInput: break loop
            case .error: continue
            }
        }
        return decode(scalars: scalars)
    }

    /// Characters as get_wch delivers them; the end of input counts as the pause after a lone Esc.
    public static func decode(scalars: [UInt32]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < scalars.count {
            let value = scalars[index]
            index += 1
            guard value == EscapeSequence.escape else {
                if let key = KeyTranslation.character(value) { keys.append(key) }
                continue
            }
            switch EscapeSequence.read(after: scalars[index...]) {
            case .lone:
                keys.append(.escape)
            case .incomplete:
                // Cut off by the end of input: an unfinished sequence is dropped whole, a bare ESC is Esc.
                if index == scalars.count { keys.append(.escape) }
                index = scalars.count
            case .sequence(let key, let length):
                if let key { keys.append(key) }
                index += length
            }
        }
        return keys
    }
}
