import Foundation

/// Writes a file so that an interruption (Ctrl-C, a full disk) never leaves half of it:
/// the bytes go to a temporary file beside it, which is renamed into place.
public enum SafeFile {
    public static func write(_ data: Data, to path: String) throws {
        try stream(to: path) { $0.write(data) }
    }

    /// Writes a file piece by piece through a buffer (so a 1 GB export is never in memory), to a
    /// temporary file beside it that is flushed to disk and then renamed into place; on any error
    /// the temporary file is removed and `path` is untouched.
    public static func stream(to path: String, _ body: (BufferedFile) throws -> Void) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let file = BufferedFile(fd: fd)
        do {
            try body(file)
            try file.flush()
            guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if rename(tmp, path) != 0 {
            let code = errno
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
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
