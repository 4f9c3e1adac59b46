import Foundation
import WaymarkCore

/// Where a sync has got to, reported after every page and every retry.
public struct SyncProgress: Sendable, Equatable {
    public enum Stage: String, Sendable { case services, taxonomies, taxonomyTerms = "taxonomy terms" }

    public var stage: Stage
    public var page: Int
    public var totalPages: Int?
    public var services: Int
    public var totalServices: Int?
    public var elapsed: TimeInterval
    /// A one-off notice: "HTTP 503 from …; trying again in 1 s (try 2 of 5)".
    public var notice: String?

    public init(stage: Stage, page: Int, totalPages: Int?, services: Int, totalServices: Int?, elapsed: TimeInterval, notice: String? = nil) {
        self.stage = stage
        self.page = page
        self.totalPages = totalPages
        self.services = services
        self.totalServices = totalServices
        self.elapsed = elapsed
        self.notice = notice
    }

    /// Services a second, once there is time enough to say.
    public var rate: Double? { elapsed >= 0.05 && services > 0 ? Double(services) / elapsed : nil }

    /// The fraction done, when the feed said how many pages there are.
    public var fraction: Double? {
        if let total = totalServices, total > 0, stage == .services { return min(1, Double(services) / Double(total)) }
        if let total = totalPages, total > 0 { return min(1, Double(page) / Double(total)) }
        return nil
    }

    /// "services page 3/10 · 300/1000 services · 45.0/s"
    public var summary: String {
        var parts = ["\(stage.rawValue) page \(page)" + (totalPages.map { "/\($0)" } ?? "")]
        parts.append("\(services)" + (totalServices.map { "/\($0)" } ?? "") + " services")
        if let rate { parts.append(String(format: "%.1f services/s", rate)) }
        return parts.joined(separator: " · ")
    }

    /// One line for a terminal (every character one column wide), redrawn in place:
    /// "[#########.........]  services page 3/10 · …".
    public func bar(width: Int) -> String {
        let barWidth = max(10, min(30, width - summary.count - 4))
        let cells: String
        if let f = fraction {
            cells = Self.cells(f, width: barWidth)
        } else {
            // No total: a marker that moves with each page, so the bar still shows life.
            let at = page % barWidth
            cells = String(repeating: ".", count: at) + "#" + String(repeating: ".", count: barWidth - at - 1)
        }
        let line = "[\(cells)] \(summary)"
        return line.count > width ? String(line.prefix(max(0, width))) : line
    }

    /// A fraction done as `barWidth` cells, "#" done and "." to go.
    static func cells(_ fraction: Double, width barWidth: Int) -> String {
        let filled = Int((min(1, max(0, fraction)) * Double(barWidth)).rounded(.down))
        return String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
    }
}


/// The progress of a sync on standard error: a bar redrawn in place on a terminal, a plain line
/// per page otherwise. Every line is a `SafeText`, so a notice carrying a feed's URL or words
/// cannot reach the terminal raw; the only controls it writes are `TerminalControl`'s CR and clear-to-end.
public final class ProgressOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let tty: Bool
    private let width: @Sendable () -> Int
    private let write: @Sendable (SafeText) -> Void
    private var drawn = false
    /// The last percent `show(_:fraction:)` drew, so a redraw happens only when it changes.
    private var lastPercent: Int?
    static let fractionBarWidth = 30

    public init(tty: Bool, width: @escaping @Sendable () -> Int,
                write: @escaping @Sendable (SafeText) -> Void = { StandardStream.error.write($0) }) {
        self.tty = tty
        self.width = width
        self.write = write
    }

    public func show(_ p: SyncProgress) {
        lock.lock(); defer { lock.unlock() }
        if let notice = p.notice {
            if drawn { write(SafeText(.lineStart) + SafeText(.clearToLineEnd)) }
            write("waymark: " + SafeText(line: notice) + .newline)
            drawn = false
            return
        }
        if tty {
            write(SafeText(.lineStart) + SafeText(line: p.bar(width: width() - 1)) + SafeText(.clearToLineEnd))
            drawn = true
        } else {
            write("waymark: " + SafeText(line: p.summary) + .newline)
        }
    }

    /// A task that knows its fraction done (rebuilding the stored search index): the same bar,
    /// redrawn in place on a terminal on each new percent; elsewhere (a log, a pipe) one line
    /// saying what it is doing and one that it is done, so scripts reading stderr get two plain lines.
    public func show(_ title: String, fraction: Double) {
        lock.lock(); defer { lock.unlock() }
        let percent = Int((min(1, max(0, fraction)) * 100).rounded())
        defer { lastPercent = percent }
        guard percent != lastPercent else { return }
        if tty {
            let line = "[\(SyncProgress.cells(fraction, width: Self.fractionBarWidth))] \(title) \(percent)%"
            write(SafeText(.lineStart) + SafeText(line: String(line.prefix(max(0, width() - 1)))) + SafeText(.clearToLineEnd))
            drawn = true
            if percent == 100 { write(.newline); drawn = false }
        } else if lastPercent == nil {
            write("waymark: " + SafeText(line: "\(title)…") + .newline)
        } else if percent == 100 {
            write("waymark: " + SafeText(line: "\(title): done") + .newline)
        }
    }

    public func finish() {
        lock.lock(); defer { lock.unlock() }
        if drawn { write(.newline); drawn = false }
    }
}
