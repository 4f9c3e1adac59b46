/// A one-line text field with a cursor. Printable keys are text; every other key it reacts
/// to is an editing action from the key table.
public struct TextField: Equatable, Sendable {
    public var text: String = ""
    public var cursor: Int = 0
    public static let maxLength = 500

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Types one character; returns false when it could not go in (a control character, or the field is full).
    @discardableResult
    public mutating func insert(_ c: Character) -> Bool {
        // Tabs and control characters never enter a field.
        guard !c.isNewline, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return false }
        var chars = Array(text)
        guard chars.count < TextField.maxLength else { return false }
        chars.insert(c, at: cursor)
        cursor += 1
        text = String(chars)
        return true
    }

    /// Applies an editing action; returns false when it is not one.
    public mutating func edit(_ action: Action) -> Bool {
        var chars = Array(text)
        switch action {
        case .deleteBack:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1); cursor -= 1
        case .deleteForward:
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = chars.count
        case .clearLine: chars.removeAll(); cursor = 0
        case .deleteWord:
            var i = cursor
            while i > 0, chars[i - 1] == " " { i -= 1 }
            while i > 0, chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Types a key or applies an action: the one way every field takes input. Returns true if the text changed.
    @discardableResult
    public mutating func take(_ key: Key, _ action: Action?) -> Bool {
        let before = text
        if let action { _ = edit(action) } else if case .char(let c) = key { insert(c) }
        return text != before
    }
}

/// A question in a box: a typed answer, or a choice.
public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case note(index: Int), privateNote(index: Int), listNote, listPrivateNote, givenBy, keepGivenBy(String)
        case rename, firstName, exportFormat, openShortlist(names: [String]), place, age
        case confirmNewPerson, startChoice(last: String)
    }
    public var kind: Kind
    public var title: String
    public var field: TextField
    public var choices: [String]
    public var choice: Int = 0

    public init(kind: Kind, title: String, field: TextField = TextField(), choices: [String] = []) {
        self.kind = kind
        self.title = title
        self.field = field
        self.choices = choices
    }

    var keyContext: KeyContext { choices.isEmpty ? .prompt : .choice }
}
