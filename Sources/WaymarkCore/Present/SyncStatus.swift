import Foundation

/// "synced 3 days ago from bath-council": how fresh the directory is, for the title bar, the
/// about screen, `waymark stats` and `waymark sources`. Only feeds count; the sample and
/// imported files are not synced.
public enum SyncStatus {
    /// The newest sync among the feeds that are switched on, or nil when there is none.
    public static func line(_ sources: [SourceRecord], now: Date) -> String? {
        let feeds = sources.filter { $0.kind == .feed && $0.enabled && $0.lastSyncAt != nil }
        guard let newest = feeds.max(by: { $0.lastSyncAt! < $1.lastSyncAt! }) else { return nil }
        var line = "synced \(ago(newest.lastSyncAt!, now: now)) from \(DisplayText.line(newest.name))"
        if feeds.count > 1 { line += " (+\(feeds.count - 1) more)" }
        return line
    }

    /// "just now", "5 minutes ago", "2 hours ago", "yesterday", "3 days ago", "on 2 November 2026".
    public static func ago(_ then: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(then)
        if seconds < 60 { return "just now" }   // also a clock that runs behind the sync's
        let minutes = Int(seconds / 60), hours = minutes / 60, days = hours / 24
        func n(_ k: Int, _ unit: String) -> String { "\(k) \(unit)\(k == 1 ? "" : "s") ago" }
        if minutes < 60 { return n(minutes, "minute") }
        if hours < 24 { return n(hours, "hour") }
        if days == 1 { return "yesterday" }
        if days < 31 { return n(days, "day") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: then)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "on \(c.day!) \(months[c.month! - 1]) \(c.year!)"
    }
}

extension Workspace {
    /// The sync line for this workspace's database, or nil (a JSON file, or nothing synced yet).
    public func syncStatus(now: Date = Date()) -> String? {
        guard let store, let sources = try? store.sources() else { return nil }
        return SyncStatus.line(sources, now: now)
    }
}
