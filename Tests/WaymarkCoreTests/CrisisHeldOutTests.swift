import Foundation
import XCTest
@testable import WaymarkCore

/// Two crisis sets written on 2026-12-07 by two writers who saw neither the code nor the judged
/// set, each 120 crises (20 of every kind) and 60 look-alikes:
/// - `crisis-b.jsonl`, referral notes and case-note shorthand: the patterns of stop 23 were
///   written on its odd ids, and its even ids are held out;
/// - `crisis-heldout-a.jsonl`, people's own words, with the danger one clause in a longer
///   message: never tuned on.
///
/// Before stop 23 the check read 45 of B's crises and 43 of A's rightly. The patterns lifted
/// the tuned half and hardly moved the held-out ones: phrase patterns do not generalise, and
/// these floors keep that gap in sight (docs/matching.md). A floor is raised, never lowered.
final class CrisisHeldOutTests: XCTestCase {
    struct Line { let id: Int; let text: String; let kind: SafetyKind?; let age: Int? }

    static func lines(_ file: String) -> [Line] {
        let text = (try? String(contentsOfFile: Repo.fixtures.path("eval/" + file), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = (o["id"] as? String).flatMap({ Int($0.dropFirst(2)) }), let text = o["text"] as? String else { return nil }
            return Line(id: id, text: text, kind: (o["kind"] as? String).flatMap(SafetyKind.init(rawValue:)), age: o["age"] as? Int)
        }
    }

    struct Tally { var right = 0, crises = 0, falseAlarms = 0, calm = 0, without999 = 0 }

    static func tally(_ lines: [Line]) -> Tally {
        var t = Tally()
        for line in lines {
            let notice = SafetyCheck.check(line.text, age: line.age)
            if let notice, !notice.contacts.contains(where: { $0.phone == "999" }) { t.without999 += 1 }
            if let kind = line.kind {
                t.crises += 1
                if notice?.kind == kind { t.right += 1 }
            } else {
                t.calm += 1
                if notice != nil { t.falseAlarms += 1 }
            }
        }
        return t
    }

    func testTheSetsAreWhole() {
        for file in ["crisis-b.jsonl", "crisis-heldout-a.jsonl"] {
            let all = Self.lines(file)
            XCTAssertEqual(all.count, 180, file)
            XCTAssertEqual(Set(all.compactMap(\.kind)), Set(SafetyKind.allCases), file)
            XCTAssertEqual(all.filter { $0.kind == nil }.count, 60, file)
        }
    }

    func testTheTunedHalfOfB() {
        let t = Self.tally(Self.lines("crisis-b.jsonl").filter { $0.id % 2 == 1 })
        XCTAssertEqual(t.crises, 66)
        XCTAssertGreaterThanOrEqual(t.right, 60, "crises read as the right kind")
        XCTAssertLessThanOrEqual(t.falseAlarms, 1, "of \(t.calm) look-alikes")
        XCTAssertEqual(t.without999, 0)
    }

    func testTheHeldOutHalfOfB() {
        let t = Self.tally(Self.lines("crisis-b.jsonl").filter { $0.id % 2 == 0 })
        XCTAssertEqual(t.crises, 54)
        XCTAssertGreaterThanOrEqual(t.right, HeldOut.bEvenRight, "crises read as the right kind")
        XCTAssertLessThanOrEqual(t.falseAlarms, 2, "of \(t.calm) look-alikes")
        XCTAssertEqual(t.without999, 0)
    }

    func testTheHeldOutSetA() {
        let t = Self.tally(Self.lines("crisis-heldout-a.jsonl"))
        XCTAssertEqual(t.crises, 120)
        XCTAssertGreaterThanOrEqual(t.right, HeldOut.aRight, "crises read as the right kind")
        XCTAssertLessThanOrEqual(t.falseAlarms, HeldOut.aFalseAlarms, "of \(t.calm) look-alikes")
        XCTAssertEqual(t.without999, 0)
    }

    /// Everyday words beside stop 23's patterns: a child hurt by another child at school, a
    /// hearing aid that fits, a fall long ago, a course about a danger. Each was a notice once.
    func testEverydayWordsBesideTheNewPatternsStaySilent() {
        for text in ["my son was bullied at school and a boy punched him, he is ok now",
                     "the new hearing aid is fitting well",
                     "she fell last year and can't get up from the chair without help",
                     "Request: overdose awareness training for hostel volunteers in Bath",
                     "booking a course for link workers on responding to suicidal thoughts"] {
            XCTAssertNil(SafetyCheck.check(text)?.kind, text)
        }
        // The same patterns still hear the danger itself.
        XCTAssertEqual(SafetyCheck.check("she fell an hour ago and can't get up, she's shaking with cold")?.kind, .other)
        XCTAssertEqual(SafetyCheck.check("I've taken an overdose, is there a course that could help")?.kind, .overdose)
    }

    /// The held-out figures measured at stop 23.
    enum HeldOut {
        static let bEvenRight = 22
        static let aRight = 46
        static let aFalseAlarms = 6
    }
}
