import CompressNIO
import NIOCore

/// gzip for clients that ask for it (`Accept-Encoding: gzip`), through compress-nio's zlib:
/// Hummingbird's own compression middleware is a separate package, not mirrored here.
enum Gzip {
    /// Below this a gzip header and trailer cost more than they save.
    static let minimumSize = 256

    /// True when `Accept-Encoding` lists gzip (or `*`) with a quality above zero.
    static func accepted(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.lowercased().split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = fields.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0 { return true }
        }
        return false
    }
}

extension ByteBuffer {
    func gzipped() throws -> ByteBuffer {
        var input = self
        return try input.compress(with: .gzip())
    }
}
