import ArgumentParser
import Foundation
import WaymarkCore

extension Handout.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}

struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the handout a person takes home, for the services given.",
        discussion: """
            The same handout the full-screen interface writes: for each service, why it was suggested, \
            the next session with its date, the venue nearest to them and how to get there, what it costs, \
            what to have ready and what to say when they call; then "given to you by" and the 999 / NHS 111 line.
            With no --out the handout goes to standard output; --print sends it to the printer instead. \
            Files are readable by their owner only.
            Example: waymark handout b0cc658a 5e1d --place Keynsham --note b0cc658a="ask for Sue" --format large
            """)

    @Argument(help: "Service ids, or unique starts of them, in the order they go on the handout.")
    var ids: [String]

    @Option(help: "text, large, markdown, html or large-html.")
    var format: Handout.Format = .text

    @Option(help: "Where the person lives (a town, village, postcode district or postcode): the nearest venue and how far.")
    var place: String?

    @Option(name: .customLong("note"), help: ArgumentHelp("A note for the person on one service, as ID=TEXT (repeatable).", valueName: "ID=TEXT"))
    var notes: [String] = []

    @Option(help: "A condition or function code the person needs (repeatable): says why each was suggested and what to ask for.")
    var need: [String] = []

    @Option(help: "The person's first name, for the heading.")
    var firstName: String?

    @Option(help: ArgumentHelp("Who gave them the handout: \"given to you by …\".", valueName: "name"))
    var givenBy: String?

    @Option(help: ArgumentHelp("Write to this file (or into this folder) instead of standard output.", valueName: "path"))
    var out: String?

    @Flag(name: .customLong("print"), help: "Send it to the printer (lp) in this format; large print is printed large. With --out, it is written too.")
    var sendToPrinter = false

    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one service id; `waymark search WORDS` or `waymark list` shows ids") }
        for n in notes where !n.contains("=") {
            throw ValidationError("--note \(DisplayText.line(n)): write it as ID=TEXT, such as --note b0cc658a=\"ask for Sue\"")
        }
    }

    func run() throws {
        let ws = try options.open()
        var services: [Service] = []
        for id in ids {
            switch ws.directory.service(idOrPrefix: id) {
            case .failure(let e): throw Console.fail(e.description, code: .missingInput)
            case .success(let s): if !services.contains(where: { $0.id == s.id }) { services.append(s) }
            }
        }
        var noteFor: [String: String] = [:]
        for n in notes {
            // An id may itself hold "=" (HSDS ids are free text): the split is at the first "=" whose left side names a service here.
            let splits = n.indices.filter { n[$0] == "=" }
            let found = splits.lazy.compactMap { eq -> (Service, String)? in
                guard case .success(let s) = ws.directory.service(idOrPrefix: String(n[..<eq])), services.contains(where: { $0.id == s.id }) else { return nil }
                return (s, String(n[n.index(after: eq)...]))
            }.first
            guard let (s, text) = found else {
                let key = String(n[..<splits[0]])
                throw Console.fail("--note \(key)=…: \(key) is not one of the services on this handout; give the note an id from the list", code: .usage)
            }
            noteFor[s.id] = text
        }
        for c in need where ws.taxonomy.vocabulary(of: c) != .condition && ws.taxonomy.vocabulary(of: c) != .function {
            throw Console.fail("--need \(c): not a condition or function code; `waymark stats` lists them", code: .usage)
        }
        var where_: PlaceMatch?
        if let place {
            guard let m = ws.gazetteer.resolve(place) else {
                throw Console.fail("--place \(place): no such place in Bath and North East Somerset; `waymark places` looks places up", code: .dataError)
            }
            where_ = m
        }
        let names = ws.directory.organisationNames
        let entries = services.map { Handout.Entry(service: $0, organisation: names[$0.organisationID] ?? "an unknown provider", note: noteFor[$0.id] ?? "") }
        let handout = Handout(entries: entries, firstName: firstName, now: Console.now, sampleData: ws.isSample, taxonomy: ws.taxonomy,
                              place: where_, needs: need, givenBy: givenBy)
        var written: String?
        if let out {
            do {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: out, isDirectory: &isDir), isDir.boolValue {
                    written = try handout.write(format, folder: out)
                } else {
                    try handout.write(format, to: out)
                    written = out
                }
                Console.out("Wrote the \(format.label) handout to \(written!)")
            } catch {
                throw Console.fail("cannot write \(out): \(error.localizedDescription); check the folder exists and you can write to it", code: .ioError)
            }
        }
        if sendToPrinter {
            let outcome = HandoutPrinter().print(handout, format: format)
            switch outcome {
            case .sent: Console.out(outcome.message(format: format, path: written))
            case .noPrinter, .noBrowser: throw Console.fail(outcome.message(format: format, path: written), code: .unavailable)
            case .failed: throw Console.fail(outcome.message(format: format, path: written), code: .ioError)
            }
        } else if out == nil {
            StandardStream.output.write(handout.rendered(format))
        }
    }
}
