import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkTUI
import WaymarkTerminal

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the full-screen interface (the default when no command is given).",
        discussion: "Keys are shown at the bottom of every screen; ? lists them all.")

    enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
        case standard, highContrast = "high-contrast", monochrome
    }

    @Flag(help: "Ask one question at a time on the needs screen (for volunteers).") var guided = false
    @Flag(help: "Let the mouse select and scroll.") var mouse = false
    @Option(help: "standard, high-contrast or monochrome (NO_COLOR or TERM=dumb also give monochrome).") var theme: ThemeChoice = .standard
    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        let index = try ws.searchIndex()
        let context = AppContext(index: index, gazetteer: ws.gazetteer, directoryName: ws.syncStatus() ?? ws.name, isSample: ws.isSample,
                                 now: Console.now, version: WaymarkInfo.version, organisations: ws.organisations)
        let t: Theme = theme == .highContrast ? .highContrast : theme == .monochrome ? .monochrome : .standard
        do {
            try CursesScreen.withScreen(theme: t, mouse: mouse) { screen in
                Program(screen: screen, context: context, store: ws.store, guided: guided, settings: .standard()).run()
            }
        } catch let e as TerminalError {
            throw Console.fail(e.description, code: e.terminalUnavailable ? .unavailable : .ioError)
        }
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the keyboard reference (docs/keyboard.md) from the key table.")

    func run() throws { Console.out(KeyTable.markdown()) }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Open Referral UK files into the working directory, all or nothing.",
        discussion: """
            Each PATH may be a JSON file (one service, a page with "contents", a plain list, an organisation \
            with its services) or a folder: of CSV files with services.csv (a tabular data package), or of JSON files.
            Nothing is written unless every file passes; errors name the file, the record and the field.
            """)

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    @Option(help: "Whose official schemas judge the records: uk (HSDS-UK 3.0) or hsds (HSDS 3.0). Without it, what the feed's api_details declares, else uk.")
    var profile: TabularProfile?

    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let ws = try options.open(create: true)
        guard let store = ws.store else {
            throw Console.fail("--directory names a JSON file, which opens read-only; import into a database instead", code: .usage)
        }
        // The files are read, checked and written in one transaction, one service at a time, so the
        // whole import waits for another one; a refused import rolls back and changes nothing.
        let batch: ImportBatch
        do {
            batch = try FileLock.exclusive(beside: store.path, onWait: { Console.warn("waiting for another import to finish…") }) {
                let source = try store.meta("source")
                var meta: [String: String] = [:]
                if source == "bundled" { meta["source"] = "bundled+import" } else if source == nil { meta["source"] = "import" }
                return try store.importFiles(paths, reader: HSDSReader(taxonomy: ws.taxonomy, profile: profile), source: paths.joined(separator: ", "), meta: meta,
                                             indexWith: ws.taxonomy)
            }
        } catch {
            throw Console.fail("the import failed while writing and was rolled back; nothing changed (\(Store.plain(error))). Check the disk has room and try again.", code: .ioError)
        }
        try report(batch)
        Console.out("Imported \(batch.serviceCount) services from \(batch.organisations.count) organisations.")
    }
}

/// Prints what reading found; throws the right exit code when the files cannot be used.
func report(_ batch: ImportBatch) throws {
    for note in batch.notes { Console.warn("note: " + note) }
    for w in batch.warnings { Console.warn("warning: " + w.description) }
    if batch.omittedWarnings > 0 { Console.warn("… and \(batch.omittedWarnings) more warning(s), not shown") }
    if !batch.missing.isEmpty {
        throw Console.fail(batch.missing.map { "\($0): no such file or folder" }.joined(separator: "\n"), code: .missingInput)
    }
    if !batch.unreadable.isEmpty { throw Console.fail(batch.unreadable.joined(separator: "\n"), code: .ioError) }
    if !batch.errors.isEmpty {
        for e in batch.errors { Console.warn("error: " + e.description) }
        throw Console.fail("\(batch.errors.count) error(s); nothing was imported. Fix the file(s) and try again.", code: .dataError)
    }
}

struct Validate: ParsableCommand {
    static func json(_ issue: ImportIssue) -> JSONValue {
        var o: [String: JSONValue] = ["severity": .string(issue.severity.rawValue), "file": .string(issue.file), "message": .string(issue.message)]
        o["record"] = issue.record.map(JSONValue.string) ?? .null
        o["path"] = issue.path.map(JSONValue.string) ?? .null
        return .object(o)
    }

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check Open Referral UK files without writing anything.")

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    @Option(help: "Whose official schemas judge the records: uk (HSDS-UK 3.0) or hsds (HSDS 3.0). Without it, what the feed's api_details declares, else uk.")
    var profile: TabularProfile?

    @Option(help: "text, or json: every issue with its severity, file, record and field path, on standard output.")
    var format: OutputFormat = .text

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to check") }
    }

    func run() throws {
        let taxonomy = try Fixtures.locate().map { try $0.loadTaxonomy() }
        let batch = HSDSReader(taxonomy: taxonomy, profile: profile).read(paths: paths)
        if format == .json {
            try Console.outJSON(JSONValue.object(["valid": .bool(batch.isAcceptable), "issues": .array(batch.issues.map(Self.json))]))
            if !batch.isAcceptable { throw ExitCode(Exit.dataError.rawValue) }
            return
        }
        try report(batch)
        Console.out("OK: \(batch.services.count) services from \(batch.organisations.count) organisations; \(batch.warnings.count) warning(s).")
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the directory as Open Referral UK.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case orukJSON = "oruk-json", orukCSV = "oruk-csv"
    }

    @Option(help: "oruk-json: one JSON page of full services; oruk-csv: a folder of CSVs with datapackage.json.")
    var format: Format = .orukJSON

    @Option(help: ArgumentHelp("The file (oruk-json) or folder (oruk-csv) to write.", valueName: "path"))
    var out: String

    @Option(help: "uk (HSDS-UK 3.0 package and file names) or hsds (HSDS 3.0); oruk-json declares it, as api_details does.")
    var profile: TabularProfile = .uk

    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        let sources: SourceRecords
        do { sources = try ws.sourceRecords() } catch {
            throw Console.fail("cannot read the stored source records: \(error); re-import the directory", code: .ioError)
        }
        let writer = HSDSWriter(taxonomy: ws.taxonomy, sources: sources)
        do {
            switch format {
            case .orukJSON:
                let orgs = Dictionary(ws.directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                try SafeFile.stream(to: out) { file in
                    try writer.writePage(count: ws.directory.services.count, profile: profile, to: file) { put in
                        for s in ws.directory.services { try put(s, orgs[s.organisationID]) }
                    }
                }
            case .orukCSV:
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                for (name, data) in try writer.csvPackage(ws.directory, descriptor: try ws.fixtures.loadDescriptor(profile)) {
                    try SafeFile.write(data, to: (out as NSString).appendingPathComponent(name))
                }
            }
        } catch {
            throw Console.fail("cannot write \(out): \(error.localizedDescription); check the folder exists and you can write to it", code: .ioError)
        }
        Console.out("Exported \(ws.directory.services.count) services to \(out)")
    }
}

extension TabularProfile: ExpressibleByArgument {}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one service in full.",
        discussion: "ID may be the start of an id, as long as only one service has it.")

    @Argument(help: "The service id, or a unique start of it.")
    var id: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        switch ws.directory.service(idOrPrefix: id) {
        case .failure(let e):
            throw Console.fail(e.description, code: .missingInput)
        case .success(let s):
            let org = ws.directory.organisation(id: s.organisationID)?.name
            switch format {
            case .json: try Console.outJSON(ServiceJSON.detail(s, organisationName: org, now: Console.now))
            case .text:
                Console.out(ServiceCard(taxonomy: ws.taxonomy, now: Console.now).render(s, organisation: org))
                if ws.isSample { Console.out("\n" + Workspace.sampleNotice) }
            }
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every service.")

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        let names = ws.directory.organisationNames
        let services = ws.directory.services.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        switch format {
        case .json:
            try Console.outJSON(JSONValue.array(services.map { ServiceJSON.value($0, organisationName: names[$0.organisationID]) }))
        case .text:
            for s in services {
                let status = s.status == .active ? "" : "  [\(s.status.rawValue)]"
                let line = String(s.id.prefix(8)) + "  " + DisplayText.line(s.name) + " — " + DisplayText.line(names[s.organisationID] ?? "?") + status
                Console.out(ColumnWidth.truncate(line, to: 160))
            }
            Console.out("\(services.count) services from \(ws.directory.organisations.count) organisations. `waymark show ID` shows one.")
            if ws.isSample { Console.out(Workspace.sampleNotice) }
        }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count services by condition, function, area, transport and provider.")

    @OptionGroup var options: DirectoryOptions

    func run() throws {
        let ws = try options.open()
        Console.out(DirectoryStats(directory: ws.directory, taxonomy: ws.taxonomy, gazetteer: ws.gazetteer).render(name: ws.name))
        if let status = ws.syncStatus() { Console.out("Directory \(status).") }
        if ws.isSample { Console.out("\n" + Workspace.sampleNotice) }
    }
}

/// One place `waymark places --format json` found.
struct PlaceJSON: Encodable {
    var name: String
    var area: String
    var lat: Double
    var lon: Double
    var matched_by: String
    var postcode_districts: [String]
    var also_possible: [String]

    init(_ m: PlaceMatch) {
        name = m.place.name; area = m.area; lat = m.place.lat; lon = m.place.lon; matched_by = m.how.rawValue
        postcode_districts = m.place.postcodeDistricts; also_possible = m.alsoPossible
    }
}

struct Places: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "Look up a place, postcode district or postcode in the gazetteer.",
        discussion: "Forgives one wrong letter: \"midsomer nortn\" finds Midsomer Norton.")

    @Argument(parsing: .remaining, help: "What to look up: chew magna, BS31, BA2 8AB.")
    var query: [String]

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if query.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give a place name or postcode to look up") }
    }

    func run() throws {
        guard let fixtures = Fixtures.locate() else { throw Console.fail(FixturesError.notFound.description, code: .ioError) }
        let gazetteer = try fixtures.loadGazetteer()
        let taxonomy = try fixtures.loadTaxonomy()
        let q = query.joined(separator: " ")
        let matches = gazetteer.lookup(q)
        if format == .json {
            try Console.outJSON(matches.map(PlaceJSON.init))
            return
        }
        guard !matches.isEmpty else {
            throw Console.fail("no place matches \"\(q)\"; try a town or village name, or a postcode such as BA2 8AB", code: .dataError)
        }
        for m in matches {
            var line = "\(m.place.name)  —  \(taxonomy.label(m.area)) (\(m.area))  \(String(format: "%.4f, %.4f", m.place.lat, m.place.lon))"
            line += "  [\(m.place.postcodeDistricts.joined(separator: " "))]  matched by \(m.how.rawValue)"
            if !m.alsoPossible.isEmpty { line += "; may also be " + m.alsoPossible.map { taxonomy.label($0) }.joined(separator: ", ") }
            Console.out(DisplayText.line(line))
        }
    }
}
