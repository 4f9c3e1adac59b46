import Foundation
import XCTest
@testable import WaymarkCore
import WaymarkTestSupport

/// `JSONValue.compactText` is how every source record is stored, so it must write what
/// `JSONEncoder` wrote before it, byte for byte: the same records read back the same.
final class CompactJSONTests: XCTestCase {
    static func encoded(_ v: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(v), as: UTF8.self)
    }

    func testEverySourceRecordOfTheSampleAndTheOfficialExamplesIsWrittenAsTheEncoderWroteIt() throws {
        var batches = [Repo.bundledBatch()]
        let reader = HSDSReader(taxonomy: Repo.taxonomy)
        for folder in ["hsds-3.0", "hsds-uk-3.0", "hsds-3.0-more", "hsds-uk-3.0-more"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: Repo.interop + "/" + folder).filter { $0.hasSuffix(".json") }
            for f in files { batches.append(reader.read(paths: [Repo.interop + "/" + folder + "/" + f])) }
        }
        var compared = 0, services = 0, differing: [String] = []
        for batch in batches {
            for kind in SourceRecords.Kind.allCases {
                for id in batch.sources.ids(kind) {
                    guard let v = batch.sources[kind, id] else { continue }
                    compared += 1
                    if kind == .service { services += 1 }
                    if try v.compactText != Self.encoded(v) { differing.append("\(kind) \(id)") }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(services, 488, "every sample service's record, and the examples'")
        XCTAssertGreaterThan(compared, 600)
        XCTAssertEqual(differing, [])
    }

    func testAwkwardValuesAreWrittenAsTheEncoderWritesThem() throws {
        var controls = ""
        for c in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        let doubles: [Double] = [2, -0.0, 0.1, 1e-7, 3e-05, 1e15, 1e16, 1e21, 123_456_789.125, 1.7976931348623157e308, 5e-324, -51.3811]
        let values: [JSONValue] = [
            .null, .bool(true), .bool(false), .int(0), .int(-3), .int(Int.max), .int(Int.min),
            .string(controls), .string("a/b \"quoted\" back\\slash \u{7F} \u{2028} \u{1F600} é e\u{301} 中文"),
            .array([]), .object([:]), .array(doubles.map(JSONValue.double)),
            .object(["b": .int(1), "a": .int(2), "B": .int(3), "ä": .int(4), "a1": .int(5), "a10": .int(6), "a2": .int(7), "_": .int(8),
                     "\u{FF5E}": .null, "\u{1F600}": .array([.object(["z": .string(""), "": .bool(true)])])]),
        ]
        for v in values { XCTAssertEqual(v.compactText, try Self.encoded(v), "\(v)") }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let d = Double(bitPattern: rng.next())
            guard d.isFinite else { continue }
            XCTAssertEqual(JSONValue.double(d).compactText, try Self.encoded(.double(d)), "\(d)")
        }
        XCTAssertNil(JSONValue.double(.infinity).compactText, "what the encoder cannot write, this does not write either")
        XCTAssertNil(JSONValue.array([.double(.nan)]).compactText)
    }
}
