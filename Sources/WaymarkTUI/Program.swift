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
    /// How often the clock ticks: once a minute, the resolution of every opening time.
    static let tickEvery: TimeInterval = 60
    /// The tick's period (tests shorten it to see the loop tick).
    var tickInterval = Program.tickEvery
    /// Where handouts go (tests point it at a temporary folder).
    var handoutFolder: String = Handout.folder()
    /// The navigator's settings (who gives the handouts); nil keeps nothing.
    let settings: SettingsFile?

    public init(screen: Screen, context: AppContext, store: Store?, guided: Bool, settings: SettingsFile? = nil, clock: (() -> LocalDateTime)? = nil) {
        self.screen = screen
        self.ctx = context
        self.store = store
        self.settings = settings
        let start = Date(), launched = context.now
        // Without a clock of its own, time moves on from the context's "now" as the wall clock does.
        self.clock = clock ?? { launched.adding(minutes: Int(Date().timeIntervalSince(start) / 60)) }
        let size = screen.size
        var shortlist = Shortlist(name: "My shortlist")
        // The list changed last that has services on it: the first screen offers to carry on with it.
        let last = store.flatMap { try? $0.lastShortlist() }
        if let store, let name = last?.name ?? (try? store.shortlistNames().first), let saved = try? store.loadShortlist(named: name) { shortlist = saved }
        lastSaved = shortlist
        state = AppState(width: size.width, height: size.height, now: context.now, shortlist: shortlist, guided: guided)
        if let kept = settings?.load().givenBy {
            state.givenBy = kept
            state.givenByKept = true
        }
        if let last, last.name == shortlist.name {
            state.overlay = .prompt(Prompt(kind: .startChoice(last: last.name),
                                           title: "Last time: \"\(DisplayText.line(last.name))\", \(last.services) service\(last.services == 1 ? "" : "s")\(Program.changed(last.updatedAt)). Who is this for?",
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
            if Date().timeIntervalSince(lastTick) >= tickInterval {
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
        case .saveAsRefused(let from, let to, _): if lastSaved.name == to { lastSaved.name = from }
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
            case .match(let profile, let limit): runMatch(profile, limit: limit)
            case .saveShortlist(let list): save(list)
            case .loadShortlist(let name): load(name)
            case .saveShortlistAs(let list, let from): saveAs(list, from)
            case .listShortlists: listShortlists()
            case .exportHandout(let request): export(request, print: false)
            case .printHandout(let request): export(request, print: true)
            case .nameFreshShortlist:
                let name = (try? store?.freshShortlistName(on: state.now.date)) ?? state.person.shortlist.name
                perform(apply(.freshShortlistNamed(name)))
            case .keepGivenBy(let givenBy): keep(givenBy: givenBy)
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

    func runMatch(_ profile: NeedsProfile, limit: Int) {
        let index = ctx.index, gazetteer = ctx.gazetteer, now = state.now, inbox = self.inbox
        work.async { inbox.post(.matchDone(Matcher(index: index, gazetteer: gazetteer, now: now).match(profile, limit: limit))) }
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
            // "Save as" copies: the list under its old name stays as it was, and a name already taken is refused.
            do {
                try store.saveShortlistCopy(list, as: list.name)
                inbox.post(.message(Message("Saved a copy as \"\(list.name)\"; \"\(from)\" is kept as it was.", .done)))
            } catch let error as ShortlistError {
                inbox.post(.saveAsRefused(from: from, to: list.name, Message("Not saved as a copy: \(error.description). Still on \"\(from)\".", .problem)))
            } catch {
                inbox.post(.saveAsRefused(from: from, to: list.name, Message("Could not save as \"\(list.name)\": \(Store.plain(error)). Still on \"\(from)\".", .problem)))
            }
        }
    }

    func listShortlists() {
        guard let store else { apply(.message(Message("This directory cannot hold shortlists (it was opened read-only).", .problem))); return }
        let inbox = self.inbox
        work.async { inbox.post(.shortlistNames((try? store.shortlistNames()) ?? [])) }
    }

    /// The handout for the list as it is, with where the person lives (from the needs form or
    /// the search's place chip) and, after a match, their needs, so "why" and "nearest" are theirs.
    func handout(_ r: HandoutRequest) -> Handout {
        let placeName = state.person.place?.name ?? state.search.filterPlace
        let index = ctx.index
        return Handout(list: r.shortlist,
                       lookup: { id in self.ctx.doc(id: id).map { (index.services[$0], index.organisationNames[$0]) } },
                       firstName: r.firstName, now: state.now, sampleData: ctx.isSample, taxonomy: ctx.taxonomy,
                       place: placeName.flatMap(ctx.gazetteer.resolve), needs: state.needs.match?.needs.map(\.code) ?? [], givenBy: r.givenBy)
    }

    /// Keeps who gives the handouts in the settings file, or forgets it; only when the navigator asked.
    func keep(givenBy: String?) {
        guard let settings else { return }
        let inbox = self.inbox
        work.async {
            var kept = settings.load()
            kept.givenBy = givenBy
            do { try settings.save(kept) } catch {
                inbox.post(.message(Message("Could not keep it in \(settings.path): \(error.localizedDescription). It is used for now only.", .problem)))
            }
        }
    }

    /// Writes the handout; to print, also sends it (the format chosen last) through `HandoutPrinter`.
    func export(_ r: HandoutRequest, print: Bool) {
        let h = handout(r), inbox = self.inbox, folder = handoutFolder
        work.async {
            let path: String
            do { path = try h.write(r.format, folder: folder) } catch {
                inbox.post(.message(Message("Could not write the handout in \(folder): \(error.localizedDescription). Check the folder exists and has room.", .problem)))
                return
            }
            guard print else { inbox.post(.handoutWritten(path: path)); return }
            let outcome = HandoutPrinter().print(h, format: r.format)
            let sent: Bool
            if case .sent = outcome { sent = true } else { sent = false }
            inbox.post(.handoutPrinted(path: path, message: Message(outcome.message(format: r.format, path: path), sent ? .done : .problem)))
        }
    }

    /// ", changed 1 December" from a stored ISO 8601 time, or nothing when it cannot be read.
    static func changed(_ iso: String) -> String {
        guard let date = Timestamp.parse(iso) else { return "" }
        return ", changed \(Timestamp.utcDay(date).longText)"
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
