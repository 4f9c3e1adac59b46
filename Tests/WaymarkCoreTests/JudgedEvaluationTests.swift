import XCTest
@testable import WaymarkCore

final class JudgedEvaluationTests: XCTestCase {
    func grade(_ g: Int, excluded: Bool = false) -> JudgedSet.Grade { JudgedSet.Grade(grade: g, excluded: excluded) }

    func testGradedNDCGAndPrecisionByHand() {
        let grades = ["A": grade(3), "B": grade(2), "C": grade(1, excluded: true), "D": grade(0)]
        // Ranked B, C, A, X: gains 3, 0 (excluded), 7, 0 (unjudged) → DCG 3 + 7/log2(4) = 6.5.
        // Ideal 7, 3, 0, 0 → 7 + 3/log2(3) = 8.8928.
        XCTAssertEqual(JudgedScoring.ndcg10(["B", "C", "A", "X"], grades), 6.5 / (7 + 3 / log2(3.0)), accuracy: 1e-9)
        XCTAssertEqual(JudgedScoring.ndcg10(["A", "B"], grades), 1, accuracy: 1e-9, "the ideal order scores 1")
        XCTAssertEqual(JudgedScoring.precision3(["B", "C", "A"], grades), 2.0 / 3, accuracy: 1e-9, "excluded C is a miss")
        XCTAssertEqual(JudgedScoring.precision3(["A"], grades), 1.0 / 3, accuracy: 1e-9, "an empty place is a miss")
        XCTAssertEqual(JudgedScoring.ndcg10(["A"], [:]), 0, "nothing judged: no ideal")
    }

    func testTinyJudgedFixtureGivesTheHandComputedFigures() throws {
        let services = [
            Tiny.service("s1", "Keynsham Friendship Group", codes: [(.function, "social-connection"), (.area, "banes-wide"), (.referral, "self-referral")], at: Tiny.keynsham),
            Tiny.service("s2", "Prison Leavers Friendship Group", org: "org-b", description: "For lonely people leaving prison.",
                         codes: [(.function, "social-connection"), (.area, "banes-wide"), (.eligibility, "leaving-prison")], at: Tiny.keynsham),
            Tiny.service("s3", "Crisis Line", org: "org-c", description: "A crisis line for when life feels too much.",
                         codes: [(.function, "crisis-response"), (.condition, "mental-health-severe"), (.area, "national")]),
        ]
        let set = try JudgedSet.load(Repo.root + "/Tests/Fixtures/judged-tiny")
        XCTAssertEqual(set.people.count, 3)
        let report = try JudgedEvaluation(matcher: Tiny.matcher(services)).run(set)
        let w = report.waymark, b = report.fts5Baseline
        // jp1: Waymark gives s1 only (s2 requires leaving prison) → nDCG 1, P@3 1/3. FTS5 finds "lonely" in s2 → 0, one excluded.
        // jp2: both put s3 first → 1, 1/3. jp3: nothing judged → 0.
        XCTAssertEqual(w.people.ndcg10, 2.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(w.people.precision3, (1.0 / 3 + 1.0 / 3) / 3, accuracy: 1e-9)
        XCTAssertEqual(w.people.excludedInTop10, 0)
        XCTAssertEqual(b.people.ndcg10, 1.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(b.people.excludedInTop10, 1)
        XCTAssertEqual(b.people.precision3, (1.0 / 3) / 3, accuracy: 1e-9)
        // jq1 "keynsham friendship": Waymark reads Keynsham as the place, so both friendship groups
        // serving it come, s1 then s2 (grade 1): the ideal order → 1. FTS5 needs both words in the
        // text and finds s1 alone; the ideal also has s2 second → 7 / (7 + 1/log2(3)).
        XCTAssertEqual(w.queries.ndcg10, 1, accuracy: 1e-9)
        XCTAssertEqual(b.queries.ndcg10, 7 / (7 + 1 / log2(3.0)), accuracy: 1e-9)
        XCTAssertEqual(w.queries.precision3, 1.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(w.crisis.crisisCases, 1)
        XCTAssertEqual(w.crisis.both, 1, "suicide notice and the crisis line in the top 3")
        XCTAssertEqual(b.crisis.noticeRightKind, 0, "FTS5 raises no notices")
        XCTAssertEqual(b.crisis.crisisServiceInTop3, 1)
        XCTAssertEqual(w.crisis.lookalikes, 1)
        XCTAssertEqual(w.crisis.falseAlarms, 0)
        XCTAssertEqual(report.speakerRight, 3)
    }

    func testABadGradeLineSaysWhereAndWhat() throws {
        let dir = Repo.tempDir()
        try #"{"id":"p","text":"lonely"}"#.write(toFile: dir + "/people.jsonl", atomically: true, encoding: .utf8)
        try "{\"case\":\"p\",\"service\":\"s\",\"grade\":1}\n{\"case\":\"p\",\"service\":\"s\",\"grade\":7}\n".write(toFile: dir + "/grades.jsonl", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try JudgedSet.load(dir)) { e in
            XCTAssertTrue("\(e)".contains("grades.jsonl: line 2"), "\(e)")
            XCTAssertTrue("\(e)".contains("0–3"), "\(e)")
        }
    }
}
