import Foundation

/// What a navigator asked Waymark to remember about themselves, never about a person:
/// for now only who gives the handouts ("given to you by …"). Nothing is written until
/// they ask; the file is their own (0600, in a 0700 folder).
public struct Settings: Codable, Equatable, Sendable {
    /// "Sam Patel, village agent, Age UK B&NES": the navigator's own details, typed by them.
    public var givenBy: String?

    public init(givenBy: String? = nil) { self.givenBy = givenBy }
}

/// Where the settings live: `settings.json` in Waymark's data folder, beside the database.
public struct SettingsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SettingsFile {
        SettingsFile(path: (DataPaths.dataDirectory(environment: environment) as NSString).appendingPathComponent("settings.json"))
    }

    /// The settings as kept; none when the file is missing or cannot be read.
    public func load() -> Settings {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty,
              let settings = try? JSONDecoder().decode(Settings.self, from: data) else { return Settings() }
        return settings
    }

    /// Writes them whole (write-then-rename, owner-only); settings with nothing in them remove the file.
    public func save(_ settings: Settings) throws {
        if settings == Settings() {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            return
        }
        let folder = PathName.folder(of: path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SafeFile.write(try encoder.encode(settings), to: path)
    }
}
