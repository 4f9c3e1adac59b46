import Foundation
import WaymarkCore

/// Runs the interface: draws the state, reads keys, feeds `update`, and carries out
/// effects. Slow work runs on a background queue and returns as events, so typing
/// never waits for it; a burst of keys becomes one search, and a stale search is dropped.
public final class Program {
    let screen: Screen
    let ctx: AppContext
    let store: Store?
    public private(set) var state: AppState
    private let inbox = Inbox()
    private let work = DispatchQueue(label: "waymark.work", qos: .userInitiated)
    private let latestSearch = LatestGeneration()
    /// The shortlist as this window last sent it to the store: a save sends only the edits since.
    private var lastSaved: Shortlist
    /// Saves sent and not yet answered; the store's merged list is shown only when none are.
    private var savesInFlight = 0

    public init(screen: Screen, context: AppContext, store: Store?, guided: Bool) {
        self.screen = screen
        self.ctx = context
        self.store = store
        let size = screen.size
        var shortlist = Shortlist(name: "My shortlist")
        if let store, let name = try? store.shortlistNames().first, let saved = try? store.loadShortlist(named: name) { shortlist = saved }
        lastSaved = shortlist
        state = AppState(width: size.width, height: size.height, shortlist: shortlist, guided: guided)
        if guided { state.screen = .needs }
    }

    /// The loop. Returns when the user quits or a terminating signal arrives.
    public func run() {
        perform([.search(generation: state.searchGeneration)])
        while true {
            let (canvas, cursor) = Views.render(state, ctx)
            screen.draw(canvas, cursor: cursor)
            if state.quit || screen.terminationRequested { return }
            let waiting = state.searchPending || state.matchPending
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
            guard savesInFlight == 0, list.name == state.shortlist.name else { return [] }
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
            if events.isEmpty && !(state.searchPending || state.matchPending) { return }
            for e in events { perform(apply(e)) }
        }
    }

    public func perform(_ effects: [Effect]) {
        // Only the newest search of a burst runs.
        let searches = effects.compactMap { e -> Int? in if case .search(let g) = e { return g }; return nil }
        if let newest = searches.max() { runSearch(newest) }
        for effect in effects {
            switch effect {
            case .search: continue
            case .match: runMatch()
            case .saveShortlist: save()
            case .loadShortlist(let name): load(name)
            case .renameShortlist(let from, let to): rename(from, to)
            case .listShortlists: listShortlists()
            case .exportHandout(let format): export(format)
            case .printHandout: printHandout()
            }
        }
    }

    func runSearch(_ generation: Int) {
        latestSearch.set(generation)
        let text = state.query.text, filters = state.filters, index = ctx.index, inbox = self.inbox, latest = latestSearch
        work.async {
            guard latest.get() == generation else { return } // superseded before it started
            let result = index.search(text, filters: filters, limit: 500)
            inbox.post(.searchDone(generation: generation, result: result))
        }
    }

    func runMatch() {
        let profile = state.needs.profile, index = ctx.index, gazetteer = ctx.gazetteer, now = ctx.now, inbox = self.inbox
        work.async {
            let r = Matcher(index: index, gazetteer: gazetteer, now: now).match(profile)
            inbox.post(.matchDone(r))
            inbox.post(.message(r.suggestions.isEmpty ? "Nothing fits every rule; see what nearly fits." : "\(r.suggestions.count) suggestions. s adds one to the shortlist."))
        }
    }

    /// Sends the edits made since the last save; the store merges them with any other window's.
    func save() {
        guard let store else { return }
        let list = state.shortlist
        let base = lastSaved.name == list.name ? lastSaved : Shortlist(name: list.name)
        let edits = Shortlist.edits(from: base, to: list)
        lastSaved = list
        guard !edits.isEmpty else { return }
        savesInFlight += 1
        let inbox = self.inbox
        work.async {
            do { inbox.post(.shortlistSaved(try store.applyShortlistEdits(edits, to: list.name))) } catch {
                inbox.post(.shortlistSaved(list))
                inbox.post(.message("Could not save the shortlist: \(Store.plain(error))"))
            }
        }
    }

    func load(_ name: String) {
        guard let store else { return }
        let inbox = self.inbox
        work.async {
            if let list = try? store.loadShortlist(named: name) { inbox.post(.shortlistLoaded(list)) }
            else { inbox.post(.message("Could not open the shortlist \"\(name)\".")) }
        }
    }

    func rename(_ from: String, _ to: String) {
        guard let store else { return }
        let inbox = self.inbox, list = state.shortlist
        work.async {
            do {
                try store.saveShortlist(list)
                try store.deleteShortlist(from)
                inbox.post(.message("Saved as \"\(to)\"."))
            } catch { inbox.post(.message("Could not save as \"\(to)\": \(error)")) }
        }
    }

    func listShortlists() {
        guard let store else { apply(.message("This directory cannot hold shortlists (it was opened read-only).")); return }
        let inbox = self.inbox
        work.async { inbox.post(.shortlistNames((try? store.shortlistNames()) ?? [])) }
    }

    func handout() -> Handout {
        let entries = state.shortlist.items.compactMap { item -> Handout.Entry? in
            guard let doc = ctx.doc(id: item.serviceID) else { return nil }
            return Handout.Entry(service: ctx.index.services[doc], organisation: ctx.index.organisationNames[doc], note: item.note)
        }
        return Handout(entries: entries, firstName: state.firstName, now: ctx.now, sampleData: ctx.isSample, taxonomy: ctx.taxonomy)
    }

    func export(_ format: Handout.Format) {
        let h = handout(), inbox = self.inbox
        work.async {
            do {
                let path = try h.write(format, folder: Handout.folder())
                inbox.post(.message("Handout written to \(path)"))
            } catch { inbox.post(.message("Could not write the handout: \(error.localizedDescription)")) }
        }
    }

    func printHandout() {
        let h = handout(), inbox = self.inbox
        work.async {
            do {
                let path = try h.write(.text, folder: Handout.folder())
                guard let lp = Program.findExecutable("lp") else {
                    inbox.post(.message("No printer command (lp) here; the handout was written to \(path)"))
                    return
                }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: lp)
                p.arguments = [path]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                inbox.post(.message(p.terminationStatus == 0 ? "Sent to the printer (\(path))" : "Printing failed (lp exit \(p.terminationStatus)); the handout is at \(path)"))
            } catch { inbox.post(.message("Could not print: \(error.localizedDescription)")) }
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
