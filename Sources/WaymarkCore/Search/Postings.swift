/// Postings as they lie in the stored index: for each term, its document ids as LEB128
/// varint deltas in blocks of `blockSize`, one skip entry per block (the block's last id
/// and where the block ends), and a parallel fixed-width column of 16-bit impacts.
///
/// Deltas keep a list of 30,000 services in about 35 KB instead of 120 KB, so a cold query
/// reads a third of the pages; skip entries let a lookup of one document decode one block.
struct Postings: @unchecked Sendable {
    static let blockSize = 128

    let starts: Column<UInt64>
    let byteStarts: Column<UInt64>
    let skipStarts: Column<UInt64>
    /// Pairs of (last document of the block, offset within the term's bytes where the block ends).
    let skips: Column<UInt32>
    let bytes: UnsafeRawBufferPointer
    let impacts: Column<UInt16>
    let documentCount: Int

    init(_ image: IndexImage) {
        starts = Column(image, .postingStarts)
        byteStarts = Column(image, .postingByteStarts)
        skipStarts = Column(image, .skipStarts)
        skips = Column(image, .skips)
        bytes = image.bytes(.postingBytes)
        impacts = Column(image, .impacts)
        documentCount = image.counts.services
    }

    var count: Int { starts.count - 1 }

    subscript(term: Int) -> PostingList { PostingList(postings: self, term: term) }

    /// Encodes every term's list; `docs[t]` must be ascending.
    static func write(docs: [[Int32]], impacts: [[UInt16]], into w: inout IndexImageWriter) {
        var starts: [UInt64] = [0], byteStarts: [UInt64] = [0], skipStarts: [UInt64] = [0]
        var skips: [UInt32] = []
        var bytes: [UInt8] = []
        var flatImpacts: [UInt16] = []
        for (t, list) in docs.enumerated() {
            let termStart = bytes.count
            var prev: Int32 = -1
            for (k, d) in list.enumerated() {
                // A block's skip entry is written when the next block begins (and after the last).
                if k > 0, k % blockSize == 0 { skips.append(UInt32(bitPattern: prev)); skips.append(UInt32(bytes.count - termStart)) }
                var v = UInt32(d - prev)
                while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
                bytes.append(UInt8(v))
                prev = d
            }
            if !list.isEmpty { skips.append(UInt32(bitPattern: prev)); skips.append(UInt32(bytes.count - termStart)) }
            flatImpacts += impacts[t]
            starts.append(UInt64(flatImpacts.count))
            byteStarts.append(UInt64(bytes.count))
            skipStarts.append(UInt64(skips.count / 2))
        }
        w.add(.postingStarts, starts)
        w.add(.postingByteStarts, byteStarts)
        w.add(.skipStarts, skipStarts)
        w.add(.skips, skips)
        w.add(.postingBytes, bytes: bytes)
        w.add(.impacts, flatImpacts)
    }
}

/// One term's postings.
struct PostingList {
    let postings: Postings
    let term: Int

    /// Document frequency.
    var count: Int { Int(postings.starts[term + 1] - postings.starts[term]) }

    /// Decodes the ids into a scratch buffer and hands them over with their impacts. A damaged
    /// list (an id out of order or past the last service, bytes running past the term) ends
    /// where the damage starts: a wrong answer at worst, never a read out of bounds.
    func withDecoded<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt16>) -> R) -> R {
        let n = count
        let lo = Int(postings.byteStarts[term]), hi = Int(postings.byteStarts[term + 1])
        let limit = Int32(clamping: postings.documentCount)
        var docs = [Int32](repeating: 0, count: n)
        let decoded: Int = docs.withUnsafeMutableBufferPointer { out in
            guard let p = postings.bytes.baseAddress, lo <= hi, hi <= postings.bytes.count else { return 0 }
            var at = lo, prev: Int32 = -1, k = 0
            while k < n, at < hi {
                let v = PostingList.varint(p, &at, end: hi)
                let (d, overflow) = prev.addingReportingOverflow(Int32(bitPattern: v))
                guard v > 0, !overflow, d < limit else { break }
                out[k] = d
                prev = d
                k += 1
            }
            return k
        }
        let impactBase = postings.impacts.base.map { $0 + Int(postings.starts[term]) * 2 }
        return docs.withUnsafeBufferPointer { d in
            body(UnsafeBufferPointer(rebasing: d[0..<decoded]),
                 UnsafeBufferPointer(start: impactBase?.assumingMemoryBound(to: UInt16.self), count: decoded))
        }
    }

    /// Whether `doc` is in the list: a binary search over the skip entries, then one block decoded.
    func contains(_ doc: Int32) -> Bool {
        let s0 = Int(postings.skipStarts[term]), s1 = Int(postings.skipStarts[term + 1])
        var lo = s0, hi = s1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int32(bitPattern: postings.skips[mid * 2]) < doc { lo = mid + 1 } else { hi = mid }
        }
        guard lo < s1 else { return false }
        let termStart = Int(postings.byteStarts[term])
        let blockStart = termStart + (lo == s0 ? 0 : Int(postings.skips[(lo - 1) * 2 + 1]))
        let blockEnd = termStart + Int(postings.skips[lo * 2 + 1])
        var prev: Int32 = lo == s0 ? -1 : Int32(bitPattern: postings.skips[(lo - 1) * 2])
        guard let p = postings.bytes.baseAddress, blockStart <= blockEnd, blockEnd <= postings.bytes.count else { return false }
        var at = blockStart
        while at < blockEnd {
            let v = PostingList.varint(p, &at, end: blockEnd)
            guard v > 0 else { return false }
            prev &+= Int32(bitPattern: v)
            if prev == doc { return true }
            if prev > doc { return false }
        }
        return false
    }

    /// One LEB128 value, never reading at or past `end`.
    @inline(__always)
    static func varint(_ p: UnsafeRawPointer, _ at: inout Int, end: Int) -> UInt32 {
        var v: UInt32 = 0, shift: UInt32 = 0
        while at < end, shift < 35 {
            let b = p.load(fromByteOffset: at, as: UInt8.self)
            at += 1
            v |= UInt32(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return v
    }
}
