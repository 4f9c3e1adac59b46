import XCTest
@testable import WaymarkCore

/// Whether a service is about the person's condition (what a "diagnosed" or "family of someone
/// with" requirement turns on) is read from the code bits, and the record is decoded only when a
/// condition code lies outside the vocabulary. These tests hold the bits to the record's answer.
final class ConditionBitsTests: XCTestCase {
    /// The answer read from the whole record, as the matcher gave it before the bits.
    func fromRecord(_ s: Service, _ person: MatchPerson) -> Bool {
        let conditions = s.codes(.condition)
        return conditions.isEmpty || conditions.contains { person.conditions.contains($0) }
    }

    func person(_ conditions: Set<String>) -> MatchPerson {
        var p = MatchPerson()
        p.conditions = conditions
        return p
    }

    func testEveryBundledServiceGivesTheRecordsAnswerForEveryCondition() {
        let index = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: Repo.lexicon)
        let check = EligibilityCheck(index: index)
        let codes = Repo.taxonomy.terms(.condition).map(\.code)
        XCTAssertGreaterThan(codes.count, 10)
        // No condition, each condition alone, pairs of neighbours, and one outside the vocabulary.
        var people: [Set<String>] = [[]] + codes.map { [$0] }
        people += zip(codes, codes.dropFirst()).map { [$0, $1] }
        people.append(["not-a-waymark-condition", codes[0]])
        var agreed = 0, aboutTheirs = 0
        for doc in 0..<index.count {
            let s = index.services[doc]
            for c in people {
                let p = person(c)
                let expected = fromRecord(s, p)
                XCTAssertEqual(check.concernsTheirCondition(doc, p), expected, "\(s.name) for a person with \(c.sorted())")
                agreed += 1
                if expected { aboutTheirs += 1 }
            }
        }
        XCTAssertEqual(agreed, index.count * people.count)
        XCTAssertGreaterThan(aboutTheirs, 0, "some services are about the person's condition")
        XCTAssertLessThan(aboutTheirs, agreed, "and some are not: both answers were checked")
    }

    /// A feed's own condition codes have no bit: the record answers, so a service about
    /// "long-covid" alone is not taken for one about no condition at all.
    func testAConditionOutsideTheVocabularyIsReadFromTheRecord() {
        let foreign = Service(id: "s-foreign", organisationID: "org-a", name: "Long covid clinic",
                              terms: [TermRef(attributeID: "a1", termID: "t1", taxonomy: Vocabulary.condition.rawValue, code: "long-covid")])
        let both = Service(id: "s-both", organisationID: "org-a", name: "Memory and long covid clinic",
                           terms: [TermRef(attributeID: "a2", termID: "t2", taxonomy: Vocabulary.condition.rawValue, code: "long-covid"),
                                   TermRef(attributeID: "a3", termID: "t3", taxonomy: Vocabulary.condition.rawValue, code: "dementia")])
        let none = Service(id: "s-none", organisationID: "org-a", name: "Advice line")
        let index = Tiny.index([foreign, both, none])
        let check = EligibilityCheck(index: index)
        func doc(_ id: String) -> Int { index.doc(id: id)! }
        XCTAssertFalse(check.concernsTheirCondition(doc("s-foreign"), person(["dementia"])), "about another condition")
        XCTAssertTrue(check.concernsTheirCondition(doc("s-foreign"), person(["long-covid"])), "the feed's own code matches the person's")
        XCTAssertTrue(check.concernsTheirCondition(doc("s-both"), person(["dementia"])))
        XCTAssertFalse(check.concernsTheirCondition(doc("s-both"), person(["stroke"])))
        XCTAssertTrue(check.concernsTheirCondition(doc("s-none"), person(["stroke"])), "about no condition in particular")
    }
}

/// "Specialist" (residential, inpatient, a ward, beds…) is found in a service's name by a byte
/// search: it must find exactly what Foundation's `contains` found, on every bundled name and on
/// names made to sit on the edges (the word at either end, cut short, or in capitals).
final class SpecialistWordsTests: XCTestCase {
    func foundationAnswer(_ name: String) -> Bool {
        let lower = name.lowercased()
        return Matcher.residentialWords.contains { lower.contains($0) }
    }

    func testTheByteSearchAgreesWithFoundationOnEveryName() {
        var names = RoundTripTests.bundledDirectory.services.map(\.name)
        names += ["Beds", "Step-Down Beds", "wards", "war", "ward", "a ward", "Care Hom", "care home", "CARE HOME team",
                  "In-Patient", "inpatien", "Supported Lodgings", "Hospice In-Patient Unit", "", "bed", "Crèche ward ✓"]
        var specialist = 0
        for name in names {
            let expected = foundationAnswer(name)
            XCTAssertEqual(Matcher.isSpecialist(name: name, functions: [String]()), expected, name)
            if expected { specialist += 1 }
        }
        XCTAssertGreaterThan(specialist, 5, "names of both kinds were checked")
        XCTAssertLessThan(specialist, names.count - 5)
    }
}

/// The index's stored specialist flag gives the record's answer for ASCII names, names outside
/// ASCII and a specialist function.
final class SpecialistFromIndexTests: XCTestCase {
    func testTheIndexAnswerIsTheRecordsAnswer() {
        let names = RoundTripTests.bundledDirectory.services.map(\.name)
            + ["CARE HOME team", "Crèche ward ✓", "Café Beds", "Ｗard", "Kelvin \u{212A}", "Plain advice"]
        var services = names.enumerated().map { Service(id: "s\($0.offset)", organisationID: "org-a", name: $0.element) }
        services.append(Service(id: "s-discharge", organisationID: "org-a", name: "Home from hospital",
                                terms: [TermRef(attributeID: "a1", termID: "t1", taxonomy: Vocabulary.function.rawValue, code: "hospital-discharge")]))
        let index = Tiny.index(services)
        var specialist = 0
        for s in services {
            let doc = index.doc(id: s.id)!
            let expected = Matcher.isSpecialist(s)
            XCTAssertEqual(index.isSpecialist(doc), expected, s.name)
            if expected { specialist += 1 }
        }
        XCTAssertTrue(index.isSpecialist(index.doc(id: "s-discharge")!), "a specialist function")
        XCTAssertTrue(index.isSpecialist(index.doc(id: "s\(names.count - 5)")!), "a name outside ASCII")
        XCTAssertGreaterThan(specialist, 5)
        XCTAssertLessThan(specialist, services.count - 5)
    }
}

/// One match judges each list of required circumstances once (`EligibilityCheck.Bound`): the
/// verdicts it keeps must be the ones a fresh check gives each service, whoever the person is.
final class BoundRulesTests: XCTestCase {
    func testOneBoundCheckGivesEveryServiceTheFreshAnswer() {
        let index = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: Repo.lexicon)
        let check = EligibilityCheck(index: index)
        var people: [MatchPerson] = []
        for speaker in Speaker.allCases {
            for (conditions, circumstances) in [([], [:]), (["dementia"], ["carers-only": Presence.stated]),
                                                (["stroke"], ["diagnosed": .plausible, "women-only": .stated]),
                                                (["autism"], ["family-of-person-with": .plausible, "men-only": .plausible, "ehcp": .stated])] as [(Set<String>, [String: Presence])] {
                var p = MatchPerson(area: "bath", age: speaker == .parent ? 9 : 70)
                p.speaker = speaker
                p.conditions = conditions
                p.circumstances = circumstances
                people.append(p)
            }
        }
        var excluded = 0, asked = 0
        for person in people {
            var bound = check.bound(to: person)
            for doc in 0..<index.count {
                let kept = bound.check(doc), fresh = EligibilityCheck(index: index).check(doc, for: person)
                XCTAssertEqual(kept.fails, fresh.fails, "\(index.name(doc)) for \(person.speaker)")
                XCTAssertEqual("\(kept.verdict)", "\(fresh.verdict)", "\(index.name(doc)) for \(person.speaker)")
                if case .excluded = fresh.verdict { excluded += 1 }
                if case .ask = fresh.verdict { asked += 1 }
            }
        }
        XCTAssertGreaterThan(excluded, 100, "services were ruled out by their circumstances")
        XCTAssertGreaterThan(asked, 20, "and some were left to ask about")
    }
}

/// The index's numbered lists of required circumstances give each service its own list.
final class RequirementListsFromIndexTests: XCTestCase {
    func testEachServiceGetsItsOwnListAndListsAreShared() {
        let index = Tiny.index(RoundTripTests.bundledDirectory.services)
        let lists = index.allRequirementLists()
        var requiring = 0
        for doc in 0..<index.count {
            let own = index.services[doc].codes(.eligibility)
            XCTAssertEqual(index.requirementListNumber(doc).map { lists[$0] } ?? [], own, index.name(doc))
            XCTAssertEqual(index.requirementListNumber(doc) != nil, !own.isEmpty)
            if !own.isEmpty { requiring += 1 }
        }
        XCTAssertEqual(Set(lists).count, lists.count, "each list is kept once")
        XCTAssertGreaterThan(requiring, 100)
        XCTAssertLessThan(lists.count, requiring / 2, "services share lists")
    }
}

