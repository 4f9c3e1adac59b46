import Foundation
import WaymarkCore

/// A one-line progress bar on stderr for slow set-up (rebuilding the stored search index).
/// On a terminal it redraws in place; elsewhere (a log, a pipe) it says once what it is doing
/// and once that it is done, so scripts reading stderr get two plain lines.
final class ProgressBar: @unchecked Sendable {
    let title: String
    private let interactive = isatty(STDERR_FILENO) == 1
    private var lastShown = -1

    init(_ title: String) { self.title = title }

    func update(_ fraction: Double) {
        let percent = Int((min(1, max(0, fraction)) * 100).rounded())
        guard percent != lastShown else { return }
        if interactive {
            let width = 30, filled = percent * width / 100
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            StandardStream.error.write(SafeText(.lineStart) + SafeText(line: "\(title) \(bar) \(percent)%") + (percent == 100 ? .newline : SafeText(literal: "")))
        } else if lastShown < 0 {
            StandardStream.error.writeLine(SafeText(line: "\(title)…"))
        } else if percent == 100 {
            StandardStream.error.writeLine(SafeText(line: "\(title): done"))
        }
        lastShown = percent
    }
}
