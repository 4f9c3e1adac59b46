import Foundation

/// The list a person takes home: for each service, why it was suggested, the next session,
/// the venue nearest to them and how to get there, what it costs, what to have ready and what
/// to say when they call; then who gave it to them, and where to turn in an emergency.
///
/// A handout holds only what is meant for the person. A navigator's private notes stay on
/// the `Shortlist` and have no field here, so no format can print them.
public struct Handout: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, largePrint = "large-print", markdown, html, largeHTML = "large-html"

        /// The name scripts type (`waymark handout --format large`).
        public var name: String {
            switch self {
            case .text: return "text"
            case .largePrint: return "large"
            case .markdown: return "markdown"
            case .html: return "html"
            case .largeHTML: return "large-html"
            }
        }

        /// A format from its name (`large`) or its older raw value (`large-print`).
        public init?(name: String) {
            guard let f = Format.allCases.first(where: { $0.name == name.lowercased() }) ?? Format(rawValue: name.lowercased()) else { return nil }
            self = f
        }

        public var fileExtension: String {
            switch self {
            case .text: return "txt"
            case .largePrint: return "large.txt"
            case .markdown: return "md"
            case .html: return "html"
            case .largeHTML: return "large.html"
            }
        }

        public var label: String {
            switch self {
            case .text: return "plain text"
            case .largePrint: return "large print"
            case .markdown: return "Markdown"
            case .html: return "web page for printing (A4)"
            case .largeHTML: return "large-print web page for printing (A4)"
            }
        }

        /// Whether the format is a web page (printed through a browser engine, not as text).
        public var isHTML: Bool { self == .html || self == .largeHTML }
        public var isLarge: Bool { self == .largePrint || self == .largeHTML }
    }

    /// One service on the handout. `note` is the note *for the person* ("ask for Sue").
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
    /// Where the person lives, for the nearest venue and how far it is.
    public var place: PlaceMatch?
    /// The person's needs as condition and function codes, so "why" and "what to say" are theirs.
    public var needs: [String]
    /// "Given to you by …": the navigator's name, when they type one.
    public var givenBy: String?
    /// A note for the person about the whole list, printed under the heading.
    public var note: String

    public init(entries: [Entry], firstName: String?, now: LocalDateTime, sampleData: Bool, taxonomy: Taxonomy,
                place: PlaceMatch? = nil, needs: [String] = [], givenBy: String? = nil, note: String = "") {
        self.entries = entries
        self.firstName = Handout.typed(firstName)
        self.date = now.date
        self.now = now
        self.sampleData = sampleData
        self.taxonomy = taxonomy
        self.place = place
        self.needs = needs
        self.givenBy = Handout.typed(givenBy)
        self.note = DisplayText.block(note).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The handout for a saved list: each item's note for the person comes with it; the
    /// navigator's private notes (the item's and the list's) are left behind here, by construction.
    /// Items whose service is no longer in the directory are skipped.
    public init(list: Shortlist, lookup: (String) -> (service: Service, organisation: String)?, firstName: String?, now: LocalDateTime,
                sampleData: Bool, taxonomy: Taxonomy, place: PlaceMatch? = nil, needs: [String] = [], givenBy: String? = nil) {
        let entries = list.items.compactMap { item in lookup(item.serviceID).map { Entry(service: $0.service, organisation: $0.organisation, note: item.note) } }
        self.init(entries: entries, firstName: firstName, now: now, sampleData: sampleData, taxonomy: taxonomy, place: place, needs: needs,
                  givenBy: givenBy, note: list.note)
    }

    /// The most of "given to you by …" a navigator may type: a name, a role and an organisation.
    public static let givenByLimit = 120

    /// A typed name, on one line, or nil when only spaces were typed.
    static func typed(_ text: String?) -> String? {
        let name = text.map(DisplayText.line)?.trimmingCharacters(in: .whitespaces)
        return (name?.isEmpty ?? true) ? nil : name
    }

    /// The handout in a format, as the files, the printer and standard output take it. Every
    /// format is sanitised last, here, so no escape sequence or control character from data
    /// reaches the file, whoever later prints or `cat`s it.
    public func rendered(_ format: Format) -> SafeText {
        switch format {
        case .text: return SafeText(text: plain(width: 72, large: false))
        case .largePrint: return SafeText(text: plain(width: Handout.largePrintColumns, large: true))
        case .markdown: return SafeText(text: markdown())
        case .html: return SafeText(text: html(large: false))
        case .largeHTML: return SafeText(text: html(large: true))
        }
    }

    /// The rendered handout's characters, for a caller that reads them (tests, previews).
    public func render(_ format: Format) -> String { rendered(format).string }

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
        try SafeFile.write(rendered(format).data, to: path)
        return path
    }

    /// Writes the handout to a path the user chose (owner-only, write-then-rename).
    public func write(_ format: Format, to path: String) throws {
        try SafeFile.write(rendered(format).data, to: path)
    }
}
