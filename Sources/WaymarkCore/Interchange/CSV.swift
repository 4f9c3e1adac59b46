/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
/// Lines may end in CRLF, LF or a lone CR (old Mac exports), so no file reads as empty.
public enum CSV {
    /// One record as read: where it starts, and its cells.
    public struct Row: Equatable, Sendable {
        /// The record's number in the file, counting the header as 1 (a quoted newline does not start a new one).
        public var number: Int
        public var fields: [String]
    }

    /// Something wrong with the file's shape rather than a value: reported, never silently mended.
    public struct Problem: Equatable, Sendable {
        public enum Severity: Sendable { case error, warning }
        public var severity: Severity
        /// The record number (header = 1).
        public var row: Int
        public var column: String?
        public var message: String
    }

    /// Parses text into rows of fields. A trailing newline does not make an empty row.
    public static func parse(_ text: String) -> [[String]] { scan(text).rows.map(\.fields) }

    /// Parses text into numbered rows, and the row whose opening quote is never closed, if any.
    public static func scan(_ text: String) -> (rows: [Row], unclosedQuoteAt: Int?) {
        var rows: [Row] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var afterQuote = false
        var number = 1
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = it.next()
        if pending == "\u{FEFF}" { pending = it.next() }
        func endRow() {
            row.append(String(field)); field = .init(); afterQuote = false
            rows.append(Row(number: number, fields: row)); row = []
            number += 1
        }
        while let c = pending {
            pending = it.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.append("\""); pending = it.next() } else { inQuotes = false; afterQuote = true }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: inQuotes = true
            case ",": row.append(String(field)); field = .init(); afterQuote = false
            case "\r":
                if pending == "\n" { pending = it.next() }
                endRow()
            case "\n": endRow()
            default: field.append(c)
            }
        }
        let unclosed = inQuotes ? number : nil
        if !field.isEmpty || !row.isEmpty || afterQuote || inQuotes { row.append(String(field)); rows.append(Row(number: number, fields: row)) }
        return (rows, unclosed)
    }

    /// Rows with the header as keys; empty cells are left out. `problems` holds every way the
    /// file's shape would lose or invent data: an unclosed quote, a repeated or empty-named
    /// column, a row with more cells than the header (an error), or fewer (a warning: the
    /// missing cells read as empty).
    public static func records(_ text: String) -> (header: [String], rows: [(number: Int, record: [String: String])], problems: [Problem]) {
        let (scanned, unclosed) = scan(text)
        var rows = scanned[...]
        var problems: [Problem] = []
        if let at = unclosed {
            problems.append(Problem(severity: .error, row: at, column: nil,
                                    message: "a quoted cell opens here and is never closed, so the rest of the file would be one cell; close the quote (write a quote inside a cell as \"\")"))
            return ([], [], problems)
        }
        guard let first = rows.popFirst() else { return ([], [], []) }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty, header.count > 1 {
                problems.append(Problem(severity: .error, row: 1, column: "column \(i + 1)", message: "the header has no name for this column; name it or remove the column"))
            } else if let earlier = seen[name] {
                problems.append(Problem(severity: .error, row: 1, column: name,
                                        message: "the header names this column twice (columns \(earlier + 1) and \(i + 1)); one would hide the other, so rename or remove one"))
            } else { seen[name] = i }
        }
        var records: [(number: Int, record: [String: String])] = []
        for row in rows where !(row.fields.count == 1 && row.fields[0].isEmpty) {
            if row.fields.count > header.count {
                problems.append(Problem(severity: .error, row: row.number, column: nil,
                                        message: "has \(row.fields.count) cells but the header names \(header.count) columns; the extra cells would be lost, so add their column names or remove them (a comma inside a cell needs quotes)"))
            } else if row.fields.count < header.count {
                problems.append(Problem(severity: .warning, row: row.number, column: header[row.fields.count],
                                        message: "has \(row.fields.count) cells but the header names \(header.count) columns; the missing cells from here on are read as empty"))
            }
            var r: [String: String] = [:]
            for (i, name) in header.enumerated() where i < row.fields.count && !row.fields[i].isEmpty { r[name] = row.fields[i] }
            records.append((row.number, r))
        }
        return (header, records, problems)
    }

    public static func escape(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    public static func write(header: [String], rows: [[String: String]]) -> String {
        var out = header.map(escape).joined(separator: ",") + "\r\n"
        for r in rows { out += header.map { escape(r[$0] ?? "") }.joined(separator: ",") + "\r\n" }
        return out
    }
}

import Foundation
