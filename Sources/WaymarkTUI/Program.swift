import Foundation
import WaymarkCore

/// Runs the interface: draws the state, reads keys, feeds `update`, and carries out
/// effects. Slow work runs on a background queue and returns as events, so typing
/// never waits for it; a burst of keys becomes one search, and a stale search is dropped.
public final class Program {
    let screen: Screen
    let ctx: AppContext
    let store: Store?
    /// The time now, asked once a minute so "open now" stays true in a long session.
    let clock: () -> LocalDateTime
    public private(set) var state: AppState
    private let inbox = Inbox()
    private let work = DispatchQueue(label: "waymark.work", qos: .userInitiated)
    private let latestSearch = LatestGeneration()
    /// The shortlist as this window last sent it to the store: a save sends only the edits since.
    private var lastSaved: Shortlist
    /// Saves sent and not yet answered; the store's merged list is shown only when none are.
    private var savesInFlight = 0
    private var lastTick = Date()
    /// Where handouts go (tests point it at a temporary folder).
    var handoutFolder: String = Handout.folder()

    public init(screen: Screen, context: AppContext, store: Store?, guided: Bool, clock: (() -> LocalDateTime)? = nil) {
        self.screen = screen
        self.ctx = context
        self.store = store
        let start = Date(), launched = context.now
        // Without a clock of its own, time moves on from the context's "now" as the wall clock does.
        self.clock = clock ?? { launched.adding(minutes: Int(Date().timeIntervalSince(start) / 60)) }
        let size = screen.size
        var shortlist = Shortlist(name: "My shortlist")
        if let store, let name = try? store.shortlistNames().first, let saved = try? store.loadShortlist(named: name) { shortlist = saved }
        lastSaved = shortlist
        state = AppState(width: size.width, height: size.height, now: context.now, shortlist: shortlist, guided: guided)
        // The first screen offers to carry on with the last person's list, or start afresh.
        if !shortlist.items.isEmpty {
            state.overlay = .prompt(Prompt(kind: .startChoice(last: shortlist.name),
                                           title: "Last time: \"\(shortlist.name)\", \(shortlist.items.count) service\(shortlist.items.count == 1 ? "" : "s"). Who is this for?",
                                           choices: ["The same person: continue that list", "A new person: start afresh (that list stays saved)"]))
        }
        Update.fit(&state, context)
    }

    /// The first search (everything, before anything is typed).
    var firstSearch: Effect { .search(SearchRequest(generation: state.search.generation, text: "", filters: state.search.filters)) }

    /// The loop. Returns when the user quits or a terminating signal arrives.
    public func run() {
        perform([firstSearch])
        while true {
            let (canvas, cursor) = View.render(state, ctx)
            screen.draw(canvas, cursor: cursor)
            if state.quit || screen.terminationRequested { return }
            let waiting = state.search.pending || state.needs.pending
            if let key = screen.nextKey(timeoutMs: waiting ? 10 : 200) {
                var effects = apply(.key(key))
                // Everything already typed is handled before any search starts.
                var burst = 0
                while burst < 256, !state.quit, let more = screen.nextKey(timeoutMs: 0) {
                    effects += apply(.key(more))
                    burst += 1
                }
                perform(effects)
            }
            if Date().timeIntervalSince(lastTick) >= 60 {
                lastTick = Date()
                perform(apply(.tick(clock())))
            }
            for event in inbox.drain() { perform(apply(event)) }
        }
    }

    /// Feeds one event through `update`, for the loop and for tests.
    @discardableResult
    public func apply(_ event: Event) -> [Effect] {
        switch event {
        case .shortlistLoaded(let list): lastSaved = list
        case .shortlistSaved(let list):
            savesInFlight -= 1
            // A newer save is on its way and will bring its own answer; showing this one would undo an edit for a moment.
            guard savesInFlight == 0, list.name == state.person.shortlist.name else { return [] }
            lastSaved = list
        default: break
        }
        let (next, effects) = Update.update(state, event, ctx)
        state = next
        return effects
    }

    /// Waits until background work has reported back (tests only).
    public func settle(timeout: TimeInterval = 5) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            work.sync {}
            let events = inbox.drain()
            if events.isEmpty && !(state.search.pending || state.needs.pending) { return }
            for e in events { perform(apply(e)) }
        }
    }

    public func perform(_ effects: [Effect]) {
        // Only the newest search of a burst runs.
        let searches = effects.compactMap { e -> SearchRequest? in if case .search(let r) = e { return r }; return nil }
        if let newest = searches.max(by: { $0.generation < $1.generation }) { runSearch(newest) }
        for effect in effects {
            switch effect {
            case .search: continue
            case .match(let profile): runMatch(profile)
            case .saveShortlist(let list): save(list)
            case .loadShortlist(let name): load(name)
            case .saveShortlistAs(let list, let from): saveAs(list, from)
            case .listShortlists: listShortlists()
            case .exportHandout(let request): export(request, print: false)
            case .printHandout(let request): export(request, print: true)
            }
        }
    }

    func runSearch(_ request: SearchRequest) {
        latestSearch.set(request.generation)
        let index = ctx.index, inbox = self.inbox, latest = latestSearch
        let areas = ctx.taxonomy.terms(.area).map(\.code).filter { $0 != "banes-wide" && $0 != "national" }
        work.async {
            guard latest.get() == request.generation else { return } // superseded before it started
            let result = index.search(request.text, filters: request.filters, limit: 500)
            // What ticking each area would give: the area rule lets B&NES-wide and national services in too.
            var counts: [String: Int] = [:]
            for area in areas where request.areaCounts {
                guard latest.get() == request.generation else { return }
                var f = request.filters
                f.area = area
                counts[area] = index.search(request.text, filters: f, limit: 0).total
            }
            inbox.post(.searchDone(generation: request.generation, result: result, areaCounts: counts))
        }
    }

    func runMatch(_ profile: NeedsProfile) {
        let index = ctx.index, gazetteer = ctx.gazetteer, now = state.now, inbox = self.inbox
        work.async { inbox.post(.matchDone(Matcher(index: index, gazetteer: gazetteer, now: now).match(profile))) }
    }

    /// Sends the edits made since the last save; the store merges them with any other window's.
    func save(_ list: Shortlist) {
        guard let store else { return }
        let base = lastSaved.name == list.name ? lastSaved : Shortlist(name: list.name)
        let edits = Shortlist.edits(from: base, to: list)
        let isNew = lastSaved.name != list.name
        lastSaved = list
        guard !edits.isEmpty || isNew else { return }
        savesInFlight += 1
        let inbox = self.inbox
        work.async {
            do { inbox.post(.shortlistSaved(try store.applyShortlistEdits(edits, to: list.name))) } catch {
                inbox.post(.shortlistSaved(list))
                inbox.post(.message(Message("Could not save the shortlist: \(Store.plain(error)). It is still on screen; try again.", .problem)))
            }
        }
    }

    func load(_ name: String) {
        guard let store else { return }
        let inbox = self.inbox
        work.async {
            if let list = try? store.loadShortlist(named: name) { inbox.post(.shortlistLoaded(list)) }
            else { inbox.post(.message(Message("Could not open the shortlist \"\(name)\".", .problem))) }
        }
    }

    func saveAs(_ list: Shortlist, _ from: String) {
        guard let store else { return }
        let inbox = self.inbox
        lastSaved = list
        work.async {
            // "Save as" copies: the list under its old name stays as it was.
            do {
                try store.saveShortlist(list)
                inbox.post(.message(Message("Saved a copy as \"\(list.name)\"; \"\(from)\" is kept as it was.", .done)))
            } catch { inbox.post(.message(Message("Could not save as \"\(list.name)\": \(Store.plain(error))", .problem))) }
        }
    }

    func listShortlists() {
        guard let store else { apply(.message(Message("This directory cannot hold shortlists (it was opened read-only).", .problem))); return }
        let inbox = self.inbox
        work.async { inbox.post(.shortlistNames((try? store.shortlistNames()) ?? [])) }
    }

    func handout(_ r: HandoutRequest) -> Handout {
        let entries = r.shortlist.items.compactMap { item -> Handout.Entry? in
            guard let doc = ctx.doc(id: item.serviceID) else { return nil }
            return Handout.Entry(service: ctx.index.services[doc], organisation: ctx.index.organisationNames[doc], note: item.note)
        }
        return Handout(entries: entries, firstName: r.firstName, now: state.now, sampleData: ctx.isSample, taxonomy: ctx.taxonomy)
    }

    func export(_ r: HandoutRequest, print: Bool) {
        let h = handout(r), inbox = self.inbox, folder = handoutFolder
        work.async {
            let path: String
            do { path = try h.write(r.format, folder: folder) } catch {
                inbox.post(.message(Message("Could not write the handout in \(folder): \(error.localizedDescription). Check the folder exists and has room.", .problem)))
                return
            }
            guard print else { inbox.post(.handoutWritten(path: path, printed: false)); return }
            inbox.post(.handoutWritten(path: path, printed: false))
            guard let lp = Program.findExecutable("lp") else {
                inbox.post(.message(Message("No printer command (lp) here; the handout file is shown below the list.", .problem)))
                return
            }
            do {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: lp)
                p.arguments = [path]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                if p.terminationStatus == 0 { inbox.post(.handoutWritten(path: path, printed: true)) }
                else { inbox.post(.message(Message("Printing failed (lp exit \(p.terminationStatus)); the handout file is shown below the list.", .problem))) }
            } catch { inbox.post(.message(Message("Could not print: \(error.localizedDescription)", .problem))) }
        }
    }

    static func findExecutable(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Events posted from background work, collected on the loop's thread.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    func post(_ e: Event) { lock.lock(); events.append(e); lock.unlock() }
    func drain() -> [Event] { lock.lock(); defer { lock.unlock() }; let out = events; events = []; return out }
}

final class LatestGeneration: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func set(_ v: Int) { lock.lock(); value = v; lock.unlock() }
    func get() -> Int { lock.lock(); defer { lock.unlock() }; return value }
}

extension LocalDateTime {
    /// This moment plus some minutes, across midnight into the next days.
    func adding(minutes: Int) -> LocalDateTime {
        let total = minute + minutes
        let days = Int((Double(total) / 1440).rounded(.down))
        return LocalDateTime(date: date.adding(days: days), minute: total - days * 1440)
    }
}
