/// Display width of text in terminal columns, measured per grapheme cluster (what the eye
/// sees as one character) from Unicode's properties, as terminals and glibc's wcwidth count:
/// East Asian Wide and Fullwidth characters and emoji shown as emoji take two columns;
/// combining marks, joiners (ZWJ, ZWNJ, WJ), variation selectors, skin-tone modifiers after a
/// base and Hangul vowel and final jamo take none. A ZWJ family or a flag is one cluster, two wide.
public enum ColumnWidth {
    /// The width of one scalar shown on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if isZeroWidth(scalar) { return 0 }
        return isWide(scalar) ? 2 : 1
    }

    /// The width of one grapheme cluster: that of its first visible scalar, unless a
    /// variation selector asks for emoji (two) or text (one) presentation.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first(where: { !isZeroWidth($0) }) else { return 0 }
        if scalars.count > 1 {
            if scalars.contains(emojiPresentationSelector), base.properties.isEmoji { return 2 }
            if scalars.contains(textPresentationSelector), !isEastAsianWide(base) { return 1 }
        }
        return isWide(base) ? 2 : 1
    }

    public static func of(_ text: String) -> Int {
        // Plain ASCII, the common case, is one column a byte.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Splits so that the head takes at most `columns` columns.
    public static func split(_ text: String, at columns: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        for ch in text {
            let w = of(ch)
            if used + w > columns { break }
            used += w
            index = text.index(after: index)
        }
        if index == text.startIndex, !text.isEmpty { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }

    /// Cuts text to fit `columns`, ending with "…" when something was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        // split always gives at least one character; a wide one may not fit before the "…".
        let head = split(text, at: columns - 1).0
        return of(head) <= columns - 1 ? head + "…" : "…"
    }

    // MARK: Properties

    static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"
    static let textPresentationSelector: Unicode.Scalar = "\u{FE0E}"

    /// Takes no column: controls, combining and enclosing marks, format characters (ZWJ,
    /// ZWNJ, WJ, soft hyphen, bidi marks), and the Hangul vowel and final jamo that join
    /// onto a leading consonant.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return true }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Two columns: East Asian Wide or Fullwidth, or an emoji shown as emoji by default.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        isEastAsianWide(scalar) || scalar.properties.isEmojiPresentation
    }

    static func isEastAsianWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < eastAsianWide[0].lowerBound { return false }
        var low = 0, high = eastAsianWide.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = eastAsianWide[mid]
            if v < range.lowerBound { high = mid - 1 } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// East_Asian_Width W and F (EastAsianWidth.txt, Unicode 14), unassigned gaps bridged.
    /// Generated with Python's unicodedata; newer emoji are caught by Emoji_Presentation.
    static let eastAsianWide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
        0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAD9,
        0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x1B2FB,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320,
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596,
        0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x3FFFD
    ]
}
