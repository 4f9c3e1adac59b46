import Foundation

/// The list a person takes home: what each service is, how to contact it, when and where,
/// how to get there, what it costs, and what to say when they call.
public struct Handout: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, largePrint = "large-print", markdown, html

        public var fileExtension: String {
            switch self {
            case .text: return "txt"
            case .largePrint: return "large.txt"
            case .markdown: return "md"
            case .html: return "html"
            }
        }

        public var label: String {
            switch self {
            case .text: return "plain text"
            case .largePrint: return "large print"
            case .markdown: return "Markdown"
            case .html: return "web page for printing (A4)"
            }
        }
    }

    public struct Entry: Sendable {
        public var service: Service
        public var organisation: String
        public var note: String

        public init(service: Service, organisation: String, note: String) {
            self.service = service
            self.organisation = organisation
            self.note = note
        }
    }

    public var entries: [Entry]
    public var firstName: String?
    public var date: LocalDate
    public var sampleData: Bool
    public var taxonomy: Taxonomy
    public var now: LocalDateTime

    public init(entries: [Entry], firstName: String?, now: LocalDateTime, sampleData: Bool, taxonomy: Taxonomy) {
        self.entries = entries
        let name = firstName.map(DisplayText.line)?.trimmingCharacters(in: .whitespaces)
        self.firstName = (name?.isEmpty ?? true) ? nil : name
        self.date = now.date
        self.now = now
        self.sampleData = sampleData
        self.taxonomy = taxonomy
    }

    /// One service's parts, already made safe for any output.
    struct Parts {
        var title: String
        var what: String
        var contact: [String]
        var whenWhere: [String]
        var gettingThere: [String]
        var cost: String
        var say: String
        var note: String?
    }

    func parts(_ e: Entry) -> Parts {
        let s = e.service
        let t = DisplayText.line
        let sentences = t(s.description).split(separator: ".", omittingEmptySubsequences: true).prefix(2).map { $0.trimmingCharacters(in: .whitespaces) + "." }
        var contact = s.phones.map { "Phone \(t($0.number))" + ($0.description.map { " (\(t($0)))" } ?? "") }
        if let e = s.email { contact.append("Email \(t(e))") }
        if let u = s.url { contact.append("Web \(t(u))") }
        var whenWhere = s.schedules.map { t($0.summary) }
        for l in s.physicalLocations { whenWhere.append(t(l.oneLine)) }
        let ways = s.codes(.transport).filter { ["home-visit", "phone", "online"].contains($0) }.map { taxonomy.label($0) }
        if !ways.isEmpty { whenWhere.append(ways.joined(separator: ", ")) }
        var getting = s.physicalLocations.compactMap { $0.transportation.map(t) }
        getting += s.physicalLocations.flatMap { $0.accessibility.map { t($0.description) } }
        if s.has("home-visit", in: .transport) { getting.insert("They come to you.", at: 0) }
        var cost = s.codes(.cost).map { taxonomy.label($0) }.joined(separator: ", ")
        if let fees = s.fees { cost += cost.isEmpty ? t(fees) : ": " + t(fees) }
        let referral = s.codes(.referral)
        var say = "Say: \"I'd like to ask about \(t(s.name)).\""
        if referral.contains("gp-referral") && !referral.contains("self-referral") { say += " You need a GP referral first: ask your GP surgery." }
        else if referral.contains("professional-referral") && !referral.contains("self-referral") { say += " A health or care worker needs to refer you: ask them." }
        else { say += " You can refer yourself." }
        return Parts(title: t(s.name) + " — " + t(e.organisation), what: sentences.joined(separator: " "), contact: contact,
                     whenWhere: whenWhere, gettingThere: getting, cost: cost.isEmpty ? "Ask when you call." : cost, say: say,
                     note: e.note.isEmpty ? nil : t(e.note))
    }

    var heading: String { firstName.map { "Services for \($0)" } ?? "Services to contact" }
    var dateLine: String { "Made on \(date.longText)" }
    var footer: String {
        (sampleData ? Workspace.sampleNotice + " " : "") + "Check details with the service before you travel."
    }

    /// The handout in a format. Every format is sanitised last, here, so no escape sequence or
    /// control character from data reaches the file, whoever later prints or `cat`s it.
    public func render(_ format: Format) -> String {
        switch format {
        case .text: return DisplayText.text(plain(width: 72, large: false))
        case .largePrint: return DisplayText.text(plain(width: 40, large: true))
        case .markdown: return DisplayText.text(markdown())
        case .html: return DisplayText.text(html())
        }
    }

    func plain(width: Int, large: Bool) -> String {
        var out: [String] = []
        let rule = String(repeating: large ? "=" : "-", count: width)
        out.append(large ? heading.uppercased() : heading)
        out.append(dateLine)
        out.append(rule)
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("")
            out += Wrap.lines("\(i + 1). \(large ? p.title.uppercased() : p.title)", width: width)
            if let note = p.note { out += Wrap.lines("Note: \(note)", width: width) }
            out += Wrap.lines(p.what, width: width)
            func section(_ title: String, _ lines: [String]) {
                guard !lines.isEmpty else { return }
                out.append(large ? title.uppercased() + ":" : title + ":")
                for l in lines { out += Wrap.lines(l, width: width - 2).map { "  " + $0 } }
            }
            section("How to contact", p.contact)
            section("When and where", p.whenWhere)
            section("Getting there", p.gettingThere)
            section("Cost", [p.cost])
            section("When you call", [p.say])
        }
        out.append("")
        out.append(rule)
        out += Wrap.lines(footer, width: width)
        return out.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        func md(_ s: String) -> String {
            var r = ""
            for ch in s { if "\\`*_{}[]<>()#+-.!|".contains(ch) { r.append("\\") }; r.append(ch) }
            return r
        }
        var out = ["# \(md(heading))", "", "_\(md(dateLine))_", ""]
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("## \(i + 1)\\. \(md(p.title))")
            out.append("")
            if let note = p.note { out.append("> **Note:** \(md(note))"); out.append("") }
            out.append(md(p.what))
            out.append("")
            for (title, lines) in [("How to contact", p.contact), ("When and where", p.whenWhere), ("Getting there", p.gettingThere),
                                   ("Cost", [p.cost]), ("When you call", [p.say])] where !lines.isEmpty {
                out.append("**\(title)**")
                out.append("")
                out += lines.map { "- " + md($0) }
                out.append("")
            }
        }
        out.append("---")
        out.append("")
        out.append("_\(md(footer))_")
        return out.joined(separator: "\n") + "\n"
    }

    func html() -> String {
        func h(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out = ["<!DOCTYPE html>", "<html lang=\"en-GB\">", "<head>", "<meta charset=\"utf-8\">",
                   "<title>\(h(heading))</title>",
                   "<style>@page { size: A4; margin: 18mm; } body { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.45; color: #000; background: #fff; max-width: 170mm; margin: 0 auto; } h1 { font-size: 22pt; margin-bottom: 0; } h2 { font-size: 17pt; margin-top: 1.2em; border-top: 2px solid #000; padding-top: 0.4em; page-break-after: avoid; } section { page-break-inside: avoid; } dt { font-weight: bold; margin-top: 0.4em; } dd { margin-left: 0; } .note { border-left: 4px solid #000; padding-left: 0.5em; } footer { margin-top: 2em; font-size: 11pt; border-top: 1px solid #000; padding-top: 0.5em; }</style>",
                   "</head>", "<body>", "<h1>\(h(heading))</h1>", "<p>\(h(dateLine))</p>"]
        for (i, e) in entries.enumerated() {
            let p = parts(e)
            out.append("<section>")
            out.append("<h2>\(i + 1). \(h(p.title))</h2>")
            if let note = p.note { out.append("<p class=\"note\"><strong>Note:</strong> \(h(note))</p>") }
            out.append("<p>\(h(p.what))</p>")
            out.append("<dl>")
            for (title, lines) in [("How to contact", p.contact), ("When and where", p.whenWhere), ("Getting there", p.gettingThere),
                                   ("Cost", [p.cost]), ("When you call", [p.say])] where !lines.isEmpty {
                out.append("<dt>\(h(title))</dt>")
                out += lines.map { "<dd>\(h($0))</dd>" }
            }
            out.append("</dl>")
            out.append("</section>")
        }
        out.append("<footer>\(h(footer))</footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Where handouts go: ~/Documents/waymark/, or the current folder when there is no Documents folder.
    public static func folder(home: String = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(), currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let documents = (home as NSString).appendingPathComponent("Documents")
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: documents, isDirectory: &isDir), isDir.boolValue {
            return (documents as NSString).appendingPathComponent("waymark")
        }
        return currentDirectory
    }

    /// Writes the handout and returns its path. The file name carries the date, never a person's name.
    public func write(_ format: Format, folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var path = (folder as NSString).appendingPathComponent("waymark-handout-\(date).\(format.fileExtension)")
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = (folder as NSString).appendingPathComponent("waymark-handout-\(date)-\(n).\(format.fileExtension)")
            n += 1
        }
        try SafeFile.write(Data(render(format).utf8), to: path)
        return path
    }
}
