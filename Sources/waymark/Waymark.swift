import ArgumentParser
import Foundation
import WaymarkCore

@main
struct Waymark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Find community health, care and voluntary services in Bath and North East Somerset.",
        discussion: """
            With no command, Waymark opens its full-screen interface on the directory.
            Data comes in and goes out as Open Referral UK (HSDS-UK 3.0).
            The bundled directory is SAMPLE DATA: service details are illustrative.
            """,
        version: WaymarkInfo.version,
        subcommands: [Open.self, Search.self, Match.self, Import.self, Export.self, Validate.self, Show.self, List.self, Stats.self, Places.self,
                      Eval.self, Bench.self, Generate.self, Keys.self,
                      HandoutCommand.self, Sync.self, SourcesCommand.self, Serve.self],
        defaultSubcommand: Open.self
    )

    static func main() {
        // Files Waymark writes (database, exports, handouts) are readable by their owner only.
        umask(0o077)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Console.end(with: error)
        }
    }
}

enum WaymarkInfo {
    static let version = "0.1.0"
}

/// Options every command that reads a directory shares.
struct DirectoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Open another directory: a Waymark database, or an HSDS-UK JSON file or folder (read-only).", valueName: "path"))
    var directory: String?

    func open(create: Bool = false) throws -> Workspace {
        do {
            let ws = try Workspace.open(directoryPath: directory, create: create)
            for w in ws.warnings { Console.warn(w) }
            return ws
        } catch let e as Workspace.OpenError {
            switch e {
            case .missing: throw Console.fail(e.description, code: .missingInput)
            case .badData: throw Console.fail(e.description, code: .dataError)
            case .other: throw Console.fail(e.description, code: .ioError)
            }
        } catch {
            throw Console.fail("\(error)", code: .ioError)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// sysexits codes, as the README documents them.
enum Exit: Int32 {
    case usage = 64, dataError = 65, missingInput = 66, unavailable = 69, ioError = 74
}

/// The CLI's words on standard output and standard error. Each function makes a `SafeText`, so
/// what it is given is sanitised before `StandardStream` (the only writer of either stream) can
/// take it: no string from data can reach the terminal raw, whatever the command that built it.
/// JSON goes out escaped instead (`EscapedJSON`).
enum Console {
    static func warn(_ line: String) {
        StandardStream.error.writeLine("waymark: " + SafeText(line: line))
    }

    static func fail(_ message: String, code: Exit) -> ExitCode {
        for line in message.split(separator: "\n") { warn(String(line)) }
        return ExitCode(code.rawValue)
    }

    static func out(_ text: String) {
        StandardStream.output.writeLine(SafeText(text: text))
    }

    static func outJSON<T: Encodable>(_ value: T) throws {
        StandardStream.output.write(EscapedJSON(escaping: try JSONValue.data(value)))
    }

    /// Argument parser's own messages (usage errors, --help) echo what was typed, so they go
    /// through the sanitiser too: help and a clean exit to standard output, errors to standard error.
    static func end(with error: Error) -> Never {
        let code = Waymark.exitCode(for: error)
        let message = Waymark.fullMessage(for: error)
        if !message.isEmpty {
            (code.isSuccess ? StandardStream.output : StandardStream.error).writeLine(SafeText(text: message))
        }
        exit(code.rawValue)
    }

    static var now: LocalDateTime {
        if let fixed = ProcessInfo.processInfo.environment["WAYMARK_NOW"], let parsed = parseNow(fixed) { return parsed }
        return LocalDateTime(Date(), in: .london)
    }

    /// `WAYMARK_NOW="2026-11-24 10:30"` pins the clock, for tests and demonstrations.
    static func parseNow(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let d = LocalDate(iso: String(parts[0])), let t = TimeOfDay(iso: String(parts[1])) else { return nil }
        return LocalDateTime(date: d, minute: t.minutes)
    }
}
