import Foundation

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
            let filled = Int((f * Double(barWidth)).rounded(.down))
            cells = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        } else {
            // No total: a marker that moves with each page, so the bar still shows life.
            let at = page % barWidth
            cells = String(repeating: ".", count: at) + "#" + String(repeating: ".", count: barWidth - at - 1)
        }
        let line = "[\(cells)] \(summary)"
        return line.count > width ? String(line.prefix(max(0, width))) : line
    }
}

