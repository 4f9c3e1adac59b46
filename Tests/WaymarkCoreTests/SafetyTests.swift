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

    /// Indirect and colloquial wording, as people say it to a navigator (written for this test).
    func testIndirectWordingRaisesTheRightNotice() {
        let cases: [(String, SafetyKind)] = [
            ("I can't see a way out of this any more", .suicide),
            ("honestly I just want it all to stop", .suicide),
            ("what's the point in going on like this", .suicide),
            ("he says he's tired of living", .suicide),
            ("life isn't worth living since the redundancy", .suicide),
            ("I'd like to go to sleep and never wake up", .suicide),
            ("my brother keeps talking about not being around", .suicide),
            ("she has written a goodbye letter to her kids", .suicide),
            ("he's threatening to top himself", .suicide),
            ("I've been thinking about ending it", .suicide),
            ("my son tried to take his own life last month and says he'll do it again", .suicide),
            ("he's been stood on the bridge saying he'll jump off the bridge", .suicide),
            ("my flatmate swallowed a load of pills with vodka", .overdose),
            ("she took a handful of co-codamol about an hour ago", .overdose),
            ("my dad has taken too much insulin and is confused", .overdose),
            ("I think my friend OD'd last night", .overdose),
            ("my boyfriend threatened to stab me", .domesticAbuse),
            ("he grabbed my hair and then he strangled me", .domesticAbuse),
            ("I'm terrified of him when he's been drinking", .domesticAbuse),
            ("my husband won't let me see my friends or have any money", .domesticAbuse),
            ("my ex keeps turning up at my work", .domesticAbuse),
            ("I need to get away from my partner", .domesticAbuse),
            ("her boyfriend smacks the kids when she's at work", .childSafeguarding),
            ("my granddaughter came home with bruises she won't explain", .childSafeguarding),
            ("a man online keeps asking my daughter for nude pictures", .childSafeguarding),
            ("I think my nephew is being groomed by an older lad", .childSafeguarding),
            ("my stepdad comes into my room at night", .childSafeguarding),
            ("she has fresh cuts on her arms", .selfHarm),
            ("I've been cutting my wrists again", .selfHarm),
            ("he gets urges to hurt himself", .selfHarm),
            ("I really can't do this any more", .suicide),
            ("my family would be better off", .suicide),
            ("I feel like I'm just a burden to everyone", .suicide),
            ("nobody would miss me", .suicide),
            ("I'm scared I'll do something stupid to myself tonight", .suicide),
            ("she took too many of her sleeping tablets", .overdose),
            ("he had 24 paracetamol this morning", .overdose),
            ("my partner gets violent with me", .domesticAbuse),
            ("he threatens me all the time", .domesticAbuse),
            ("her mum's boyfriend is hurting the baby", .childSafeguarding),
            ("he took a load of his nan's pills", .overdose),
            ("my brother keeps talking about ending his life", .suicide),
            ("she has been googling ways to die", .suicide),
            ("he knocks me about when the football's on", .domesticAbuse),
        ]
        for (text, kind) in cases { XCTAssertEqual(SafetyCheck.check(text)?.kind, kind, text) }
    }

    /// Everyday sentences that share words with crisis wording (written for this test).
    func testIndirectLookalikesStaySilent() {
        let lookalikes = [
            "end of life care for mum", "my phone died", "dying to get out", "killing time",
            "mum forgets whether she has taken all her tablets", "he needs help to take all his pills in the morning",
            "I want to end things with my boyfriend and find a flat", "I'm sick of living in this damp flat",
            "she cut her arm on the fence while gardening", "my son isn't safe to cross the road on his own",
            "is there a group to talk about dying and planning a funeral", "dad is acting odd and keeps wandering",
            "our dog needs grooming", "I want this noise to stop", "my husband pushed me to ring you",
            "there's no way out of the car park after six", "she's terrified of hospitals", "I'm cutting down on sugar",
            "my daughter's baby has a birthmark on her arm", "we talked about ending my tenancy early",
            "I don't want to be here in hospital over Christmas", "mum doesn't want to be a burden on us", "I can't do this job any more",
            "he's outside in the garden", "can I take these pills with alcohol or do they interact", "my client gets aggressive when he's hungry",
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

    /// Crisis help a person can reach now comes first; crisis beds taken only on a crisis
    /// team's referral are a worker's step, first for a worker and not for the person in danger.
    func testCrisisHelpThatNeedsAReferralIsFirstOnlyForAWorker() {
        let services = [
            Tiny.service("beds", "Crisis Beds", codes: [(.function, "crisis-response"), (.condition, "mental-health-severe"),
                                                        (.referral, "professional-referral"), (.area, "banes-wide")]),
            Tiny.service("line", "Listening Line", org: "org-b", codes: [(.function, "peer-support"), (.condition, "mental-health-severe"),
                                                                        (.referral, "self-referral"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        let own = m.match(NeedsProfile(text: "I want to end my life"))
        XCTAssertEqual(own.safety?.kind, .suicide)
        XCTAssertEqual(m.index.services[own.suggestions[0].doc].name, "Listening Line", "the person cannot refer themselves to the beds")
        let worker = m.match(NeedsProfile(text: "my client wants to end his life"))
        XCTAssertEqual(worker.safety?.kind, .suicide)
        XCTAssertEqual(m.index.services[worker.suggestions[0].doc].name, "Crisis Beds", "a worker can")
    }
}
