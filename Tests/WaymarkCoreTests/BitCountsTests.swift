import Foundation
import XCTest
@testable import WaymarkCore

/// The facet counts a navigator reads beside the results ("Keynsham 41, Carers 12"): counted
/// with bit planes (`BitCounts`), they must be the counts one would get code by code.
final class BitCountsTests: XCTestCase {
    func testEveryBitIsCountedAsIfOneByOne() {
        var rng = SplitMix64(seed: 7)
        // More than the 65,535 sets the planes hold, so they are emptied into the totals mid-way;
        // sparse and dense sets, and the top bits of both words.
        var tally = BitCounts()
        var naive = [Int](repeating: 0, count: 128)
        for i in 0..<140_000 {
            var set = CodeSet()
            switch i % 4 {
            case 0: set.lo = rng.next() & rng.next() & rng.next(); set.hi = rng.next() & rng.next()
            case 1: set.lo = rng.next(); set.hi = rng.next()
            case 2: set.insert(127); set.insert(63); set.insert(0)
            default: break
            }
            tally.add(set)
            set.forEach { naive[$0] += 1 }
        }
        XCTAssertEqual(tally.counts(), naive)
    }

    /// The search's facets, against the rule written out: every code a result carries counts
    /// once, and a service serving everywhere (or naming no area) counts in every area too.
    func testTheSearchFacetsAreTheCodeByCodeCounts() {
        let index = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: try! Repo.fixtures.loadLexicon())
        let table = index.codeTable
        let forum = AreaRule.forum.compactMap { table.bit($0) }
        let wide = table.set(AreaRule.everywhere)
        let areaMask = table.set(index.taxonomy.terms(.area).map(\.code))
        for query in ["", "dementia", "memory cafe", "carers", "walking group bath", "xyzzy"] {
            let docs = query.isEmpty ? Array(0..<index.count) : index.search(query, limit: 1000).hits.map(\.doc)
            var counts = [Int](repeating: 0, count: table.codes.count)
            for d in docs {
                let set = index.codeSets[d]
                set.forEach { counts[$0] += 1 }
                if set.intersects(wide) || !set.intersects(areaMask) { for bit in forum where !set.contains(bit) { counts[bit] += 1 } }
            }
            var want: [String: Int] = [:]
            for (i, n) in counts.enumerated() where n > 0 { want[table.codes[i]] = n }
            XCTAssertEqual(index.facetCounts(docs), want, query)
        }
        XCTAssertEqual(index.facetCounts(Array(0..<index.count))["bath-city"].map { $0 > 100 }, true)
    }
}
