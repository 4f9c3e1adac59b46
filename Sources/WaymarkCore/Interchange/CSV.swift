/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
public enum CSV {
    /// Parses text into rows of fields. A trailing newline does not make an empty row.
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var afterQuote = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = it.next()
        if pending == "\u{FEFF}" { pending = it.next() }
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
            case "\r": continue
            case "\n":
                row.append(String(field)); field = .init(); afterQuote = false
                rows.append(row); row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty || afterQuote { row.append(String(field)); rows.append(row) }
        return rows
    }

    /// Rows with the header as keys; empty cells are left out.
    public static func records(_ text: String) -> (header: [String], rows: [[String: String]]) {
        var rows = parse(text)
        guard !rows.isEmpty else { return ([], []) }
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        let records = rows.filter { !($0.count == 1 && $0[0].isEmpty) }.map { fields -> [String: String] in
            var r: [String: String] = [:]
            for (i, name) in header.enumerated() where i < fields.count && !fields[i].isEmpty { r[name] = fields[i] }
            return r
        }
        return (header, records)
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
