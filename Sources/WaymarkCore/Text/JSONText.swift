import Foundation

/// JSON text is escaped, not stripped: the data must survive, but C1 controls, bidi controls and
/// other invisible format characters are written as `\uXXXX` so that a terminal showing the JSON
/// never acts on them. JSONSerialization already escapes C0.
public enum JSONText {
    /// Whether a scalar inside a JSON string is written as an escape.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x7F: return false  // most of any text, and the property lookup below is slow
        case 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return s.properties.generalCategory == .format && s.value != 0x200D
        }
    }

    /// Escapes in already encoded JSON. The scalars escaped are never JSON syntax, so they can
    /// only stand inside strings, where `\uXXXX` means the same character.
    public static func escaped(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: needsEscape) else { return data }
        var out = ""
        out.reserveCapacity(text.utf8.count + 64)
        for s in text.unicodeScalars {
            if needsEscape(s) {
                for unit in String(s).utf16 { out += "\\u" + String(unit, radix: 16, uppercase: true).leftZeroPadded(4) }
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return Data(out.utf8)
    }
}

extension String {
    fileprivate func leftZeroPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
