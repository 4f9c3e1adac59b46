import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The search index as one flat, versioned byte image: what is written beside the
/// database at import and memory-mapped at start, and what a freshly built index reads
/// from too, so that the stored and the fresh index are the same code over the same bytes.
///
/// Layout (little-endian; see docs/architecture.md, "The stored index"):
///
///     header    magic "WMKINDEX", format version, section count, file length,
///               service / term / surface-word / organisation counts, header checksum
///     table     one entry per section: kind, verified flag, offset, length, checksum
///     sections  each 16-byte aligned, fixed-width arrays read in place
///
/// Every section but the two large ones (postings and the packed service records) carries a
/// checksum that is checked at open; those two are read through bounds-checked decoders, so
/// a damaged byte there can at worst drop a posting or a record, never crash or overrun.
public final class IndexImage: @unchecked Sendable {
    /// Raised whenever the layout changes; an image of another version is rebuilt, never read.
    public static let formatVersion: UInt32 = 6
    static let magic: [UInt8] = Array("WMKINDEX".utf8)
    static let headerSize = 64
    static let entrySize = 32
    static let alignment = 16

    public enum Section: UInt32, CaseIterable, Sendable {
        case fingerprint = 1
        // Term dictionary: stems sorted by their UTF-8 bytes; a term's id is its rank.
        case termOffsets, termBytes, termIDF
        // Postings: per term, the first posting's number (prefix sums of document frequency),
        // the byte offset of its delta-varint doc ids, and its first skip entry.
        case postingStarts, postingByteStarts, skipStarts, skips, postingBytes, impacts
        // Prefix and typo structures: surface words sorted by bytes, their terms, and their
        // indices grouped by byte length.
        case surfaceOffsets, surfaceBytes, surfaceTerms, lengthStarts, byLength
        // Code bit sets: per service, and per code the services carrying it.
        case codeSets, codeDocStarts, codeDocs
        // Per-service summary columns.
        case status, minAge, maxAge, assuredDay, hoursEndDay, organisationIndex, needCodeCount, nameRank
        case pointStarts, points
        case idOffsets, idBytes, nameOffsets, nameBytes, requirementOffsets, requirementBytes
        case organisationNameOffsets, organisationNameBytes, organisationIDOffsets, organisationIDBytes
        // The full records, decoded only when shown or exported.
        case packedOffsets, packedBytes
        // Per service, the places it is limited to (`AreaRule.servedPlaces`), as a JSON list of
        // names, empty when it names none: matching asks for every candidate in the person's area.
        case placeOffsets, placeBytes
        // Per service, facts about the service alone that ranking asks of every candidate
        // (`ServiceFlags`), one byte each.
        case flags
        // The distinct lists of required circumstances (each a service's codes joined by "\n"),
        // and per service the number of its list, or -1 when it requires nothing: services share
        // a few dozen lists, and a match judges each list once.
        case requirementListOffsets, requirementListBytes, requirementClass

        /// The two sections too large to hash at every start; read through checked decoders instead.
        var isVerifiedAtOpen: Bool { self != .postingBytes && self != .packedBytes }
    }

    public struct Counts: Equatable, Sendable {
        public var services: Int
        public var terms: Int
        public var surfaceWords: Int
        public var organisations: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooShort, badMagic, version(UInt32), length(expected: Int, actual: Int), header, section(String), cannotRead(String)
        public var description: String {
            switch self {
            case .tooShort: return "the stored index is shorter than its header"
            case .badMagic: return "the stored index does not start with Waymark's mark"
            case .version(let v): return "the stored index has format version \(v), this Waymark reads \(IndexImage.formatVersion)"
            case .length(let e, let a): return "the stored index should be \(e) bytes but is \(a)"
            case .header: return "the stored index's header checksum does not match"
            case .section(let s): return "the stored index's \(s) section is damaged"
            case .cannotRead(let why): return "cannot read the stored index (\(why))"
            }
        }
    }

    let base: UnsafeRawPointer
    let length: Int
    public let counts: Counts
    public let fingerprint: String
    private var ranges: [Section: (offset: Int, length: Int)] = [:]
    private let release: () -> Void

    deinit { release() }

    /// Reads an image held in memory (a freshly built index).
    public convenience init(bytes: [UInt8]) throws {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: IndexImage.alignment)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        try self.init(base: UnsafeRawPointer(buffer), length: bytes.count) { buffer.deallocate() }
    }

    /// Maps the file at `path` read-only. Nothing is decoded: pages are read as queries touch them.
    public convenience init(mapping path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.cannotRead(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure.cannotRead(String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        guard size >= IndexImage.headerSize else { throw Failure.tooShort }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw Failure.cannotRead(String(cString: strerror(errno)))
        }
        try self.init(base: UnsafeRawPointer(p), length: size) { munmap(p, size) }
    }

    private init(base: UnsafeRawPointer, length: Int, release: @escaping () -> Void) throws {
        self.base = base
        self.length = length
        self.release = release
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        guard length >= IndexImage.headerSize else { release(); throw Failure.tooShort }
        guard (0..<8).allSatisfy({ base.load(fromByteOffset: $0, as: UInt8.self) == IndexImage.magic[$0] }) else { release(); throw Failure.badMagic }
        let version = u32(8)
        guard version == IndexImage.formatVersion else { release(); throw Failure.version(version) }
        let sectionCount = Int(u32(12))
        let fileLength = Int(clamping: u64(16))
        guard fileLength == length else { release(); throw Failure.length(expected: fileLength, actual: length) }
        let tableEnd = IndexImage.headerSize + sectionCount * IndexImage.entrySize
        guard sectionCount <= 256, tableEnd <= length,
              IndexImage.checksum(UnsafeRawBufferPointer(start: base + IndexImage.headerSize, count: tableEnd - IndexImage.headerSize),
                                  seed: IndexImage.checksum(UnsafeRawBufferPointer(start: base, count: 56))) == u64(56)
        else { release(); throw Failure.header }
        counts = Counts(services: Int(clamping: u64(24)), terms: Int(u32(32)), surfaceWords: Int(u32(36)), organisations: Int(u32(40)))
        var ranges: [Section: (Int, Int)] = [:]
        for i in 0..<sectionCount {
            let e = IndexImage.headerSize + i * IndexImage.entrySize
            guard let kind = Section(rawValue: u32(e)) else { continue }
            let offset = Int(clamping: u64(e + 8)), count = Int(clamping: u64(e + 16))
            guard offset >= tableEnd, offset % IndexImage.alignment == 0, count <= length - offset else {
                release(); throw Failure.section("\(kind)")
            }
            if kind.isVerifiedAtOpen,
               IndexImage.checksum(UnsafeRawBufferPointer(start: base + offset, count: count)) != u64(e + 24) {
                release(); throw Failure.section("\(kind)")
            }
            ranges[kind] = (offset, count)
        }
        guard Section.allCases.allSatisfy({ ranges[$0] != nil }) else { release(); throw Failure.section("missing") }
        self.ranges = ranges
        let f = ranges[.fingerprint]!
        fingerprint = String(decoding: UnsafeRawBufferPointer(start: base + f.0, count: f.1), as: UTF8.self)
        try checkShapes()
    }

    /// Every fixed-width column has the length its count says, so no later read can run off the end.
    private func checkShapes() throws {
        let n = counts.services, t = counts.terms, w = counts.surfaceWords, o = counts.organisations
        let expected: [(Section, Int)] = [
            (.termOffsets, (t + 1) * 4), (.termIDF, t * 4), (.postingStarts, (t + 1) * 8), (.postingByteStarts, (t + 1) * 8),
            (.skipStarts, (t + 1) * 8), (.surfaceOffsets, (w + 1) * 4), (.surfaceTerms, w * 4), (.byLength, w * 4),
            (.codeSets, n * 16), (.status, n), (.minAge, n * 2), (.maxAge, n * 2), (.assuredDay, n * 4), (.hoursEndDay, n * 4),
            (.organisationIndex, n * 4), (.needCodeCount, n), (.nameRank, n * 4), (.pointStarts, (n + 1) * 4),
            (.idOffsets, (n + 1) * 4), (.nameOffsets, (n + 1) * 4), (.requirementOffsets, (n + 1) * 4),
            (.organisationNameOffsets, (o + 1) * 4), (.organisationIDOffsets, (o + 1) * 4), (.packedOffsets, (n + 1) * 8),
            (.placeOffsets, (n + 1) * 4), (.flags, n), (.requirementClass, n * 4),
        ]
        for (s, bytes) in expected where ranges[s]!.length != bytes { throw Failure.section("\(s)") }
        // The list of required circumstances is the one table whose count the header does not give.
        let lists = ranges[.requirementListOffsets]!.length
        guard lists >= 4, lists % 4 == 0 else { throw Failure.section("requirementListOffsets") }
        // Offsets tables are verified, so checking their last entry against their blob bounds every entry.
        let blobs: [(Section, Section, Int)] = [(.requirementListOffsets, .requirementListBytes, lists / 4 - 1),(.termOffsets, .termBytes, t), (.surfaceOffsets, .surfaceBytes, w),
                                                (.idOffsets, .idBytes, n), (.nameOffsets, .nameBytes, n),
                                                (.requirementOffsets, .requirementBytes, n),
                                                (.organisationNameOffsets, .organisationNameBytes, o),
                                                (.organisationIDOffsets, .organisationIDBytes, o),
                                                (.placeOffsets, .placeBytes, n)]
        for (offsets, bytes, count) in blobs {
            let column = Column<UInt32>(self, offsets)
            guard column[count] <= UInt32(ranges[bytes]!.length), zip(column.dropLast(), column.dropFirst()).allSatisfy({ $0 <= $1 })
            else { throw Failure.section("\(bytes)") }
        }
        let packed = Column<UInt64>(self, .packedOffsets)
        guard packed[n] <= UInt64(ranges[.packedBytes]!.length) else { throw Failure.section("packedBytes") }
        let postings = Column<UInt64>(self, .postingByteStarts)
        guard postings[t] <= UInt64(ranges[.postingBytes]!.length) else { throw Failure.section("postingBytes") }
        guard Column<UInt64>(self, .postingStarts)[t] * 2 == UInt64(ranges[.impacts]!.length),
              Column<UInt64>(self, .skipStarts)[t] * 8 == UInt64(ranges[.skips]!.length),
              Int(Column<UInt32>(self, .pointStarts)[n]) * 16 == ranges[.points]!.length,
              ranges[.codeDocs]!.length % 4 == 0, ranges[.lengthStarts]!.length % 4 == 0
        else { throw Failure.section("postings") }
    }

    func bytes(_ s: Section) -> UnsafeRawBufferPointer {
        let r = ranges[s]!
        return UnsafeRawBufferPointer(start: base + r.offset, count: r.length)
    }

    /// A 64-bit checksum over 8-byte words (FNV-style multiply-xor): a few GB a second, to catch
    /// a damaged or half-written file, not an attacker.
    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        let words = bytes.count / 8
        guard let p = bytes.baseAddress else { return h }
        for i in 0..<words { h = (h ^ p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3 }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(p.load(fromByteOffset: i, as: UInt8.self))) &* 0x100_0000_01b3 }
        return h
    }
}

// MARK: Writing

/// Builds an image section by section.
struct IndexImageWriter {
    private var sections: [(IndexImage.Section, [UInt8])] = []

    mutating func add(_ s: IndexImage.Section, bytes: [UInt8]) { sections.append((s, bytes)) }

    /// Fixed-width values, as their in-memory bytes (little-endian on every platform Waymark builds for).
    mutating func add<T: BitwiseCopyable>(_ s: IndexImage.Section, _ values: [T]) {
        add(s, bytes: values.withUnsafeBytes { Array($0) })
    }

    /// Strings as an offsets column (count + 1 entries) and one blob of UTF-8.
    mutating func add(strings: [String], offsets: IndexImage.Section, bytes: IndexImage.Section) {
        var blob: [UInt8] = []
        var ends: [UInt32] = [0]
        for s in strings { blob.append(contentsOf: s.utf8); ends.append(UInt32(blob.count)) }
        add(offsets, ends)
        add(bytes, bytes: blob)
    }

    func finish(counts: IndexImage.Counts) -> [UInt8] {
        precondition(Set(sections.map(\.0)).count == IndexImage.Section.allCases.count, "every section is written once")
        let tableEnd = IndexImage.headerSize + sections.count * IndexImage.entrySize
        func aligned(_ x: Int) -> Int { (x + IndexImage.alignment - 1) / IndexImage.alignment * IndexImage.alignment }
        var offsets: [Int] = []
        var at = aligned(tableEnd)
        for (_, b) in sections { offsets.append(at); at = aligned(at + b.count) }
        var out = [UInt8](repeating: 0, count: at)
        func put32(_ v: UInt32, _ o: Int) { withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { out[o + i] = $0[i] } } }
        func put64(_ v: UInt64, _ o: Int) { withUnsafeBytes(of: v.littleEndian) { for i in 0..<8 { out[o + i] = $0[i] } } }
        for i in 0..<8 { out[i] = IndexImage.magic[i] }
        put32(IndexImage.formatVersion, 8)
        put32(UInt32(sections.count), 12)
        put64(UInt64(at), 16)
        put64(UInt64(counts.services), 24)
        put32(UInt32(counts.terms), 32)
        put32(UInt32(counts.surfaceWords), 36)
        put32(UInt32(counts.organisations), 40)
        for (i, (kind, b)) in sections.enumerated() {
            let e = IndexImage.headerSize + i * IndexImage.entrySize
            put32(kind.rawValue, e)
            put64(UInt64(offsets[i]), e + 8)
            put64(UInt64(b.count), e + 16)
            put64(kind.isVerifiedAtOpen ? b.withUnsafeBytes { IndexImage.checksum($0) } : 0, e + 24)
            out.withUnsafeMutableBytes { dst in b.withUnsafeBytes { src in
                if !src.isEmpty { dst.baseAddress!.advanced(by: offsets[i]).copyMemory(from: src.baseAddress!, byteCount: src.count) }
            } }
        }
        let sum = out.withUnsafeBytes { raw in
            IndexImage.checksum(UnsafeRawBufferPointer(rebasing: raw[IndexImage.headerSize..<tableEnd]),
                                seed: IndexImage.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<56])))
        }
        put64(sum, 56)
        return out
    }
}

// MARK: Reading in place

/// A fixed-width column read straight from the image: no copy, no decode.
struct Column<T: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    let base: UnsafeRawPointer?
    let count: Int
    /// Keeps the mapping alive for as long as the column is.
    let owner: IndexImage

    init(_ image: IndexImage, _ s: IndexImage.Section) {
        let b = image.bytes(s)
        base = b.baseAddress
        count = b.count / MemoryLayout<T>.stride
        owner = image
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    @inline(__always) subscript(i: Int) -> T {
        precondition(i >= 0 && i < count, "column index out of range")
        return base!.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self)
    }

    /// Entries lo..<hi, clamped to the column.
    func slice(_ lo: Int, _ hi: Int) -> ColumnSlice<T> {
        let lo = Swift.max(0, Swift.min(lo, count)), hi = Swift.max(lo, Swift.min(hi, count))
        return ColumnSlice(base: base.map { $0 + lo * MemoryLayout<T>.stride }, count: hi - lo, owner: owner)
    }
}

/// Part of a column (the services carrying a code, the indices of words of one length).
struct ColumnSlice<T: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    let base: UnsafeRawPointer?
    let count: Int
    let owner: IndexImage
    var startIndex: Int { 0 }
    var endIndex: Int { count }
    @inline(__always) subscript(i: Int) -> T { base!.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self) }
}

/// Strings read in place from an offsets column and a blob.
struct StringColumn: RandomAccessCollection, @unchecked Sendable {
    let offsets: Column<UInt32>
    let blob: UnsafeRawBufferPointer

    init(_ image: IndexImage, _ offsets: IndexImage.Section, _ bytes: IndexImage.Section) {
        self.offsets = Column(image, offsets)
        blob = image.bytes(bytes)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { offsets.count - 1 }

    /// The raw UTF-8 of entry `i`, without making a String.
    @inline(__always) func utf8(_ i: Int) -> UnsafeRawBufferPointer {
        let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
        return UnsafeRawBufferPointer(rebasing: blob[lo..<Swift.max(lo, hi)])
    }

    subscript(i: Int) -> String { String(decoding: utf8(i), as: UTF8.self) }

    /// The first entry not less than `key` in byte order (the column is sorted by bytes).
    func lowerBound(_ key: [UInt8]) -> Int {
        var lo = 0, hi = count
        key.withUnsafeBytes { k in
            while lo < hi {
                let mid = (lo + hi) / 2
                if StringColumn.compare(utf8(mid), k) < 0 { lo = mid + 1 } else { hi = mid }
            }
        }
        return lo
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = Swift.min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    func hasPrefix(_ i: Int, _ prefix: UnsafeRawBufferPointer) -> Bool {
        let s = utf8(i)
        return s.count >= prefix.count && (prefix.isEmpty || memcmp(s.baseAddress!, prefix.baseAddress!, prefix.count) == 0)
    }
}
