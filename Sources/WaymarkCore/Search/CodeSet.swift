/// A set of vocabulary codes as bits: filtering and facet counting over 100,000
/// services become a few machine instructions each.
public struct CodeSet: Equatable, Hashable, Sendable {
    public var lo: UInt64 = 0
    public var hi: UInt64 = 0

    public init() {}

    public mutating func insert(_ bit: Int) {
        if bit < 64 { lo |= 1 << UInt64(bit) } else { hi |= 1 << UInt64(bit - 64) }
    }

    public func contains(_ bit: Int) -> Bool {
        bit < 64 ? lo & (1 << UInt64(bit)) != 0 : hi & (1 << UInt64(bit - 64)) != 0
    }

    public func intersects(_ other: CodeSet) -> Bool { lo & other.lo != 0 || hi & other.hi != 0 }
    public var isEmpty: Bool { lo == 0 && hi == 0 }
    public var count: Int { lo.nonzeroBitCount + hi.nonzeroBitCount }

    /// Calls `body` with each bit that is set.
    public func forEach(_ body: (Int) -> Void) {
        var l = lo
        while l != 0 { body(l.trailingZeroBitCount); l &= l - 1 }
        var h = hi
        while h != 0 { body(64 + h.trailingZeroBitCount); h &= h - 1 }
    }
}

/// Numbers every code of every vocabulary, so that a `CodeSet` can hold them.
public struct CodeTable: Sendable {
    public let codes: [String]
    public let vocabularies: [Vocabulary]
    let bits: [String: Int]

    public init(taxonomy: Taxonomy) {
        var codes: [String] = [], vocabularies: [Vocabulary] = []
        for v in Vocabulary.allCases { for t in taxonomy.terms(v) { codes.append(t.code); vocabularies.append(v) } }
        precondition(codes.count <= 128, "CodeSet holds 128 codes")
        self.codes = codes
        self.vocabularies = vocabularies
        self.bits = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func bit(_ code: String) -> Int? { bits[code] }

    public func set(_ codes: [String]) -> CodeSet {
        var s = CodeSet()
        for c in codes { if let b = bits[c] { s.insert(b) } }
        return s
    }
}

extension CodeSet {
    public static func intersection(_ a: CodeSet, _ b: CodeSet) -> CodeSet {
        var s = CodeSet()
        s.lo = a.lo & b.lo
        s.hi = a.hi & b.hi
        return s
    }
}

/// How many of the sets added carry each of the 128 bits: facet counts over every hit.
///
/// A count per bit is kept as a column of bits across `planes` (bit i of plane p is bit p of
/// bit i's count), so adding a set is a carry-save addition of two words, a couple of operations
/// on average, rather than one increment per code the set holds (the Harley–Seal way of
/// counting bits). Incrementing an array per code was a third of an as-you-type search at 100,000
/// services (`perf`, 2026-12-07). The planes hold up to 65,535 sets, then are emptied into totals.
struct BitCounts {
    private static let planeCount = 16
    private var lo = [UInt64](repeating: 0, count: planeCount)
    private var hi = [UInt64](repeating: 0, count: planeCount)
    private var pending = 0
    private var totals = [Int](repeating: 0, count: 128)

    mutating func add(_ set: CodeSet) {
        BitCounts.add(set.lo, to: &lo)
        BitCounts.add(set.hi, to: &hi)
        pending += 1
        if pending == (1 << BitCounts.planeCount) - 1 { flush() }
    }

    private static func add(_ word: UInt64, to planes: inout [UInt64]) {
        var carry = word
        var p = 0
        while carry != 0 {
            let next = planes[p] & carry
            planes[p] ^= carry
            carry = next
            p += 1
        }
    }

    private mutating func flush() {
        for p in 0..<BitCounts.planeCount {
            var l = lo[p]
            while l != 0 { totals[l.trailingZeroBitCount] += 1 << p; l &= l - 1 }
            var h = hi[p]
            while h != 0 { totals[64 + h.trailingZeroBitCount] += 1 << p; h &= h - 1 }
            lo[p] = 0; hi[p] = 0
        }
        pending = 0
    }

    /// The count for each bit, 0…127.
    mutating func counts() -> [Int] {
        flush()
        return totals
    }
}
