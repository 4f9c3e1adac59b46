import Foundation

/// The bytes of a JSON document, read through a fixed-size buffer: a file is read in chunks of
/// `chunkSize` with read(2), so a 1 GB feed never sits in memory; bytes already in memory are
/// handed over in chunks the same way (so tests and the fuzzer can cut a document at every
/// place a file's reads could). Callers look ahead a few bytes (`peek(k)`) and consume one at a time.
final class JSONByteSource {

    private let fd: Int32
    /// Bytes already in memory, handed over chunk by chunk (`fd` is -1).
    private let memory: [UInt8]
    private var memoryRead = 0
    private let chunkSize: Int
    private var buffer: [UInt8]
    private var pos = 0
    private var atEnd: Bool
    /// The offset in the document of the next byte `next()` returns.
    private(set) var offset = 0

    /// Opens a file; nil when it cannot be opened.
    init?(path: String, chunkSize: Int = HSDSReader.streamChunkSize) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
        memory = []
        self.chunkSize = max(1, chunkSize)
        buffer = []
        atEnd = false
    }

    init(bytes: [UInt8], chunkSize: Int? = nil) {
        fd = -1
        self.chunkSize = max(1, chunkSize ?? bytes.count)
        if chunkSize == nil {
            memory = []
            buffer = bytes
            atEnd = true
        } else {
            memory = bytes
            buffer = []
            atEnd = bytes.isEmpty
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The byte `k` places ahead of the next one, reading more of the file when needed.
    @inline(__always)
    func peek(_ k: Int = 0) -> UInt8? {
        if pos + k < buffer.count { return buffer[pos + k] }
        return refill(atLeast: k + 1) ? buffer[pos + k] : nil
    }

    /// Consumes the next byte.
    @inline(__always)
    func next() -> UInt8? {
        guard let b = peek() else { return nil }
        pos += 1
        offset += 1
        return b
    }

    /// Up to `limit` bytes from here on, without consuming them (to show a parser what follows a problem).
    func ahead(_ limit: Int) -> [UInt8] {
        _ = refill(atLeast: limit)
        return Array(buffer[pos..<min(buffer.count, pos + limit)])
    }

    /// Keeps the unread bytes and reads chunks until `n` are there or the file ends.
    private func refill(atLeast n: Int) -> Bool {
        if pos > 0 {
            buffer.removeFirst(pos)
            pos = 0
        }
        while buffer.count < n, !atEnd {
            let want = max(chunkSize, n - buffer.count)
            if fd < 0 {
                let end = min(memory.count, memoryRead + want)
                buffer.append(contentsOf: memory[memoryRead..<end])
                memoryRead = end
                atEnd = memoryRead == memory.count
                continue
            }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            let got = buffer.withUnsafeMutableBufferPointer { p in read(fd, p.baseAddress! + start, want) }
            if got <= 0 {
                // A read error ends the document where it is, as a truncated file does; the parser says so.
                buffer.removeLast(want)
                atEnd = true
            } else {
                buffer.removeLast(want - got)
            }
        }
        return buffer.count >= n
    }
}
