import Foundation

/// A regular expression that first asks whether the text holds any of the literal words that
/// every match must contain, and runs ICU only when it does.
///
/// The safety check and the reading of who speaks run a few hundred patterns over every
/// person's words, on each keystroke of the needs form. Nearly all of them cannot match most
/// texts: "suicidal" is not in "my mum keeps forgetting things". ICU does not know that
/// without trying its start set at every position, and that trying was 40% of a warm match
/// (`perf`, `waymark bench --scenario bundled`, 2026-12-07). The gate is a byte search for a few
/// short strings, so an answer is the regex's own whenever the gate lets it run, and the gate
/// shuts only when no match can exist (`RegexGate.required`, held to that by GatedRegexTests).
public final class GatedRegex: @unchecked Sendable {
    public let regex: NSRegularExpression
    /// One of these occurs in every match; empty when the pattern guarantees no literal, and then
    /// the regex always runs.
    public let gate: [[UInt8]]

    public init(_ pattern: String, options: NSRegularExpression.Options = []) {
        regex = try! NSRegularExpression(pattern: pattern, options: options)
        // A case-insensitive pattern gets no gate: its literals would have to be folded too. The
        // readers fold the text and match case-sensitively, so none of theirs is one.
        gate = options.contains(.caseInsensitive) ? [] : (RegexGate.required(pattern).map { $0.sorted().map { Array($0.utf8) } } ?? [])
    }

    /// False only when no match can exist in `text`.
    public func mayMatch(_ text: String) -> Bool {
        guard !gate.isEmpty else { return true }
        var text = text
        return text.withUTF8 { bytes in gate.contains { Matcher.contains(bytes, $0) } }
    }

    public func firstMatch(in text: String, range: NSRange) -> NSTextCheckingResult? {
        mayMatch(text) ? regex.firstMatch(in: text, range: range) : nil
    }

    public func matches(in text: String, range: NSRange) -> [NSTextCheckingResult] {
        mayMatch(text) ? regex.matches(in: text, range: range) : []
    }
}

/// Reads an ICU pattern for the literal strings a match cannot do without.
///
/// Only what is certain is used: a run of plain characters that no quantifier can drop, or a
/// group every alternative of which has such a run. Anything else (classes, `.`, `\w`, optional
/// parts) ends a run and adds nothing; lookarounds and `\b`, `^`, `$` match no characters and are
/// passed over. Of the runs found in a branch, the one whose shortest string is longest is kept,
/// as the most selective. A pattern with a branch that has none gets no gate (nil).
enum RegexGate {
    /// Strings one of which occurs in every match of `pattern`, or nil when that cannot be said.
    static func required(_ pattern: String) -> Set<String>? {
        let chars = Array(pattern.unicodeScalars)
        var i = 0
        var unsupported = false
        let found = alternation(chars, &i, closing: false, &unsupported)
        return unsupported || i < chars.count ? nil : found
    }

    /// Escapes whose meaning runs on past their letter (`\u2019`, `\x{41}`, `\p{L}`, `\Q…\E`):
    /// a pattern with one gets no gate rather than a wrong one.
    private static let unreadEscapes = "uUxNcpPQE0".unicodeScalars

    /// `a|b|c` up to the end, or up to the `)` that closes the group when `closing`.
    private static func alternation(_ p: [Unicode.Scalar], _ i: inout Int, closing: Bool, _ unsupported: inout Bool) -> Set<String>? {
        var union: Set<String> = []
        var known = true
        while true {
            let branch = sequence(p, &i, &unsupported)
            if let branch { union.formUnion(branch) } else { known = false }
            if i < p.count, p[i] == "|" { i += 1; continue }
            if closing {
                if i < p.count, p[i] == ")" { i += 1 } else { unsupported = true }
            }
            break
        }
        return known && !union.isEmpty ? union : nil
    }

    /// One branch: atoms until `|`, `)` or the end.
    private static func sequence(_ p: [Unicode.Scalar], _ i: inout Int, _ unsupported: inout Bool) -> Set<String>? {
        var best: Set<String>?
        var run = ""
        func offer(_ s: Set<String>?) {
            guard let s, !s.isEmpty, let shortest = s.map(\.count).min(), shortest > 0 else { return }
            if let b = best, (b.map(\.count).min() ?? 0) >= shortest { return }
            best = s
        }
        func flush() { if !run.isEmpty { offer([run]); run = "" } }
        while i < p.count, p[i] != "|", p[i] != ")" {
            let c = p[i]
            enum Atom { case literal(Unicode.Scalar), zeroWidth, other, group(Set<String>?) }
            var atom: Atom
            switch c {
            case "\\":
                guard i + 1 < p.count, !unreadEscapes.contains(p[i + 1]) else { unsupported = true; return nil }
                let e = p[i + 1]
                i += 2
                if "bBAzZG".unicodeScalars.contains(e) { atom = .zeroWidth }
                else if e.properties.isAlphabetic || e.properties.numericType != nil { atom = .other }
                else { atom = .literal(e) }
            case "(":
                i += 1
                if i + 1 < p.count, p[i] == "?" {
                    let kind = p[i + 1]
                    if kind == "=" || kind == "!" || (kind == "<" && i + 2 < p.count && (p[i + 2] == "=" || p[i + 2] == "!")) {
                        skipGroup(p, &i)
                        atom = .zeroWidth
                        break
                    }
                    // Inline flags and named groups: not read.
                    guard kind == ":" else { unsupported = true; return nil }
                    i += 2
                }
                atom = .group(alternation(p, &i, closing: true, &unsupported))
            case "[":
                skipClass(p, &i)
                atom = .other
            case "^", "$":
                i += 1
                atom = .zeroWidth
            case ".":
                i += 1
                atom = .other
            default:
                i += 1
                atom = .literal(c)
            }
            let (present, quantified) = quantifier(p, &i)
            switch atom {
            case .zeroWidth:
                break // matches no characters, so the run goes on across it
            case .literal(let ch):
                if present { run.unicodeScalars.append(ch) } else { flush() }
                if quantified { flush() }
            case .other:
                flush()
            case .group(let set):
                flush()
                if present { offer(set) }
            }
        }
        flush()
        return best
    }

    /// Reads a quantifier after an atom: whether the atom must be there at least once, and
    /// whether any quantifier was written (a repeated character ends a literal run).
    private static func quantifier(_ p: [Unicode.Scalar], _ i: inout Int) -> (present: Bool, quantified: Bool) {
        guard i < p.count else { return (true, false) }
        var present = true
        switch p[i] {
        case "?", "*": present = false; i += 1
        case "+": i += 1
        case "{":
            var j = i + 1, digits = ""
            while j < p.count, p[j] != "}", p[j] != "," { digits.unicodeScalars.append(p[j]); j += 1 }
            while j < p.count, p[j] != "}" { j += 1 }
            present = (Int(digits) ?? 0) > 0
            i = min(j + 1, p.count)
        default: return (true, false)
        }
        if i < p.count, p[i] == "?" || p[i] == "+" { i += 1 }
        return (present, true)
    }

    /// Past a group whose `(` has been read, to the character after its `)`.
    private static func skipGroup(_ p: [Unicode.Scalar], _ i: inout Int) {
        var depth = 1
        while i < p.count, depth > 0 {
            switch p[i] {
            case "\\": i += 1
            case "[": skipClass(p, &i); continue
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            i += 1
        }
    }

    /// Past a character class at `[`, to the character after its `]`.
    private static func skipClass(_ p: [Unicode.Scalar], _ i: inout Int) {
        i += 1
        if i < p.count, p[i] == "^" { i += 1 }
        if i < p.count, p[i] == "]" { i += 1 }
        while i < p.count, p[i] != "]" {
            if p[i] == "\\" { i += 1 }
            else if p[i] == "[" { skipClass(p, &i); continue }
            i += 1
        }
        i += 1
    }
}
