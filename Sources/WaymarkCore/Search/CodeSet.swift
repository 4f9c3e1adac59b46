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
