@testable import WaymarkCore
import XCTest

/// Widths as a terminal draws them, per grapheme cluster.
final class ColumnWidthTests: XCTestCase {
    func testEmojiShownAsEmojiTakeTwoColumns() {
        for emoji in ["🚌", "⌚", "☕", "✅", "🛑", "🚑", "🫶", "♿", "⚡"] {
            XCTAssertEqual(ColumnWidth.of(emoji), 2, emoji)
        }
    }

    func testEastAsianWideAndFullwidthTakeTwo() {
        XCTAssertEqual(ColumnWidth.of("日本"), 4)
        XCTAssertEqual(ColumnWidth.of("ＡＢ"), 4)
        XCTAssertEqual(ColumnWidth.of("한국"), 4)
    }

    func testJoinedSequencesAreOneClusterTwoWide() {
        XCTAssertEqual(ColumnWidth.of("👨‍👩‍👧‍👦"), 2, "ZWJ family")
        XCTAssertEqual(ColumnWidth.of("🇬🇧"), 2, "flag")
        XCTAssertEqual(ColumnWidth.of("👍🏽"), 2, "skin tone")
        XCTAssertEqual(ColumnWidth.of("❤️"), 2, "VS16 asks for emoji presentation")
        XCTAssertEqual(ColumnWidth.of("❤\u{FE0E}"), 1, "VS15 asks for text presentation")
        XCTAssertEqual(ColumnWidth.of("\u{1112}\u{1161}\u{11AB}"), 2, "conjoining Hangul 한 from jamo")
    }

    func testJoinersAndMarksTakeNoColumn() {
        XCTAssertEqual(ColumnWidth.of("a\u{200C}b"), 2, "ZWNJ")
        XCTAssertEqual(ColumnWidth.of("a\u{200D}b"), 2, "ZWJ")
        XCTAssertEqual(ColumnWidth.of("a\u{2060}b"), 2, "WJ")
        XCTAssertEqual(ColumnWidth.of("e\u{301}"), 1, "combining acute")
        XCTAssertEqual(ColumnWidth.of("café"), 4)
        XCTAssertEqual(ColumnWidth.of("\u{200D}"), 0)
    }

    func testTruncateNeverGivesMoreColumnsThanAskedWhenTheFirstCharacterIsWide() {
        // Found by FuzzText (Tests/Fuzz/regressions/text/): "日…" was three columns for two.
        XCTAssertEqual(ColumnWidth.truncate("日本語", to: 2), "…")
        XCTAssertLessThanOrEqual(ColumnWidth.of(ColumnWidth.truncate("🚌 bus", to: 2)), 2)
    }

    func testTruncateNeverSplitsACluster() {
        let family = "👨‍👩‍👧"
        XCTAssertEqual(ColumnWidth.truncate("ab" + family + "cd", to: 4), "ab…")
        XCTAssertEqual(ColumnWidth.truncate("ab" + family + "cd", to: 5), "ab" + family + "…")
    }
}
