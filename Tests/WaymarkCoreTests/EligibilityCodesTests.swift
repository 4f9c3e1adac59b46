import XCTest
@testable import WaymarkCore

/// The circumstances added for restrictions the directory's own text states: school pupils,
/// detention under the Mental Health Act, a mental health team, organisations, opioids,
/// injecting, alcohol, finished treatment, minority ethnic communities, former carers, being out
/// of work, being about to lose a home, high risk from abuse and an abuser who has moved out.
/// Each is tried with a person who has it, one who clearly does not, and one whose words make
/// it only likely. The sentences are written for these tests, not taken from any evaluation set.
final class EligibilityCodesTests: XCTestCase {
    struct Case {
        let code: String
        let has: String, hasAge: Int?
        let hasNot: String, hasNotAge: Int?
        let likely: String, likelyAge: Int?
    }

    let cases: [Case] = [
        Case(code: "school-pupils", has: "my son's school says he is anxious and lonely", hasAge: 12,
             hasNot: "I'm lonely since I retired from the railway", hasNotAge: 67,
             likely: "my daughter is lonely and worried all the time", likelyAge: 10),
        Case(code: "detained-mha", has: "my brother has been sectioned and wants to know his rights", hasAge: 34,
             hasNot: "I feel low and want someone to talk to", hasNotAge: 34,
             likely: "he is on a psychiatric ward and nobody listens to him", likelyAge: 34),
        Case(code: "mental-health-team", has: "my care coordinator says I can leave the ward soon", hasAge: 40,
             hasNot: "I get stressed at work and can't sleep", hasNotAge: 40,
             likely: "I have been seeing a psychiatrist for my moods", likelyAge: 40),
        Case(code: "organisations", has: "our lunch club wants a minibus for a summer outing", hasAge: nil,
             hasNot: "I need a lift to the shops on Friday", hasNotAge: 80,
             likely: "the church group would like a trip to the seaside", likelyAge: nil),
        Case(code: "opioid-use", has: "I've been on heroin for years and want a script", hasAge: 38,
             hasNot: "I drink a bottle of wine every night and want to cut down", hasNotAge: 38,
             likely: "I'm using drugs again and it scares me", likelyAge: 38),
        Case(code: "injecting-drugs", has: "I inject heroin and share needles sometimes", hasAge: 29,
             hasNot: "my drinking is out of control", hasNotAge: 29,
             likely: "I take crack most weekends", likelyAge: 29),
        Case(code: "alcohol-dependence", has: "I drink every day and want to stop", hasAge: 52,
             hasNot: "I'm on methadone and want to come off it", hasNotAge: 52,
             likely: "I think I need a detox but I'm frightened", likelyAge: 52),
        Case(code: "minority-ethnic", has: "my dad came over from Jamaica and is lonely now", hasAge: 81,
             hasNot: "I am lonely since I moved to a new flat", hasNotAge: 81,
             likely: "mum only speaks Punjabi and sits alone all day", likelyAge: 79),
        Case(code: "former-carers", has: "I looked after my husband for years and now he has gone, I'm lost", hasAge: 70,
             hasNot: "I am lonely in the evenings", hasNotAge: 70,
             likely: "since my wife died I don't know what to do with my days", likelyAge: 74),
        Case(code: "out-of-work", has: "I was made redundant in the spring and feel useless", hasAge: 45,
             hasNot: "I work full time and feel flat", hasNotAge: 45,
             likely: "I'm looking for work but nobody answers", likelyAge: 45),
        Case(code: "in-recovery", has: "I finished rehab last month and need somewhere sober to live", hasAge: 33,
             hasNot: "I drink a litre of cider a day and can't stop", hasNotAge: 33,
             likely: "I want to stay off the drink this time", likelyAge: 33),
        Case(code: "housing-at-risk", has: "the landlord has served a section 21 and we have six weeks", hasAge: 31,
             hasNot: "I own my bungalow and feel lonely", hasNotAge: 77,
             likely: "we are three months behind on the rent", likelyAge: 31),
        Case(code: "high-risk-abuse", has: "he has threatened to kill me if I tell anyone", hasAge: 36,
             hasNot: "I argue with my sister about money", hasNotAge: 36,
             likely: "my partner is controlling and checks my phone", likelyAge: 36),
        Case(code: "abuser-moved-out", has: "we left him in the summer and my boy still has nightmares", hasAge: 9,
             hasNot: "my son's asthma is getting worse", hasNotAge: 9,
             likely: "my ex used to shout at us and my girl is anxious", likelyAge: 9),
    ]

    func matcher(_ code: String) -> Matcher {
        Tiny.matcher([
            Tiny.service("open", "Open Group", codes: [(.function, "social-connection"), (.area, "banes-wide")]),
            Tiny.service("only", "Restricted Group", org: "org-b", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.eligibility, code)]),
        ])
    }

    func profile(_ text: String, _ age: Int?) -> NeedsProfile { NeedsProfile(text: text, age: age, needs: ["social-connection"]) }

    func testEachNewCodeIsInTheVocabularyWithItsQuestion() {
        for c in cases {
            let term = Repo.taxonomy.term(c.code, in: .eligibility)
            XCTAssertNotNil(term, c.code)
            XCTAssertFalse(term?.question?.isEmpty ?? true, "a navigator's question: \(c.code)")
        }
    }

    /// Has it: a plain suggestion, no caution about it.
    func testSomeoneWhoHasTheCircumstanceIsOffered() {
        for c in cases {
            let m = matcher(c.code)
            let r = m.match(profile(c.has, c.hasAge))
            let restricted = r.suggestions.first { m.index.services[$0.doc].name == "Restricted Group" }
            XCTAssertNotNil(restricted, "has it: \(c.code): \(c.has)")
            XCTAssertTrue(restricted?.cautions.allSatisfy { !$0.contains("ask \"") } ?? false, "stated, so nothing to ask: \(c.code)")
        }
    }

    /// Clearly does not: never a suggestion nor in the covering set; a near miss with the rule in plain words.
    func testSomeoneWhoClearlyDoesNotIsANearMissWithTheRule() {
        for c in cases {
            let m = matcher(c.code)
            let r = m.match(profile(c.hasNot, c.hasNotAge))
            XCTAssertEqual(r.suggestions.map { m.index.services[$0.doc].name }, ["Open Group"], "does not: \(c.code): \(c.hasNot)")
            XCTAssertFalse(r.coveringSet.contains(1), "never in the covering set: \(c.code)")
            let plain = CircumstanceRule.plainWords(c.code, service: m.index.services[1], taxonomy: m.index.taxonomy)
            XCTAssertEqual(r.nearMisses.first?.fails, plain, c.code)
            XCTAssertFalse(plain.hasPrefix("for: "), "its own plain words: \(c.code)")
        }
    }

    /// Likely but not said: offered below the open service, with the navigator's question.
    func testSomeoneWhoLikelyHasItIsOfferedLowerWithTheQuestion() {
        for c in cases {
            let m = matcher(c.code)
            let r = m.match(profile(c.likely, c.likelyAge))
            let names = r.suggestions.map { m.index.services[$0.doc].name }
            XCTAssertEqual(names, ["Open Group", "Restricted Group"], "likely: \(c.code): \(c.likely)")
            let question = m.index.taxonomy.term(c.code, in: .eligibility)?.question ?? "?"
            XCTAssertTrue(r.suggestions.last?.cautions.contains { $0.contains(question) } ?? false, "asks \"\(question)\": \(c.code)")
        }
    }

    /// The words that must not be read as the circumstance.
    func testLookAlikeWordsAreNotCircumstances() {
        let quiet: [(String, String)] = [
            ("she's not eating or drinking much", "alcohol-dependence"),
            ("he injects insulin twice a day", "injecting-drugs"),
            ("she's black and blue after he hit her", "minority-ethnic"),
            ("the heating is not working", "out-of-work"),
            ("takes painkillers for her arthritis", "opioid-use"),
            ("I look after my wife", "former-carers"),
            ("I left school at fifteen and worked on the farms", "school-pupils"),
        ]
        for (text, code) in quiet { XCTAssertNil(WhoReader.circumstances(in: text)[code], "\(code): \(text)") }
    }
}
