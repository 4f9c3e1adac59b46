import XCTest
@testable import WaymarkCore

/// A negative requirement: a check for early signs of heart disease, kidney disease or diabetes
/// is not for someone already diagnosed. Saying so excludes; a bare mention asks; silence fits.
/// The sentences are written for these tests, not taken from any evaluation set.
final class NegativeRequirementTests: XCTestCase {
    let code = "no-vascular-diagnosis"

    func matcher() -> Matcher {
        Tiny.matcher([
            Tiny.service("open", "Open Advice", codes: [(.function, "prevention"), (.area, "banes-wide")]),
            Tiny.service("check", "Heart Check", org: "org-b", codes: [(.function, "prevention"), (.condition, "heart"), (.condition, "diabetes"), (.area, "banes-wide"), (.eligibility, code)]),
        ])
    }

    func match(_ text: String) -> (Matcher, MatchResult) {
        let m = matcher()
        return (m, m.match(NeedsProfile(text: text, age: 56, needs: ["prevention"])))
    }

    func names(_ m: Matcher, _ r: MatchResult) -> [String] { r.suggestions.map { m.index.services[$0.doc].name } }

    func testTheVocabularyHasTheNegativeFormWithItsQuestion() {
        let term = Repo.taxonomy.term(code, in: .eligibility)
        XCTAssertNotNil(term)
        XCTAssertFalse(term?.question?.isEmpty ?? true)
        XCTAssertEqual(CircumstanceRule.rulesOut[code], "vascular-diagnosis")
    }

    /// Already diagnosed, in the person's own words: a near miss with the rule, never a suggestion.
    func testSomeoneAlreadyDiagnosedIsExcluded() {
        for text in ["I have type 2 diabetes and want to get my heart checked",
                     "I'm diabetic and worried about my blood pressure",
                     "since my heart attack last year I want to keep healthy",
                     "she has kidney disease and wants to look after herself",
                     "my husband is on metformin and wants to get fitter",
                     "he's had a stent fitted and the heart failure nurse sees him",
                     "my wife lives with type 1 diabetes and wants to walk more"] {
            let (m, r) = match(text)
            XCTAssertEqual(names(m, r), ["Open Advice"], text)
            XCTAssertFalse(r.coveringSet.contains(1), "never in the covering set: \(text)")
            XCTAssertEqual(r.nearMisses.first?.fails, "not for people already diagnosed with heart disease, kidney disease or diabetes", text)
        }
    }

    /// Nothing said about a diagnosis: a negative requirement holds, so a plain suggestion.
    func testSomeoneWhoSaysNothingOfADiagnosisIsOffered() {
        for text in ["I'm overweight and I smoke and want a check-up",
                     "my dad died of a heart attack at sixty so I want to be checked",
                     "I'm pre-diabetic and want to lose weight",
                     "there's a family history of diabetes"] {
            let (m, r) = match(text)
            let check = r.suggestions.first { m.index.services[$0.doc].name == "Heart Check" }
            XCTAssertNotNil(check, text)
            XCTAssertTrue(check?.cautions.allSatisfy { !$0.contains("ask \"") } ?? false, "nothing to ask: \(text)")
        }
    }

    /// A mention that does not say whether they are diagnosed: still offered, with the question.
    func testAMentionOnlyAsksTheQuestion() {
        for text in ["I get heart problems sometimes and would like to be checked", "my blood sugars are all over the place"] {
        let (m, r) = match(text)
        let check = r.suggestions.first { m.index.services[$0.doc].name == "Heart Check" }
        XCTAssertNotNil(check)
        let question = m.index.taxonomy.term(code, in: .eligibility)?.question ?? "?"
        XCTAssertTrue(check?.cautions.contains { $0.contains(question) } ?? false, "\(text): \(check?.cautions ?? [])")
        }
    }

    /// The negative form must hold as well as the service's other requirements, not instead of them.
    func testANegativeRequirementHoldsAlongsideOthers() {
        let have: [String: Presence] = ["carers-only": .stated, "vascular-diagnosis": .stated]
        XCTAssertEqual(CircumstanceRule.verdict(requires: ["carers-only", code]) { have[$0] }, .excluded([code]))
        XCTAssertEqual(CircumstanceRule.verdict(requires: ["carers-only", code]) { $0 == "carers-only" ? .stated : nil }, .fits)
        XCTAssertEqual(CircumstanceRule.verdict(requires: [code]) { _ in nil }, .fits)
    }
}
