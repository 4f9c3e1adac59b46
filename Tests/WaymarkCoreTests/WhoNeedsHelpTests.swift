import XCTest
@testable import WaymarkCore

/// Who needs the help, who is speaking, and the circumstances a service may require.
final class WhoNeedsHelpTests: XCTestCase {
    func names(_ m: Matcher, _ docs: [Int]) -> [String] { docs.map { m.index.services[$0].name } }

    func testTheSpeakerIsReadFromTheWords() {
        let cases: [(String, Speaker?)] = [
            ("my mum keeps forgetting things", .carer),
            ("I look after my brother, he has epilepsy", .carer),
            ("my son is 8 and autistic", .parent),
            ("our daughter won't go to school", .parent),
            ("my client has just been evicted", .professional),
            ("I'm a social worker looking for a lunch club", .professional),
            ("I feel lonely since I retired", nil),
            ("my husband died in March and I can't sleep", nil),
            ("my phone died", nil),
            // Without "my": people name their own as they call them.
            ("Mum's not coping on her own and I'm two hours away", .carer),
            ("the wife's had a stroke and I do everything now", .carer),
            ("she's 6 and not talking at school", .parent),
            ("I'm ringing from the surgery about a gentleman who lives alone", .professional),
            ("as his support worker I'm looking for a day activity", .professional),
            // A grown-up child's parent speaks as a carer.
            ("my son is 34 and has schizophrenia", .carer),
        ]
        for (text, role) in cases { XCTAssertEqual(WhoReader.speaker(in: text)?.0, role, text) }
        XCTAssertEqual(WhoReader.age(in: "my son is 8 and autistic"), 8)
        XCTAssertEqual(WhoReader.age(in: "my 15 year old won't eat"), 15)
        XCTAssertNil(WhoReader.age(in: "the centre is 3 miles away"))
        XCTAssertEqual(WhoReader.age(in: "the wife's had a stroke and I'm 79 myself, she's 81", speaker: .carer), 81,
                       "a carer's own age is not the age of the person who needs help")
        XCTAssertNil(WhoReader.age(in: "Dad keeps falling and I'm 58", speaker: .carer))
        XCTAssertEqual(WhoReader.age(in: "I'm 79 and lonely"), 79)
    }

    /// The speaker development set (`Fixtures/eval/speaker-dev.jsonl`): 160 requests written
    /// for tuning role detection, many of them hard on purpose (a widow naming her late
    /// husband, "Mum's not coping", "she's 6", "ringing from the surgery"). It is not the
    /// judged set, which is never tuned on. Known misses stay marked until they are read.
    func testTheSpeakerDevelopmentSetIsReadRight() throws {
        let text = try String(contentsOfFile: Repo.fixtures.path("eval/speaker-dev.jsonl"), encoding: .utf8)
        let rows = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertGreaterThanOrEqual(rows.count, 280)
        var wrong: [String] = [], nowRead: [String] = []
        for o in rows {
            guard let id = o["id"] as? String, let words = o["text"] as? String,
                  let truth = (o["speaker"] as? String).flatMap(Speaker.init(rawValue:)) else { XCTFail("bad row \(o)"); continue }
            let got = WhoReader.speaker(in: words, age: o["age"] as? Int)?.0 ?? .person
            let known = o["known_miss"] as? Bool ?? false
            if known, got == truth { nowRead.append(id) }
            if !known, got != truth { wrong.append("\(id) want \(truth.rawValue) got \(got.rawValue): \(words)") }
        }
        XCTAssertEqual(wrong, [], wrong.joined(separator: "\n"))
        XCTAssertEqual(nowRead, [], "read now: drop known_miss from these")
        XCTAssertLessThanOrEqual(rows.filter { $0["known_miss"] as? Bool ?? false }.count, 5)
    }

    /// `Fixtures/eval/speaker-c.jsonl`: 240 requests, 60 for each speaker, written on 2026-12-08
    /// by a writer who saw neither the code nor the other sets, hard on purpose (a widower who
    /// names his late wife, "Pt 52M", a carer who never says "carer"). The worker's note forms
    /// and three "for myself" forms were written from its odd ids; its even ids are held out.
    /// Before them the reader got 88 of the odd and 77 of the even ids right. A floor is raised,
    /// never lowered.
    func testTheSpeakerSetCIsReadAboveItsFloors() throws {
        let text = try String(contentsOfFile: Repo.fixtures.path("eval/speaker-c.jsonl"), encoding: .utf8)
        var right = [0, 0], total = [0, 0]
        for line in text.split(separator: "\n") {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = (o["id"] as? String).flatMap({ Int($0.dropFirst(2)) }), let words = o["text"] as? String,
                  let truth = (o["speaker"] as? String).flatMap(Speaker.init(rawValue:)) else { XCTFail("bad row \(line)"); continue }
            let got = WhoReader.speaker(in: words, age: o["age"] as? Int)?.0 ?? .person
            total[id % 2] += 1
            if got == truth { right[id % 2] += 1 }
        }
        XCTAssertEqual(total, [120, 120])
        XCTAssertGreaterThanOrEqual(right[1], SpeakerFloors.tunedOdd, "odd ids, tuned on")
        XCTAssertGreaterThanOrEqual(right[0], SpeakerFloors.heldOutEven, "even ids, held out")
    }

    enum SpeakerFloors {
        static let tunedOdd = 110
        static let heldOutEven = 90
    }

    /// A relation named as company or as the one who helps is not the person cared for.
    func testARelationWhoIsCompanyOrHelpsIsNotCaredFor() {
        let cases: [(String, Speaker?)] = [
            ("me and my husband would like to join a walking group", nil),
            ("my wife and I have just moved to Keynsham and know nobody", nil),
            ("I live with my partner but I feel very low", nil),
            ("my daughter says I'm drinking too much", nil),
            ("my neighbour drives me to the surgery but I need help with shopping", nil),
            ("my son thinks I should get out more", nil),
            ("my sister told me about a lunch club", nil),
            ("my son does my shopping but otherwise I'm stuck in the flat", nil),
            ("since my husband passed the house is so quiet", nil),
            ("my kids are all in Australia now, so it's just me", nil),
            ("my partner does everything for me but I'd like something for myself", nil),
            // Still carers or parents: the relation is the one who needs the help.
            ("me and my brother look after my mum, she has dementia", .carer),
            ("my dad keeps falling and I live with my partner", .carer),
            ("I live with my partner and my son won't go to school", .parent),
            ("my daughter says my mum keeps forgetting", .carer),
        ]
        for (text, role) in cases { XCTAssertEqual(WhoReader.speaker(in: text)?.0, role, text) }
    }

    func testCircumstancesAreReadFromTheWords() {
        let found = WhoReader.circumstances(in: "just out of prison and sleeping in my car")
        XCTAssertEqual(found["leaving-prison"]?.0, .stated)
        XCTAssertEqual(found["homeless"]?.0, .stated)
        XCTAssertEqual(WhoReader.circumstances(in: "I served in the army for twenty years")["veterans"]?.0, .stated)
        XCTAssertEqual(WhoReader.circumstances(in: "she's worried about her memory")["women-only"]?.0, .plausible)
        XCTAssertNil(WhoReader.circumstances(in: "I feel lonely")["leaving-prison"])
        XCTAssertEqual(WhoReader.circumstances(in: "dad can't get out of the house since his fall")["housebound"]?.0, .stated)
        XCTAssertEqual(WhoReader.circumstances(in: "mum has just come home from hospital")["recent-discharge"]?.0, .stated)
        XCTAssertNil(WhoReader.circumstances(in: "I visited the hospital cafe")["recent-discharge"])
        XCTAssertNil(WhoReader.circumstances(in: "I want to get out of the house more")["housebound"])
    }

    func testTheRuleGenderAndAtLeastOneOther() {
        let have: [String: Presence] = ["homeless": .stated]
        XCTAssertEqual(CircumstanceRule.verdict(requires: ["homeless", "leaving-prison"]) { have[$0] }, .fits, "one of the others is enough")
        XCTAssertEqual(CircumstanceRule.verdict(requires: ["women-only", "homeless"]) { have[$0] }, .excluded(["women-only"]))
        XCTAssertEqual(CircumstanceRule.verdict(requires: ["women-only", "homeless"]) { ["women-only": .plausible, "homeless": .stated][$0] }, .ask(["women-only"]))
        XCTAssertEqual(CircumstanceRule.verdict(requires: []) { _ in nil }, .fits)
    }

    /// Each required circumstance: hard when absent (a near miss with its rule in plain words), a fit when stated.
    func testEachEligibilityCodeIsHardAndANearMissWhenAbsent() {
        let plain: [String: String] = [
            "leaving-prison": "for people leaving prison or on probation", "homeless": "for people who are homeless or sleeping rough",
            "veterans": "for armed forces veterans", "lgbtq": "for LGBTQ+ people", "refugees-asylum": "for refugees and people seeking asylum",
            "carers-only": "for unpaid carers", "pregnant-new-parents": "for pregnant people and new parents", "care-leavers": "for care leavers",
            "ehcp": "for children and young people with an EHCP", "bsl-users": "for British Sign Language users",
            "existing-patients": "for the provider's own patients and their families", "tenants": "for the landlord's own tenants",
            "bereaved-by-cause": "for people bereaved in the way it names", "men-only": "for men",
        ]
        for (code, words) in plain {
            let services = [
                Tiny.service("open", "Open Friendship Group", codes: [(.function, "social-connection"), (.area, "banes-wide")]),
                Tiny.service("only", "Restricted Friendship Group", org: "org-b", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.eligibility, code)]),
            ]
            let m = Tiny.matcher(services)
            let without = m.match(NeedsProfile(text: "lonely", speaker: .person))
            XCTAssertEqual(names(m, without.suggestions.map(\.doc)), ["Open Friendship Group"], code)
            XCTAssertFalse(without.coveringSet.contains(1), "never in the covering set: \(code)")
            XCTAssertEqual(without.nearMisses.first?.fails, words, code)
            let with = m.match(NeedsProfile(text: "lonely", speaker: .person, circumstances: [code]))
            XCTAssertTrue(names(m, with.suggestions.map(\.doc)).contains("Restricted Friendship Group"), "stated: \(code)")
        }
    }

    /// A service for housebound people is for someone who cannot get out: the transport
    /// situation says so, or the words do; otherwise it is a near miss.
    func testAHouseboundServiceNeedsSomeoneHousebound() {
        let services = [Tiny.service("n", "District Nursing", codes: [(.function, "clinical-care"), (.function, "social-connection"), (.area, "banes-wide"), (.eligibility, "housebound")])]
        let m = Tiny.matcher(services)
        XCTAssertEqual(m.match(NeedsProfile(text: "lonely", transport: .housebound)).suggestions.count, 1)
        XCTAssertEqual(m.match(NeedsProfile(text: "lonely and I can't get out of the house")).suggestions.count, 1)
        let car = m.match(NeedsProfile(text: "lonely", transport: .car))
        XCTAssertTrue(car.suggestions.isEmpty)
        XCTAssertEqual(car.nearMisses.first?.fails, "for people who are housebound")
    }

    func testLikelyButUnstatedIsACautionWithTheQuestion() {
        let services = [Tiny.service("w", "Women's Walking Group", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.eligibility, "women-only")])]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "she is lonely since the move"))
        XCTAssertEqual(r.suggestions.count, 1)
        XCTAssertEqual(r.suggestions[0].cautions.first, "for women: ask whether this fits")
        // A carer naming the relation names the gender of the person they speak for.
        let mum = m.match(NeedsProfile(text: "my mum is lonely and he never visits"))
        XCTAssertEqual(mum.suggestions.count, 1)
        XCTAssertNil(mum.suggestions[0].cautions.first { $0.hasPrefix("for women") }, "my mum is a woman: nothing to ask")
        XCTAssertTrue(m.match(NeedsProfile(text: "my dad is lonely and she worries")).suggestions.isEmpty, "my dad: a women's group is a near miss")
        XCTAssertTrue(m.match(NeedsProfile(text: "lonely", speaker: .person)).suggestions.isEmpty, "nothing says woman: excluded")
    }

    func testACarerGetsServicesForThePersonAndForCarers() {
        let services = [
            Tiny.service("mem", "Memory Cafe", codes: [(.condition, "dementia"), (.area, "banes-wide")], minAge: 60),
            Tiny.service("car", "Carers' Support Group", org: "org-b", codes: [(.function, "carer-support"), (.area, "banes-wide"), (.eligibility, "carers-only")], minAge: 18),
            Tiny.service("fam", "Dementia Family Group", org: "org-c", codes: [(.condition, "dementia"), (.function, "carer-support"), (.area, "banes-wide"), (.eligibility, "family-of-person-with")]),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "my mum keeps forgetting", age: 84))
        XCTAssertEqual(r.understanding.speaker, .carer)
        XCTAssertEqual(Set(names(m, r.suggestions.map(\.doc))), ["Memory Cafe", "Carers' Support Group", "Dementia Family Group"],
                       "the age 84 is the mother's; the carers' group is for the speaker")
        let herself = m.match(NeedsProfile(text: "I keep forgetting", age: 84))
        XCTAssertEqual(herself.understanding.speaker, .person)
        XCTAssertEqual(names(m, herself.suggestions.map(\.doc)), ["Memory Cafe"], "a carers-only group is not for the person cared for")
    }

    /// A parent gets carers' services only as a parent carer: the parent of a toddler late to
    /// talk is not offered a carers-only group, and the parent of a child with cerebral palsy is,
    /// with the words that said so in "understood".
    func testAParentIsACarerOnlyWhenTheChildNeedsCare() {
        let services = [
            Tiny.service("talk", "Chatterbox Toddler Group", codes: [(.condition, "child-development"), (.condition, "physical-disability"), (.area, "banes-wide")]),
            Tiny.service("car", "Parent Carers' Group", org: "org-b", codes: [(.function, "carer-support"), (.area, "banes-wide"), (.eligibility, "carers-only")], minAge: 18),
        ]
        let m = Tiny.matcher(services)
        let toddler = m.match(NeedsProfile(text: "my son is 2 and not really talking yet, just a few words", age: 2, needs: ["child-development"], speaker: .parent))
        XCTAssertEqual(names(m, toddler.suggestions.map(\.doc)), ["Chatterbox Toddler Group"])
        XCTAssertFalse(toddler.needs.contains { $0.code == "carer-support" })
        XCTAssertFalse(toddler.understoodLines(m.index.taxonomy).joined().contains("parent carer"))
        let palsy = m.match(NeedsProfile(text: "my son is 6 and has cerebral palsy, I'm exhausted", age: 6, needs: ["physical-disability"], speaker: .parent))
        XCTAssertEqual(Set(names(m, palsy.suggestions.map(\.doc))), ["Chatterbox Toddler Group", "Parent Carers' Group"])
        XCTAssertTrue(palsy.needs.contains { $0.code == "carer-support" })
        XCTAssertTrue(palsy.understoodLines(m.index.taxonomy).joined().contains("a parent carer (from \"cerebral palsy\")"))
    }

    /// `Fixtures/eval/parent-dev.jsonl`: 160 parents, half of them parent carers, written by a
    /// helper who saw neither the judged set nor the code. The rule was written on the odd ids;
    /// the even ids are held out, and their figure is a floor so that a change which reads them
    /// worse fails (2026-12-07: 67 of 80, where reading every parent as a carer gets 40).
    func testParentCarersAreToldFromParents() throws {
        let text = try String(contentsOfFile: Repo.fixtures.path("eval/parent-dev.jsonl"), encoding: .utf8)
        let rows = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(rows.count, 160)
        let m = Tiny.matcher([Tiny.service("any", "Any", codes: [(.area, "banes-wide")])])
        var tuningWrong: [String] = [], heldOutRight = 0
        for o in rows {
            guard let id = o["id"] as? String, let words = o["text"] as? String, let truth = o["parent_carer"] as? Bool,
                  let n = Int(id.dropFirst(2)) else { XCTFail("bad row \(o)"); continue }
            let u = m.understand(NeedsProfile(text: words, age: o["age"] as? Int, speaker: .parent))
            let got = u.circumstances.contains { $0.code == "carers-only" }
            if n % 2 == 1, got != truth { tuningWrong.append("\(id) want \(truth): \(words)") }
            if n % 2 == 0, got == truth { heldOutRight += 1 }
        }
        XCTAssertEqual(tuningWrong, [], tuningWrong.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(heldOutRight, 67)
    }

    func testAServiceMadeForTheNeedOutranksABroadOne() {
        let services = [
            Tiny.service("broad", "Community Hub", codes: [(.function, "social-connection"), (.function, "money-benefits"), (.function, "housing-support"),
                                                           (.function, "physical-activity"), (.function, "learning-work"), (.condition, "dementia"), (.area, "banes-wide")]),
            Tiny.service("made", "Memory Cafe", org: "org-b", codes: [(.condition, "dementia"), (.function, "social-connection"), (.area, "banes-wide")]),
        ]
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "keeps forgetting and lonely", speaker: .person))
        XCTAssertEqual(names(m, r.suggestions.map(\.doc)).first, "Memory Cafe")
    }

    func testOwnTownBeatsThirteenKilometresWithoutACar() {
        let services = [
            Tiny.service("far", "Radstock Lunch Club", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.referral, "self-referral")], at: Tiny.radstock),
            Tiny.service("near", "Keynsham Lunch Club", org: "org-b", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.referral, "professional-referral")], at: Tiny.keynsham),
        ]
        let m = Tiny.matcher(services)
        XCTAssertEqual(names(m, m.match(NeedsProfile(text: "lonely", place: "Keynsham", transport: .noCar, speaker: .person)).suggestions.map(\.doc)).first,
                       "Keynsham Lunch Club")
    }

    func testEveryFittingSuggestionIsReturnedAndNearMissesAreAllKept() {
        var services: [Service] = []
        for i in 0..<30 { services.append(Tiny.service("g\(i)", "Group \(i)", org: "org-\(i)", codes: [(.function, "social-connection"), (.area, "banes-wide")])) }
        for i in 0..<8 { services.append(Tiny.service("p\(i)", "Prison Group \(i)", org: "org-p\(i)", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.eligibility, "leaving-prison")])) }
        let m = Tiny.matcher(services)
        let r = m.match(NeedsProfile(text: "lonely", speaker: .person))
        XCTAssertEqual(r.suggestions.count, 30)
        XCTAssertEqual(r.nearMisses.count, 8, "not capped at five")
    }

    func testTheRuleIsSaidInPlainWordsOnTheCard() {
        let s = Tiny.service("p", "Through the Gate", codes: [(.function, "housing-support"), (.eligibility, "leaving-prison")])
        XCTAssertTrue(s.whoCanUse(Repo.taxonomy).contains("Only for people leaving prison or on probation"))
    }
}
