import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkSync

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull an Open Referral UK (HSDS-UK 3.0) API feed into the directory, all or nothing.",
        discussion: """
            URL is the feed's base address, the one that /services is under: https://example.org/api.
            Waymark reads /services page by page (full services where the feed gives them, otherwise \
            /services/{id} for each), then /taxonomies and /taxonomy_terms, and checks everything before \
            writing anything. A sync that fails part way changes nothing and says what failed and where.
            --since auto (the default) asks only for what changed since the last sync, and reads the whole \
            feed on the first sync and at least once a week; reading the whole feed also removes the \
            services the feed no longer lists. --since all reads the whole feed now.
            Each feed is a source: `waymark sources` lists them; `waymark sources --disable sample` \
            leaves the bundled sample data out.
            """)

    @Argument(help: ArgumentHelp("The feed's base URL.", valueName: "url"))
    var url: String

    @Option(help: "A name for this source (default: the feed's host name). Letters, digits, '.', '-' and '_'.")
    var name: String?

    @Option(help: ArgumentHelp("auto, all, or a date (2026-11-01 or 2026-11-01T10:00:00Z): ask only for changes since then.", valueName: "when"))
    var since: String = "auto"

    @Option(name: .customLong("per-page"), help: "Services to ask for on each page.")
    var perPage: Int = 100

    @Option(help: ArgumentHelp("Seconds to wait for a connection and for each part of an answer.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: "Times to ask again after a 5xx, a 429 or a broken connection, waiting longer each time.")
    var retries: Int = 4

    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        if SinceChoice(argument: since) == nil { throw ValidationError("--since takes auto, all, or a date such as 2026-11-01 or 2026-11-01T10:00:00Z") }
        if let name, !SyncNames.isValid(name) {
            throw ValidationError("--name takes 1 to 64 letters, digits, '.', '-' or '_', such as bath-council")
        }
        if !(1...1000).contains(perPage) { throw ValidationError("--per-page takes 1 to 1000") }
        if !(timeout > 0 && timeout <= 600) { throw ValidationError("--timeout takes more than 0 and at most 600 seconds") }
        if !(0...10).contains(retries) { throw ValidationError("--retries takes 0 to 10") }
    }

    func run() throws {
        let endpoint: FeedEndpoint
        do { endpoint = try FeedEndpoint(url) } catch { throw Console.fail("\(error)", code: .usage) }
        let ws = try options.open(create: true)
        guard let store = ws.store else {
            throw Console.fail("--directory names a JSON file, which opens read-only; sync into a database instead", code: .usage)
        }
        let name = self.name ?? endpoint.suggestedName
        let existing: SourceRecord?
        do {
            try store.checkFeedName(name, url: endpoint.base)
            existing = try store.source(named: name)
        } catch let e as SourceError {
            throw Console.fail(e.description, code: .usage)
        }
        let plan = SyncPlan.resolve(SinceChoice(argument: since)!, source: existing, now: Date())
        Console.warn("syncing \(name) from \(endpoint.base): \(plan.reason)")

        let started = Date(), clock = ContinuousClock(), t0 = clock.now
        let client = FeedClient(endpoint: endpoint,
                                options: SyncOptions(modifiedAfter: plan.modifiedAfter, perPage: perPage, timeout: timeout,
                                                     retry: RetryPolicy(attempts: retries + 1)),
                                taxonomy: ws.taxonomy)
        let progress = ProgressOutput(tty: isatty(STDERR_FILENO) != 0, width: { Sync.width() })
        let pull: FeedPull
        do {
            pull = try blocking {
                do {
                    let pull = try await client.pull(progress: progress.show)
                    await client.shutdown()
                    return pull
                } catch {
                    await client.shutdown()
                    throw error
                }
            }
            progress.finish()
        } catch let e as SyncError {
            progress.finish()
            throw Console.fail("\(e.description)\nnothing was changed: the sync stops whole, so the directory is as it was.", code: e.exit)
        }

        let batch = pull.checked(taxonomy: ws.taxonomy)
        try reportFeed(batch, endpoint: endpoint)
        let sync = FeedSync(name: name, url: endpoint.base, batch: batch, isFull: plan.isFull, startedAt: started,
                            taxonomies: pull.taxonomies, taxonomyTerms: pull.taxonomyTerms)
        let outcome: SyncOutcome
        do {
            outcome = try FileLock.exclusive(beside: store.path, onWait: { Console.warn("waiting for another import or sync to finish…") }) {
                try store.applySync(sync, indexWith: ws.taxonomy)
            }
        } catch let e as SourceError {
            throw Console.fail(e.description, code: .usage)
        } catch {
            throw Console.fail("the sync failed while writing and was rolled back; nothing changed (\(Store.plain(error))). Check the disk has room and try again.", code: .ioError)
        }
        let seconds = Double((clock.now - t0).components.seconds) + Double((clock.now - t0).components.attoseconds) / 1e18
        Console.out(SyncNames.summary(name: name, url: endpoint.base, pull: pull, outcome: outcome, isFull: plan.isFull, seconds: seconds))
        for (other, n) in outcome.takenOver.sorted(by: { $0.key < $1.key }) {
            Console.warn("note: \(n) service(s) with the same id were held by the source \"\(other)\"; they now come from \(name)")
        }
        if try store.showsSample() {
            Console.warn("note: the bundled SAMPLE data is still shown beside this feed; `waymark sources --disable sample` leaves it out")
        }
    }

    /// The terminal's width, for the progress bar.
    static func width() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    /// Prints what checking the feed found; throws when it cannot be used, having written nothing.
    func reportFeed(_ batch: ImportBatch, endpoint: FeedEndpoint) throws {
        for note in batch.notes { Console.warn("note: " + note) }
        for w in batch.warnings.prefix(SyncNames.shownIssues) { Console.warn("warning: " + w.description) }
        if batch.warnings.count > SyncNames.shownIssues { Console.warn("… and \(batch.warnings.count - SyncNames.shownIssues) more warning(s)") }
        guard !batch.errors.isEmpty else { return }
        for e in batch.errors.prefix(SyncNames.shownIssues) { Console.warn("error: " + e.description) }
        if batch.errors.count > SyncNames.shownIssues { Console.warn("… and \(batch.errors.count - SyncNames.shownIssues) more error(s)") }
        throw Console.fail("""
            the feed at \(endpoint.base) has \(batch.errors.count) error(s); nothing was synced and the directory is as it was.
            Tell the feed's publisher what is listed above (the ORUK validator shows the same problems), or check the URL.
            """, code: .dataError)
    }
}

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List where the directory's services come from; switch a source off or on.",
        discussion: """
            Each feed pulled with `waymark sync` is a source, and so are the bundled sample ("sample") and \
            files imported with `waymark import` ("import"). A source switched off keeps its services stored \
            but leaves them out of the directory: `waymark sources --disable sample` keeps the sample data \
            from mixing with a team's real feed, and --enable sample brings it back.
            """)

    @Option(help: ArgumentHelp("Leave this source's services out of the directory.", valueName: "name"))
    var disable: String?

    @Option(help: ArgumentHelp("Bring this source's services back.", valueName: "name"))
    var enable: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        if disable != nil && enable != nil && disable == enable { throw ValidationError("give a source to --disable or to --enable, not both") }
    }

    func run() throws {
        let ws = try options.open()
        guard let store = ws.store else {
            throw Console.fail("--directory names a JSON file, which has no sources; give a Waymark database", code: .usage)
        }
        for (name, on) in [(disable, false), (enable, true)] {
            guard let name else { continue }
            do { try store.setSource(name, enabled: on) } catch let e as SourceError { throw Console.fail(e.description, code: .usage) }
            let n = try store.source(named: name)?.services ?? 0
            Console.warn(on ? "\(name) is on: its \(n) service(s) are in the directory again"
                            : "\(name) is off: its \(n) service(s) stay stored but are left out of the directory (--enable \(name) brings them back)")
        }
        let sources = try store.sources()
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            StandardStream.output.write(EscapedJSON(escaping: try encoder.encode(sources)))
            return
        }
        if sources.isEmpty { Console.out("No sources yet. `waymark sync URL` pulls a feed; `waymark import PATH` imports files."); return }
        let now = Date()
        for s in sources {
            var line = "\(s.name)  \(s.enabled ? "on " : "off")  \(s.services) service\(s.services == 1 ? "" : "s")"
            switch s.kind {
            case .feed:
                line += "  synced \(s.lastSyncAt.map { SyncStatus.ago($0, now: now) } ?? "never")"
                if let full = s.lastFullSyncAt { line += ", whole feed read \(SyncStatus.ago(full, now: now))" }
                line += "  \(s.url ?? "")"
            case .sample: line += "  the bundled SAMPLE directory (illustrative, not for real referrals)"
            case .imported: line += "  files imported with `waymark import`"
            }
            Console.out(line)
        }
        if let status = SyncStatus.line(sources, now: now) { Console.out("Directory \(status).") }
    }
}

/// The sync command's small rules, in one place.
enum SyncNames {
    /// Errors and warnings listed before "… and N more": enough to act on, few enough to read.
    static let shownIssues = 50

    static func isValid(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
    }

    static func summary(name: String, url: String, pull: FeedPull, outcome: SyncOutcome, isFull: Bool, seconds: Double) -> String {
        let services = pull.servicesListed
        var text = "Synced \(name) from \(url): \(services) service\(services == 1 ? "" : "s") in \(pull.servicePages) page\(pull.servicePages == 1 ? "" : "s")"
        text += " (\(outcome.added) new, \(outcome.changed) changed, \(outcome.unchanged) unchanged, \(outcome.removed) removed)"
        text += "; \(pull.taxonomies) taxonomies, \(pull.taxonomyTerms) taxonomy terms; \(pull.requests) requests in \(String(format: "%.1f", seconds)) s."
        if pull.fetchedOneByOne > 0 { text += "\nThe feed's pages list services without details, so \(pull.fetchedOneByOne) were read one by one from /services/{id}." }
        if !isFull { text += "\nOnly changes were read; services the feed has dropped are removed when the whole feed is read (weekly, or --since all)." }
        return text
    }
}

extension SyncError {
    var exit: Exit {
        switch self {
        case .http, .transport, .retryAfterTooLong: return .unavailable
        case .notJSON, .notAPage, .tooLarge, .paging: return .dataError
        case .badURL: return .usage
        }
    }
}

/// Runs async work from a synchronous command, waiting for its result.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) { lock.lock(); result = r; lock.unlock() }
    func get() throws -> T { lock.lock(); defer { lock.unlock() }; return try result!.get() }
}
