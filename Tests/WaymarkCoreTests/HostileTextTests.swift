import XCTest
@testable import WaymarkCore

/// Text from a hostile directory: escape payloads never survive display text, JSON escapes what
/// a terminal would act on, and one enormous word wraps in linear time.
final class HostileTextTests: XCTestCase {
    static let payloads: [(String, String)] = [
        ("CSI clear", "\u{1B}[2J\u{1B}[H"), ("CSI colour", "\u{1B}[31m"),
        ("OSC 0 title", "\u{1B}]0;PWNED\u{07}"), ("OSC 2 title with ST", "\u{1B}]2;PWNED\u{1B}\\"),
        ("OSC 52 clipboard", "\u{1B}]52;c;cm0gLXJmIH4=\u{07}"), ("DCS", "\u{1B}P1$qm\u{1B}\\"),
        ("APC", "\u{1B}_PWNED\u{1B}\\"), ("8-bit CSI", "\u{9B}2J"), ("8-bit OSC", "\u{9D}0;PWNED\u{9C}"),
        ("8-bit DCS", "\u{90}PWNED\u{9C}"), ("8-bit APC", "\u{9F}PWNED\u{9C}"), ("NEL", "\u{85}"),
        ("bidi override", "\u{202E}"), ("bidi isolate", "\u{2066}\u{2069}"), ("bidi marks", "\u{200E}\u{200F}\u{061C}"),
        ("BEL", "\u{07}"), ("NUL and backspace", "\u{00}\u{08}"),
    ]

    /// Any scalar a terminal would act on or a reader could be misled by.
    static func hasControl(_ s: String) -> Bool {
        s.unicodeScalars.contains { v in
            (v.value < 0x20 && v.value != 0x0A) || (0x7F...0x9F).contains(v.value)
                || [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C].contains(v.value)
        }
    }

    func testEveryPayloadIsRemovedAndTheTextAroundItKept() {
        for (name, p) in Self.payloads {
            for (form, clean) in [("line", DisplayText.line("before \(p)after")), ("inline", DisplayText.inline("before \(p)after")),
                                  ("text", DisplayText.text("before \(p)after")), ("block", DisplayText.block("before \(p)after"))] {
                XCTAssertFalse(Self.hasControl(clean), "\(name) survives DisplayText.\(form): \(clean.debugDescription)")
                XCTAssertFalse(clean.contains("PWNED") || clean.contains("cm0g"), "\(name): the sequence's payload shows in \(form)")
                XCTAssertTrue(clean.hasPrefix("before") && clean.hasSuffix("after"), "\(name) in \(form): \(clean.debugDescription)")
            }
        }
    }

    func testTextKeepsLayoutAndEmojiJoiners() {
        XCTAssertEqual(DisplayText.text("a  b\r\n\tc\n\nd"), "a  b\n c\n\nd")
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(DisplayText.text(family), family, "ZWJ inside an emoji sequence is kept")
    }

    func testJSONEscapesC1BidiAndFormatControls() throws {
        let raw = "a\u{9B}2J\u{85}\u{202E}\u{2066}\u{200F}\u{061C}\u{FEFF}\u{E0001}\u{200D}b"
        let data = try ServiceJSON.encode(["name": raw])
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(Self.hasControl(text.replacingOccurrences(of: "\n", with: "")), text.debugDescription)
        for escape in ["\\u009B", "\\u0085", "\\u202E", "\\u2066", "\\u200F", "\\u061C", "\\uFEFF", "\\uDB40\\uDC01"] {
            XCTAssertTrue(text.contains(escape), "\(escape) missing from \(text)")
        }
        XCTAssertTrue(text.contains("\u{200D}"), "ZWJ stays as it is")
        let back = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: String])
        XCTAssertEqual(back["name"], raw, "escaping loses nothing")
    }

    func testAHugeWordWrapsCorrectlyInLinearTime() {
        let word = String(repeating: "x", count: 200_000)
        let start = Date()
        let lines = Wrap.lines("start " + word + " end", width: 70)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(lines.first, "start")
        XCTAssertEqual(lines.dropFirst().joined(), word + " end", "nothing lost or added")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 70 })
        XCTAssertEqual(lines.count, 1 + 200_000 / 70 + 1, "full lines, then the last 10 x's share a line with \"end\"")
        // Quadratic breaking took minutes here; linear takes well under a second even in debug.
        XCTAssertLessThan(seconds, 10, "wrapping one 200,000-character word took \(seconds) s")
    }

    func testWrappingNeverSplitsAnEscapeIntoVisibleText() {
        let code = "cm0g\u{1B}]52;c;cm0gLXJmIH4=\u{07}unknown-code"
        let lines = Wrap.lines(code, width: 8)
        XCTAssertEqual(lines.joined(), "cm0gunknown-code")
        XCTAssertFalse(lines.contains { $0.contains("LXJm") }, "\(lines)")
    }

    func testWideCharactersBreakWithinTheWidth() {
        XCTAssertEqual(Wrap.lines("日本語日本語", width: 4), ["日本", "語日", "本語"])
        XCTAssertEqual(Wrap.lines("abcdefg", width: 3), ["abc", "def", "g"])
        XCTAssertEqual(Wrap.lines("日", width: 1), ["日"], "a character wider than the width still goes on a line")
    }

    func testHandoutsInEveryFormatCarryNoControlsAndHTMLIsEscaped() {
        let services = RoundTripTests.bundledDirectory.services
        var s = services[0]
        let hostile = Self.payloads.map(\.1).joined() + "<script>alert(1)</script>"
        s.name = "Club " + hostile
        s.description = hostile
        let h = Handout(entries: [Handout.Entry(service: s, organisation: "Org " + hostile, note: hostile)], firstName: nil,
                        now: at("2026-11-24", "10:30"), sampleData: false, taxonomy: Repo.taxonomy)
        for format in Handout.Format.allCases {
            let text = h.render(format)
            XCTAssertFalse(Self.hasControl(text), "\(format) handout: \(text.debugDescription.prefix(400))")
            XCTAssertTrue(text.contains("Club"), "\(format) keeps the name")
        }
        XCTAssertFalse(h.render(.html).contains("<script>"), "HTML handout escapes markup from data")
    }
}
