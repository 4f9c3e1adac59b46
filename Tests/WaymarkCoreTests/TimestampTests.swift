import Foundation
import XCTest
@testable import WaymarkCore

/// `Timestamp.parse` reads the common ISO 8601 forms by hand; whatever it reads must be the
/// instant Foundation's formatters read, and what they refuse it must refuse too.
final class TimestampTests: XCTestCase {
    func testTheHandReaderAgreesWithTheFormatters() {
        var texts = ["2026-11-15T09:00:00Z", "2026-11-15T09:00:00.5Z", "2026-11-15T09:00:00.123Z", "2026-11-15T09:00:00+01:00",
                     "2026-11-15T09:00:00-05:30", "2026-11-15T23:59:59.999-00:00", "2024-02-29T12:00:00Z", "2000-02-29T00:00:00Z",
                     "1999-12-31T23:59:59+14:00", "2026-11-15", "2026-11-15T09:00:00", "2026-11-15T09:00Z", "2026-13-01T00:00:00Z",
                     "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-11-15T24:00:00Z", "2026-11-15T09:60:00Z",
                     "2026-11-15T09:00:60Z", "2026-11-15T09:00:00.Z", "2026-11-15T09:00:00+0100", "2026-11-15T09:00:00 Z",
                     "2026-11-15t09:00:00z", "20261115T090000Z", "2026-11-15T09:00:00ZZ", "2026-1a-15T09:00:00Z", "", "soon",
                     "2026-11-15T09:00:00+25:00", "2026-11-15T09:00:00+01:60", "0000-01-01T00:00:00Z", "1582-10-04T00:00:00Z",
                     "1583-01-01T00:00:00Z"]
        var rng = SplitMix64(seed: 11)  // the same dates every run
        for _ in 0..<300 {
            let y = Int.random(in: 1970...2100, using: &rng), mo = Int.random(in: 1...12, using: &rng), d = Int.random(in: 1...31, using: &rng)
            let h = Int.random(in: 0...23, using: &rng), mi = Int.random(in: 0...59, using: &rng), s = Int.random(in: 0...59, using: &rng)
            let zone = ["Z", "+01:00", "-08:00", "+05:45"].randomElement(using: &rng)!
            let fraction = ["", ".1", ".25", ".125"].randomElement(using: &rng)!
            texts.append(String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%@", y, mo, d, h, mi, s, fraction, zone))
        }
        var read = 0
        for text in texts {
            let expected = Timestamp.byFormatters(text)
            if Timestamp.internetDateTime(text) != nil { read += 1 }
            guard let got = Timestamp.parse(text) else {
                XCTAssertNil(expected, "\(text): the formatters read it, so parse must")
                continue
            }
            XCTAssertNotNil(expected, "\(text): the formatters refuse it, so parse must")
            if let expected { XCTAssertEqual(got.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 0.0005, text) }
        }
        XCTAssertGreaterThan(read, 250, "most of these are read by hand, not by a formatter")
    }

    /// What the store stamps lists, imports and syncs with is what the formatter wrote before it.
    func testTheHandWriterWritesAsTheFormatterDoes() {
        let formatter = ISO8601DateFormatter()
        var rng = SplitMix64(seed: 5)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 1_798_761_599.999)]
        for _ in 0..<500 { dates.append(Date(timeIntervalSince1970: Double(rng.next() % 4_102_444_800) + Double(rng.next() % 1000) / 1000)) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for d in dates {
            XCTAssertEqual(Timestamp.iso(d), formatter.string(from: d), "\(d.timeIntervalSince1970)")
            let c = calendar.dateComponents([.year, .month, .day], from: d)
            XCTAssertEqual(Timestamp.utcDay(d), LocalDate(year: c.year!, month: c.month!, day: c.day!), "\(d.timeIntervalSince1970)")
        }
    }
}
