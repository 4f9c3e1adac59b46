import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file beside the database (`NAME.sqlite.lock`).
///
/// SQLite's own locks cannot guard set-up: two processes creating a new database both
/// see "no tables yet", and the switch to WAL needs the database to itself. So creation,
/// migration and first-run seeding run under this lock, and a second process waits and
/// then finds the database ready. Imports take it too, so that a waiting import waits
/// here (saying so) instead of failing on SQLite's busy timeout.
/// The kernel drops the lock when the process dies, so a `kill -9` never leaves it held.
public enum FileLock {
    /// The lock file that guards the database at `databasePath`.
    public static func path(for databasePath: String) -> String { databasePath + ".lock" }

    /// Runs `body` holding the lock. When another process holds it, `onWait` is called
    /// once and then this waits for as long as the other process takes.
    public static func exclusive<T>(beside databasePath: String, onWait: () -> Void = {}, _ body: () throws -> T) throws -> T {
        let lockPath = path(for: databasePath)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.cannotOpen(databasePath, "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    throw StoreError.cannotOpen(databasePath, "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
                }
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
