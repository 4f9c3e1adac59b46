import XCTest
@testable import WaymarkCore

final class MatchTests: XCTestCase {
    func names(_ m: Matcher, _ docs: [Int]) -> [String] { docs.map { m.index.services[$0].name } }

    func testEligibilityAndNearMissesAtTheEdges() {
        let services = [
            Tiny.service("a", "Over 65s Befriending", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.audience, "older-people")], minAge: 65),
            Tiny.service("b", "Bath Befriending", codes: [(.function, "social-connection"), (.area, "bath-city")]),
            Tiny.service("c", "Closed Befriending", codes: [(.function, "social-connection"), (.area, "banes-wide")], status: .temporarilyClosed),
            Tiny.service("d", "Youth Befriending", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.audience, "young-people")]),
            Tiny.service("e", "Bath Youth Club", codes: [(.function, "social-connection"), (.area, "bath-city")], maxAge: 18),
        ]
        let m = Tiny.matcher(services)
        let at65 = m.match(NeedsProfile(text: "lonely", place: "Keynsham", age: 65))
        XCTAssertEqual(names(m, at65.suggestions.map(\.doc)), ["Over 65s Befriending"])
        let misses = Dictionary(at65.nearMisses.map { (m.index.services[$0.doc].name, $0.fails) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(misses["Bath Befriending"], "serves Bath only")
        XCTAssertEqual(misses["Closed Befriending"], "temporarily closed")
        XCTAssertEqual(misses["Youth Befriending"], "for young people")
        XCTAssertNil(misses["Bath Youth Club"], "failing two rules is not a near miss")

        let at64 = m.match(NeedsProfile(text: "lonely", place: "Keynsham", age: 64))
        XCTAssertTrue(at64.suggestions.isEmpty)
        XCTAssertEqual(at64.nearMisses.first { m.index.services[$0.doc].name == "Over 65s Befriending" }?.fails, "for ages 65 and over")
        XCTAssertEqual(at64.unmet, ["social-connection"], "nothing eligible: the need is unmet")
    }

    /// A carer who gives no age of their own is an adult: a young carers' club is not for them.
    func testAYoungCarersClubIsNotForAnAdultCarer() {
        let services = [
            Tiny.service("y", "Young Carers Club", codes: [(.function, "carer-support"), (.area, "banes-wide"), (.audience, "young-people"), (.audience, "carers")], maxAge: 18),
            Tiny.service("c", "Carers Centre", org: "org-b", codes: [(.function, "carer-support"), (.area, "banes-wide"), (.audience, "carers")]),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "caring for my husband", age: 76))
        XCTAssertEqual(names(m, r.suggestions.map(\.doc)), ["Carers Centre"])
        XCTAssertTrue(r.nearMisses.contains { m.index.services[$0.doc].name == "Young Carers Club" })
        var young = NeedsProfile(text: "caring for my husband", age: 76)
        young.speakerAge = 15
        XCTAssertTrue(names(m, m.match(young).suggestions.map(\.doc)).contains("Young Carers Club"), "a carer who says they are 15 fits")
    }

    /// The community first step before a residential place or a service for people leaving hospital.
    func testTheCommunityFirstStepComesBeforeASpecialistOne() {
        let services = [
            Tiny.service("r", "Residential Respite Beds", codes: [(.function, "carer-support"), (.area, "banes-wide")]),
            Tiny.service("d", "Discharge Support", org: "org-b", codes: [(.function, "carer-support"), (.function, "hospital-discharge"), (.area, "banes-wide")]),
            Tiny.service("g", "Carers Group", org: "org-c", codes: [(.function, "carer-support"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "caring for my husband"))
        XCTAssertEqual(names(m, r.suggestions.map(\.doc)).first, "Carers Group")
        XCTAssertEqual(r.suggestions.count, 3, "every fitting suggestion is still returned")
    }

    /// A reason true of every row tells the rows apart from nothing: it is said once.
    func testAReasonOnEveryRowIsSaidOnce() {
        let services = (0..<4).map { i in
            Tiny.service("s\(i)", "Friendship Group \(i)", org: "org-\(i)", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.cost, "free"), (.referral, i == 0 ? "self-referral" : "gp-referral")])
        }
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "lonely"))
        XCTAssertEqual(r.commonReasons, ["free"])
        XCTAssertFalse(r.suggestions.contains { $0.reasons.contains("free") })
        XCTAssertTrue(r.suggestions.contains { $0.reasons.contains("you can refer yourself") }, "a reason that tells rows apart stays")
        XCTAssertTrue(r.understoodLines(m.index.taxonomy).contains("true of every suggestion in the top ten: free"))
    }

    /// A stated preference for a group lifts groups; for one-to-one, visits and phone support.
    func testGroupAndOneToOnePreferencesWork() {
        let services = [
            Tiny.service("g", "Friendship Group", codes: [(.function, "social-connection"), (.function, "peer-support"), (.area, "banes-wide")]),
            Tiny.service("v", "Befriending Visits", org: "org-b", codes: [(.function, "social-connection"), (.transport, "home-visit"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        var group = NeedsProfile(text: "lonely"); group.prefersGroup = true
        var one = NeedsProfile(text: "lonely"); one.prefersOneToOne = true
        let g = m.match(group).suggestions, o = m.match(one).suggestions
        XCTAssertGreaterThan(g.first { $0.doc == 0 }!.score - g.first { $0.doc == 1 }!.score, o.first { $0.doc == 0 }!.score - o.first { $0.doc == 1 }!.score)
    }

    func testHouseboundListLeadsWithServicesThatComeToThem() {
        let services = [
            Tiny.service("venue", "Lunch Club at the Hall", codes: [(.function, "social-connection"), (.area, "keynsham"), (.transport, "bus-route")], at: Tiny.keynsham),
            Tiny.service("home", "Home Visiting Befriender", org: "org-b", codes: [(.function, "social-connection"), (.area, "keynsham"), (.transport, "home-visit")]),
            Tiny.service("phone", "Telephone Friendship", org: "org-c", codes: [(.function, "social-connection"), (.area, "national"), (.transport, "phone")]),
        ]
        let m = Tiny.matcher(services)
        let housebound = m.match(NeedsProfile(text: "lonely", place: "Keynsham", transport: .housebound))
        XCTAssertEqual(names(m, housebound.suggestions.map(\.doc)), ["Home Visiting Befriender", "Telephone Friendship", "Lunch Club at the Hall"])
        XCTAssertTrue(housebound.suggestions[0].reasons.contains("comes to your home"))
        let driver = m.match(NeedsProfile(text: "lonely", place: "Keynsham", transport: .car))
        XCTAssertEqual(driver.suggestions.count, 3)
    }

    func testNoCarPrefersBusRoutesAndCommunityTransportOverDistance() {
        let services = [
            Tiny.service("far", "Radstock Group", codes: [(.function, "social-connection"), (.area, "banes-wide")], at: Tiny.radstock),
            Tiny.service("bus", "Radstock Bus Group", org: "org-b", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.transport, "community-transport")], at: Tiny.radstock),
            Tiny.service("near", "Keynsham Group", org: "org-c", codes: [(.function, "social-connection"), (.area, "banes-wide")], at: Tiny.keynsham),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "lonely", place: "Keynsham", transport: .noCar))
        XCTAssertEqual(names(m, r.suggestions.map(\.doc)), ["Keynsham Group", "Radstock Bus Group", "Radstock Group"])
        XCTAssertTrue(r.suggestions[1].reasons.contains("transport can be arranged"))
    }

    func testDiversityAtMostTwoPerProviderAndEveryNeedBeforeAThird() {
        var services: [Service] = []
        for i in 0..<5 { services.append(Tiny.service("a\(i)", "Org A Befriending \(i)", org: "org-a", codes: [(.function, "social-connection"), (.area, "banes-wide")])) }
        for i in 0..<3 { services.append(Tiny.service("b\(i)", "Org B Group \(i)", org: "org-b", codes: [(.function, "social-connection"), (.area, "banes-wide")])) }
        services.append(Tiny.service("c0", "Carers Line", org: "org-c", codes: [(.function, "carer-support"), (.area, "banes-wide")]))
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "lonely and caring for my husband", age: 70))
        let top = r.suggestions.prefix(10)
        let perOrg = Dictionary(grouping: top, by: { m.index.services[$0.doc].organisationID }).mapValues(\.count)
        XCTAssertLessThanOrEqual(perOrg.values.max() ?? 0, 2)
        let carerRank = top.firstIndex { m.index.services[$0.doc].name == "Carers Line" }!
        XCTAssertLessThanOrEqual(carerRank, 2, "the carer need appears before loneliness gets a third service")
    }

    func testCoveringSetIsTheSmallestAgainstBruteForce() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let needs = Int(rng.next() % 5) + 1
            let candidates = (0..<Int(rng.next() % 7 + 1)).map { i in
                CoverCandidate(id: i, covers: Set((0..<needs).filter { _ in rng.next() % 3 == 0 }), cost: Double(rng.next() % 10) / 10)
            }
            let got = CoveringSet.smallest(needCount: needs, candidates: candidates)
            let coverable = Set(candidates.flatMap(\.covers))
            // Brute force over every subset.
            var best: (Int, Double)? = nil
            for mask in 0..<(1 << candidates.count) {
                let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }
                guard Set(chosen.flatMap { candidates[$0].covers }) == coverable else { continue }
                let key = (chosen.count, chosen.reduce(0) { $0 + candidates[$1].cost })
                if best == nil || key.0 < best!.0 || (key.0 == best!.0 && key.1 < best!.1 - 1e-9) { best = key }
            }
            let gotCovers = Set(got.flatMap { id in candidates.first { $0.id == id }!.covers })
            XCTAssertEqual(gotCovers, coverable)
            XCTAssertEqual(got.count, best?.0 ?? 0)
            XCTAssertEqual(got.reduce(0) { t, id in t + candidates.first { $0.id == id }!.cost }, best?.1 ?? 0, accuracy: 1e-9)
        }
    }

    func testExplanationsSayWhyAndWhatMayStandInTheWay() {
        let services = [
            Tiny.service("x", "Memory Nurse", codes: [(.condition, "dementia"), (.area, "banes-wide"), (.transport, "home-visit"), (.referral, "gp-referral"), (.cost, "free")], assured: "2025-07-01"),
            Tiny.service("y", "Memory Café", org: "org-b", codes: [(.condition, "dementia"), (.area, "banes-wide"), (.referral, "self-referral"), (.cost, "free")], at: Tiny.keynsham),
        ]
        let m = Tiny.matcher(services)
        // The speaker is set: "mum keeps forgetting" alone reads as a carer, who also gets carers' support.
        let r = m.match(NeedsProfile(text: "mum keeps forgetting", place: "Keynsham", transport: .car, speaker: .person))
        XCTAssertEqual(r.needs.map(\.code), ["dementia"])
        let nurse = r.suggestions.first { m.index.services[$0.doc].name == "Memory Nurse" }!
        XCTAssertEqual(nurse.reasons, ["comes to your home", "free"], "how the words were read is not repeated on every row…")
        XCTAssertTrue(r.understoodLines(m.index.taxonomy).contains("keeps forgetting → dementia and memory"), "…it is said once, in understood")
        XCTAssertEqual(nurse.cautions, ["needs a GP referral", "last checked 16 months ago"])
        let cafe = r.suggestions.first { m.index.services[$0.doc].name == "Memory Café" }!
        XCTAssertTrue(cafe.reasons.contains("you can refer yourself"))
        XCTAssertTrue(cafe.reasons.contains { $0.hasSuffix(" km") })
        XCTAssertEqual(r.placeName, "Keynsham")
        XCTAssertEqual(r.area, "keynsham")
    }

    func testWordsNobodyKnowsAreReported() {
        let m = Tiny.matcher([Tiny.service("a", "Befriending", codes: [(.function, "social-connection")])])
        let r = m.match(NeedsProfile(text: "lonely and flibbertigibbet"))
        XCTAssertEqual(r.unrecognised, ["flibbertigibbet"])
    }

    func testEvalOnATinyFixtureWithKnownAnswers() throws {
        let services = [
            Tiny.service("a", "Memory Café", codes: [(.condition, "dementia"), (.function, "social-connection"), (.area, "banes-wide")]),
            Tiny.service("b", "Walking Group", org: "org-b", codes: [(.function, "physical-activity"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        let dir = Repo.tempDir()
        let set = dir + "/tiny.jsonl"
        try Data(#"{"id":"t1","text":"keeps forgetting","place":"Bath","age":80,"transport":"car","expected":[["dementia"]]}"#.utf8 + Data("\n".utf8))
            .write(to: URL(fileURLWithPath: set))
        let (ours, _) = try Evaluation(matcher: m).run(try EvalSet.load(set))
        XCTAssertEqual(ours.ndcg10, 1, accuracy: 1e-9, "the one relevant service is first")
        XCTAssertEqual(ours.recall5, 1, accuracy: 1e-9)
        XCTAssertEqual(ours.mrr, 1, accuracy: 1e-9)
        XCTAssertEqual(ours.eligibilityViolations, 0)
        XCTAssertEqual(ours.uncoveredNeeds, 0)
    }
}

/// "No upcoming sessions listed" comes from the index's column of the last day of timed
/// sessions, without decoding the record: only when every timed schedule has ended.
final class SessionsEndedTests: XCTestCase {
    func weekly(_ id: String, validTo: String?) -> Schedule {
        Schedule(id: id, freq: .weekly, byday: ByDay.parseList("TU")!, opensAt: TimeOfDay(iso: "10:00"), closesAt: TimeOfDay(iso: "12:00"),
                 validTo: validTo.flatMap { LocalDate(iso: $0) })
    }

    func testOnlyAServiceWhoseTimedSessionsHaveAllEndedSaysSo() {
        let lonely: [(Vocabulary, String)] = [(.function, "social-connection"), (.area, "banes-wide")]
        let services = [
            Tiny.service("ended", "Ended Group", codes: lonely, schedules: [weekly("a", validTo: "2026-09-05"), weekly("b", validTo: "2026-11-23")]),
            Tiny.service("mixed", "Mixed Group", org: "org-b", codes: lonely, schedules: [weekly("c", validTo: "2026-09-05"), weekly("d", validTo: nil)]),
            Tiny.service("later", "Later Group", org: "org-c", codes: lonely, schedules: [weekly("e", validTo: "2026-11-24")]),
            Tiny.service("none", "Untimed Group", org: "org-d", codes: lonely),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "lonely", speaker: .person))
        var said: [String: Bool] = [:]
        for s in r.suggestions {
            said[m.index.services[s.doc].name] = s.cautions.contains("no upcoming sessions listed")
        }
        XCTAssertEqual(said, ["Ended Group": true, "Mixed Group": false, "Later Group": false, "Untimed Group": false],
                       "ended the day before today: ended; a session ending today has not")
    }
}
