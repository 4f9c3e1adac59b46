import Foundation

/// Writes a file so that an interruption (Ctrl-C, a full disk) never leaves half of it:
/// the bytes go to a temporary file beside it, which is renamed into place.
public enum SafeFile {
    /// Why a file could not be written, in words a user can act on (never Foundation's
    /// "NSCocoaErrorDomain error 512").
    public struct WriteError: LocalizedError, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var errorDescription: String? { reason }
        public var description: String { reason }
    }

    public static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        let tmp = (folder as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw WriteError(path: path, reason: reason(folder: folder, code: errno))
        }
        if rename(tmp, path) != 0 {
            let code = errno
            unlink(tmp)
            throw WriteError(path: path, reason: code == EISDIR ? "\(path) is a folder" : String(cString: strerror(code)).lowercased())
        }
    }

    /// The likeliest reason a file cannot be made in `folder`, checked in the order a user would fix it.
    static func reason(folder: String, code: Int32) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) { return "the folder \(folder) does not exist" }
        if !isDir.boolValue { return "\(folder) is a file, not a folder" }
        if access(folder, W_OK) != 0 { return "you cannot write to the folder \(folder)" }
        if code == ENOSPC { return "the disk is full" }
        return code != 0 ? String(cString: strerror(code)).lowercased() : "the file could not be made"
    }
}
