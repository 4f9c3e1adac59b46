/// A problem found in an interchange file: what, where (file, record, field path) and how bad.
public struct ImportIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var file: String
    /// "service ac148810…", "organisation 1f2d…", or nil for a whole-file problem.
    public var record: String?
    /// A JSON-style path inside the record: ".email", ".schedules[0].byday".
    public var path: String?
    public var message: String

    public init(_ severity: Severity, file: String, record: String? = nil, path: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.record = record
        self.path = path
        self.message = message
    }

    /// One line, safe to print: `service_full.json: service ac148810…: .email: "x" is not an email address`.
    public var description: String {
        ([file, record, path].compactMap { $0 } + [message]).map(DisplayText.line).joined(separator: ": ")
    }
}

/// What reading a set of files produced: records ready to store, and everything worth telling the user.
public struct ImportBatch: Sendable {
    public var organisations: [Organisation] = []
    /// The services read, when the batch keeps them (`HSDSReader.read(paths:)`); a streaming import
    /// writes them as it reads and leaves this empty.
    public var services: [Service] = []
    /// How many services were read, kept here or not.
    public var serviceCount = 0
    public var issues: [ImportIssue] = []
    /// Warnings past the first thousand, counted but not kept (`IssueSink.keptWarnings`).
    public var omittedWarnings = 0
    /// Plain notes: skipped files, terms outside Waymark's vocabulary, counts.
    public var notes: [String] = []
    /// A path that could not be found or read: the import cannot start.
    public var missing: [String] = []
    public var unreadable: [String] = []
    /// Every record as the source wrote it, for a lossless export.
    public var sources = SourceRecords()

    public init() {}

    public var errors: [ImportIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [ImportIssue] { issues.filter { $0.severity == .warning } }
    public var isAcceptable: Bool { errors.isEmpty && missing.isEmpty && unreadable.isEmpty }
}
