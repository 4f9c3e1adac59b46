import XCTest
@testable import WaymarkCore

/// Crisis wording raises the right notice; everyday words that sound alike raise none.
/// Sentences written for these tests, not taken from any judged set.
final class SafetyTests: XCTestCase {
    func testCrisisWordsRaiseTheRightNotice() {
        let cases: [(String, SafetyKind)] = [
            ("I want to end my life", .suicide),
            ("she's been saving up her tablets in a drawer", .suicide),
            ("he says there's no point going on", .suicide),
            ("they'd all be better off without me", .suicide),
            ("I keep thinking about killing myself", .suicide),
            ("I don't want to wake up any more", .suicide),
            ("my daughter has been self-harming", .selfHarm),
            ("he's cutting himself again", .selfHarm),
            ("mum took all her tablets an hour ago", .overdose),
            ("I think he's taken an overdose", .overdose),
            ("he’ll kill me if I leave and he's outside now", .domesticAbuse),
            ("my husband hits me when he drinks", .domesticAbuse),
            ("I'm scared to go home", .domesticAbuse),
            ("my stepdad hits my little sister", .childSafeguarding),
            ("the kids are left alone all night", .childSafeguarding),
        ]
        for (text, kind) in cases {
            let notice = SafetyCheck.check(text)
            XCTAssertEqual(notice?.kind, kind, text)
            XCTAssertTrue(notice?.contacts.contains(.emergency) ?? false, "999 on every notice: \(text)")
            XCTAssertFalse(notice?.words.isEmpty ?? true, "the words that raised it are shown: \(text)")
        }
    }

    func testEverydayWordsThatSoundAlikeRaiseNothing() {
        let lookalikes = [
            "end of life care for mum", "my phone died", "dying to get out of the house", "killing time till the bus",
            "this heat is killing me", "my feet are killing me after the walk", "I'd kill for a cup of tea",
            "dead tired after work", "my husband passed away last year", "my son took his own life two years ago",
            "support after losing my brother to suicide", "I cut my hair short", "I hurt my back lifting boxes",
            "saving up for a new cooker", "my tablets make me drowsy", "my battery is dead", "the end of my tether with the council",
            "I could murder a curry", "my mum will kill me if I'm late", "hospice care at the end of his life",
            "a life-limiting illness", "she overdid it at the gym", "I can't go on the bus on my own",
        ]
        for text in lookalikes { XCTAssertNil(SafetyCheck.check(text), text) }
    }

    func testTheNumbersAreTheRealNationalOnes() {
        let suicide = SafetyCheck.check("I want to end my life")!
        XCTAssertEqual(suicide.contacts.map(\.phone), ["999", "111", "116 123"])
        XCTAssertTrue(suicide.contacts[1].name.contains("option 2"))
        XCTAssertEqual(SafetyCheck.check("my partner threatened to kill me")?.contacts.map(\.phone), ["999", "0808 2000 247"])
        let child = SafetyCheck.check("my dad hits me", age: 14)!
        XCTAssertEqual(child.kind, .childSafeguarding, "a child hurt at home is safeguarding")
        XCTAssertTrue(child.contacts.contains(.childline))
        XCTAssertEqual(SafetyContact.childline.phone, "0800 1111")
    }

    func testMatchPutsTheNoticeAndCrisisHelpFirst() {
        let services = [
            Tiny.service("eol", "End of Life Care at Home", codes: [(.function, "end-of-life-care"), (.area, "banes-wide")],
                         ),
            Tiny.service("crisis", "Crisis Line", org: "org-b", codes: [(.function, "crisis-response"), (.condition, "mental-health-severe"), (.area, "national")]),
            Tiny.service("lonely", "Friendship Group", org: "org-c", codes: [(.function, "social-connection"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "I'm lonely and I want to end my life"))
        XCTAssertEqual(r.safety?.kind, .suicide)
        XCTAssertEqual(m.index.services[r.suggestions[0].doc].name, "Crisis Line")
        XCTAssertFalse(r.needs.contains { $0.code == "end-of-life-care" }, "end my life is not end-of-life care")
        XCTAssertTrue(r.needs.contains { $0.code == "social-connection" }, "the rest of the words still count")
        XCTAssertNil(m.match(NeedsProfile(text: "lonely")).safety)
    }
}
