import ArgumentParser

/// The one home for what each numeric option accepts. Every command checks its
/// numbers in `validate()` through `check`, so a huge or negative value is a usage
/// error that says the range, never an overflow deep in the engine.
enum OptionRange {
    /// Results or suggestions to show.
    static let limit = 1...1_000
    /// A person's age in years.
    static let age = 0...130
    /// Services in a synthetic directory (generate, bench).
    static let services = 1...2_000_000

    static func check(_ flag: String, _ value: Int?, in range: ClosedRange<Int>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("--\(flag) \(value) is out of range; use a whole number from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())")
    }
}

private extension Int {
    func formatted() -> String {
        let digits = String(magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
