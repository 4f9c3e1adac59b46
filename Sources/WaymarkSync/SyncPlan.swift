import Foundation
import WaymarkCore

/// `--since`: what to ask the feed for.
public enum SinceChoice: Equatable, Sendable {
    /// Changes since the last successful sync; the whole feed on the first sync, or when the last
    /// full read is older than `SyncPlan.fullSyncInterval`.
    case auto
    /// The whole feed, which also removes the services it no longer lists.
    case all
    /// Changes on or after this time.
    case date(Date)

    /// "auto", "all", "2026-11-01" (midnight UTC) or "2026-11-01T10:00:00Z".
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "all", "full": self = .all
        default:
            let f = ISO8601DateFormatter()
            if let d = f.date(from: argument) { self = .date(d); return }
            f.formatOptions = [.withFullDate]
            if let d = f.date(from: argument) { self = .date(d); return }
            return nil
        }
    }
}

/// What one sync will ask for, and why, said before it starts.
public struct SyncPlan: Equatable, Sendable {
    /// Nil reads the whole feed.
    public var modifiedAfter: Date?
    public var isFull: Bool { modifiedAfter == nil }
    public var reason: String

    /// A service the feed drops is only noticed when the whole feed is read; `--since auto` does that
    /// at least this often, so a closed service does not linger for ever.
    public static let fullSyncInterval: TimeInterval = 7 * 24 * 3600
    /// `modified_after` is set this much before the last sync began, in case the feed's clock is
    /// behind ours. Reading a change twice does no harm; missing one does.
    public static let clockAllowance: TimeInterval = 5 * 60

    public init(modifiedAfter: Date?, reason: String) {
        self.modifiedAfter = modifiedAfter
        self.reason = reason
    }

    public static func resolve(_ choice: SinceChoice, source: SourceRecord?, now: Date) -> SyncPlan {
        switch choice {
        case .all:
            return SyncPlan(modifiedAfter: nil, reason: "reading the whole feed (--since all)")
        case .date(let d):
            return SyncPlan(modifiedAfter: d, reason: "reading changes since \(FeedEndpoint.timestamp(d)) (--since)")
        case .auto:
            guard let source, let started = source.lastSyncStartedAt else {
                return SyncPlan(modifiedAfter: nil, reason: "first sync of this source: reading the whole feed")
            }
            guard let full = source.lastFullSyncAt, now.timeIntervalSince(full) < fullSyncInterval else {
                return SyncPlan(modifiedAfter: nil,
                                reason: "the last full read was \(source.lastFullSyncAt.map { SyncStatus.ago($0, now: now) } ?? "never"): reading the whole feed, to notice removed services")
            }
            let since = started.addingTimeInterval(-clockAllowance)
            return SyncPlan(modifiedAfter: since, reason: "reading changes since the last sync (modified_after \(FeedEndpoint.timestamp(since)))")
        }
    }
}

extension FeedPull {
    /// The pull checked as one import: the services by the reader's rules, plus what the client found.
    public func checked(taxonomy: Taxonomy?) -> ImportBatch {
        var batch = HSDSReader(taxonomy: taxonomy).read(documents: documents)
        batch.issues += issues
        batch.notes += notes
        return batch
    }
}
