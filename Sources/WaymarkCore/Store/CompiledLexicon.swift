import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lexicon as `Lexicon` holds it, kept beside the database (`NAME.sqlite.lexicon`), so that a
/// cold start reads stemmed, deduplicated entries instead of decoding `lexicon.json` and stemming
/// every phrase again (that was 43% of a cold bundled search).
///
/// The file is one header line, then one line per entry: phrase, stemmed key, single, exact and
/// codes split by the ASCII unit separator (0x1F); codes by the record separator (0x1E), a code
/// from its weight by the group separator (0x1D). A lexicon whose words hold any control
/// character is not written to a file at all, only parsed each time. The header is the fingerprint: this layout's version, the stored
/// index's format version (which changes whenever stemming or normalising does) and a hash of
/// `lexicon.json`'s bytes. Any difference, or a file that does not parse, means the lexicon is
/// compiled again from the JSON and the file replaced by rename, so a changed lexicon is
/// never served stale and two processes writing at once each leave a whole file.
public enum CompiledLexicon {
    /// This file's own layout; bump it when the line format changes.
    static let formatVersion = 1
    static let field: UInt8 = 0x1F
    static let code: UInt8 = 0x1E
    static let weight: UInt8 = 0x1D
    static let newline: UInt8 = 0x0A

    public static func path(for databasePath: String) -> String { databasePath + ".lexicon" }

    /// What the compiled file must say in its first line to be used for `source`.
    static func fingerprint(source: Data) -> String {
        var hash = FNV1a()
        hash.add(data: source)
        return "waymark lexicon \(formatVersion); index format \(IndexImage.formatVersion); source \(hash.hex)"
    }

    /// The lexicon for `source` (the bytes of `lexicon.json`): read from the compiled file beside
    /// `databasePath` when it was made from these bytes, else compiled and the file rewritten.
    /// A directory that cannot be written only costs the compile.
    public static func load(source: Data, databasePath: String) throws -> Lexicon {
        let wanted = fingerprint(source: source)
        let file = path(for: databasePath)
        if let bytes = FileManager.default.contents(atPath: file), let lexicon = decode(bytes, fingerprint: wanted) {
            return lexicon
        }
        let lexicon = try Lexicon(data: source)
        if let bytes = encode(lexicon, fingerprint: wanted) { write(bytes, to: file) }
        return lexicon
    }

    static func encode(_ lexicon: Lexicon, fingerprint: String) -> [UInt8]? {
        let separable = { (s: String) in !s.utf8.contains { $0 < 0x20 } }
        guard lexicon.entries.allSatisfy({ e in separable(e.phrase) && e.key.allSatisfy(separable)
            && e.codes.allSatisfy { separable($0.code) } }) else { return nil }
        var out = Array(fingerprint.utf8)
        out.append(newline)
        for e in lexicon.entries {
            out += e.phrase.utf8; out.append(field)
            out += e.key.joined(separator: " ").utf8; out.append(field)
            out += (e.single.map { "+" + $0 } ?? "-").utf8; out.append(field)
            out += (e.exact.map { "+" + $0 } ?? "-").utf8; out.append(field)
            for (i, c) in e.codes.enumerated() {
                if i > 0 { out.append(code) }
                out += c.code.utf8; out.append(weight)
                out += "\(c.weight)".utf8
            }
            out.append(newline)
        }
        return out
    }

    /// The entries of a compiled file made for `fingerprint`; nil when it was made for other
    /// bytes or is damaged in any way.
    static func decode(_ data: Data, fingerprint: String) -> Lexicon? {
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
        guard lines.last?.isEmpty == true else { return nil }  // cut short: the last line has no end
        lines.removeLast()
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == fingerprint else { return nil }
        func text(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        /// "-" is none, "+word" is the word.
        func optional(_ s: ArraySlice<UInt8>) -> String?? {
            if s.count == 1, s.first == UInt8(ascii: "-") { return .some(nil) }
            return s.first == UInt8(ascii: "+") ? .some(text(s.dropFirst())) : nil
        }
        var entries: [Lexicon.Entry] = []
        entries.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() {
            let f = line.split(separator: field, omittingEmptySubsequences: false)
            guard f.count == 5 else { return nil }
            let key = f[1].split(separator: UInt8(ascii: " ")).map { text($0) }
            guard !key.isEmpty, let single = optional(f[2]), let exact = optional(f[3]) else { return nil }
            var codes: [(code: String, weight: Double)] = []
            for pair in f[4].split(separator: code) {
                let parts = pair.split(separator: weight, omittingEmptySubsequences: false)
                guard parts.count == 2, let w = Double(text(parts[1])) else { return nil }
                codes.append((text(parts[0]), w))
            }
            entries.append(Lexicon.Entry(phrase: text(f[0]), key: key, single: single, exact: exact, codes: codes))
        }
        return Lexicon(compiled: entries)
    }

    /// Best effort: a temporary file renamed into place, so a reader sees the old file or the new one.
    static func write(_ bytes: [UInt8], to file: String) {
        let tmp = file + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else { return }
        if rename(tmp, file) != 0 { unlink(tmp) }
    }
}
