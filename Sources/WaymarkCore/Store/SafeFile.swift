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
        try stream(to: path) { $0.write(data) }
    }

    /// Writes a file piece by piece through a buffer (so a 1 GB export is never in memory), to a
    /// temporary file beside it that is flushed to disk and then renamed into place; on any error
    /// the temporary file is removed and `path` is untouched.
    public static func stream(to path: String, _ body: (BufferedFile) throws -> Void) throws {
        let folder = PathName.folder(of: path)
        let tmp = (folder as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(folder: folder, code: errno)) }
        let file = BufferedFile(fd: fd)
        do {
            try body(file)
            try file.flush()
            guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            // A full disk or a failing device, said in words, as a failed open is.
            if let posix = error as? POSIXError { throw WriteError(path: path, reason: reason(folder: folder, code: posix.code.rawValue)) }
            throw error
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

/// An open file written through a fixed buffer; the first write error is kept and thrown at `flush`.
public final class BufferedFile {
    /// 256 KB: few system calls, and nothing held that matters.
    static let capacity = 256 * 1024
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var failure: Error?

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.capacity)
    }

    public func write(_ data: Data) { append(data) }
    public func write(_ text: String) { append(text.utf8) }

    private func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { drain() }
    }

    private func drain() {
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { p in Glibc.write(fd, p.baseAddress! + done, p.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                break
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func flush() throws {
        drain()
        if let failure { throw failure }
    }
}
