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
///
/// Stop 24 added a reader of cues in context (`CrisisCues`), written on B's odd ids and on
/// `crisis-c.jsonl` (2026-12-08: 70 crises and 150 look-alikes, written blind to be tuned on),
/// and one more held-out set, `crisis-heldout-d.jsonl` (120 crises, 80 look-alikes, written
/// blind the same day after the reader was written; only its counts were read). A fifth,
/// `crisis-e.jsonl` (180 crises, 30 look-alikes), was written blind after D to be tuned on.
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
        XCTAssertEqual(Self.lines("crisis-c.jsonl").count, 220)
        XCTAssertEqual(Self.lines("crisis-c.jsonl").filter { $0.kind == nil }.count, 150)
        XCTAssertEqual(Self.lines("crisis-heldout-d.jsonl").count, 200)
        XCTAssertEqual(Self.lines("crisis-e.jsonl").count, 210)
        XCTAssertEqual(Self.lines("crisis-e.jsonl").filter { $0.kind == nil }.count, 30)
        XCTAssertEqual(Set(Self.lines("crisis-heldout-d.jsonl").compactMap(\.kind)), Set(SafetyKind.allCases))
        XCTAssertEqual(Self.lines("crisis-heldout-d.jsonl").filter { $0.kind == nil }.count, 80)
        for file in ["crisis-b.jsonl", "crisis-heldout-a.jsonl"] {
            let all = Self.lines(file)
            XCTAssertEqual(all.count, 180, file)
            XCTAssertEqual(Set(all.compactMap(\.kind)), Set(SafetyKind.allCases), file)
            XCTAssertEqual(all.filter { $0.kind == nil }.count, 60, file)
        }
    }

    /// The lines' crises read as the right kind at or above `right`, no more than `falseAlarms`
    /// of their look-alikes raising a notice, and 999 on every notice.
    func assertFloors(_ lines: [Line], crises: Int, right: Int, falseAlarms: Int, _ name: String, line: UInt = #line) {
        let t = Self.tally(lines)
        XCTAssertEqual(t.crises, crises, name, line: line)
        XCTAssertGreaterThanOrEqual(t.right, right, "\(name): crises read as the right kind", line: line)
        XCTAssertLessThanOrEqual(t.falseAlarms, falseAlarms, "\(name): of \(t.calm) look-alikes", line: line)
        XCTAssertEqual(t.without999, 0, name, line: line)
    }

    func testTheTunedHalfOfB() {
        assertFloors(Self.lines("crisis-b.jsonl").filter { $0.id % 2 == 1 }, crises: 66, right: 65, falseAlarms: 0, "B odd")
    }

    func testTheHeldOutHalfOfB() {
        assertFloors(Self.lines("crisis-b.jsonl").filter { $0.id % 2 == 0 }, crises: 54, right: HeldOut.bEvenRight,
                     falseAlarms: HeldOut.bEvenFalseAlarms, "B even")
    }

    func testTheHeldOutSetA() {
        assertFloors(Self.lines("crisis-heldout-a.jsonl"), crises: 120, right: HeldOut.aRight, falseAlarms: HeldOut.aFalseAlarms, "A")
    }

    /// The set the cue reader was written on: its look-alikes stay silent.
    func testTheTuningSetC() {
        assertFloors(Self.lines("crisis-c.jsonl"), crises: 70, right: 66, falseAlarms: 0, "C")
    }

    /// Written blind to be tuned on after D (30 of every kind, 30 look-alikes); 103 right before.
    func testTheTuningSetE() {
        assertFloors(Self.lines("crisis-e.jsonl"), crises: 180, right: 163, falseAlarms: 0, "E")
    }

    func testTheHeldOutSetD() {
        assertFloors(Self.lines("crisis-heldout-d.jsonl"), crises: 120, right: HeldOut.dRight, falseAlarms: HeldOut.dFalseAlarms, "D")
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

    /// The held-out figures measured at stop 24, with the cue reader after set E (stop 23's:
    /// B even 22 right and 2 false alarms, A 46 and 6, D 49 and 14; the reader before E: 33 and
    /// 1, 65 and 4, 76 and 10).
    enum HeldOut {
        static let bEvenRight = 36
        static let bEvenFalseAlarms = 1
        static let aRight = 69
        static let aFalseAlarms = 4
        static let dRight = 83
        static let dFalseAlarms = 9
    }

    /// Crises no phrase pattern names, read by their cues together (each written for this test).
    func testCuesTogetherRaiseTheNotice() {
        let cases: [(String, SafetyKind)] = [
            ("mum has dementia and has had 16 of her co-codamol since yesterday", .overdose),
            ("my toddler got into my handbag and ate some of my sertraline", .overdose),
            ("dad's lips have gone blue and he's barely breathing, he uses heroin", .overdose),
            ("sorry to bother you about the bus pass, I'll be gone by the weekend and then it won't matter", .suicide),
            ("the man she lodges with takes all her pension and she hasn't been fed for two days, she has bruises", .other),
            ("he's outside my flat again even though there's a court order, I'm scared he'll get in", .domesticAbuse),
            ("the old man at 14 hasn't been seen for five days and there's milk on the doorstep", .other),
            ("my son is 15 and older men keep picking him up in a car, he comes back with cash and a new phone", .childSafeguarding),
        ]
        for (text, kind) in cases {
            let notice = SafetyCheck.check(text)
            XCTAssertEqual(notice?.kind, kind, text)
            XCTAssertFalse(notice?.words.contains("") ?? true, "the words that raised it are shown: \(text)")
        }
    }

    /// The same cues apart, or in a calm sentence, raise nothing; and a calm sentence sets aside a
    /// phrase pattern's match (each written for this test).
    func testCuesApartOrCalmStaySilent() {
        for text in ["she takes all her tablets with breakfast and the dosette box helps",
                     "our dog needs grooming before the show",
                     "my epilepsy means I have seizures most weeks, so I can't drive to the group",
                     "mum is frightened she'll fall on the stairs, could someone fit a rail",
                     "my sister said she'd kill me if I forgot her birthday lol",
                     "pt has a history of overdose (2016), stable on methadone, referral for dental care",
                     "SU denies suicidal ideation, risk reviewed, would like a walking group",
                     "I'd like to volunteer on a domestic abuse helpline, what training is there",
                     "dad was stabbed in a mugging in the 90s and now hates going out after dark",
                     "my husband attempted suicide ten years ago and wants to train as a peer supporter"] {
            XCTAssertNil(SafetyCheck.check(text)?.kind, text)
        }
        // A dated sentence beside a danger now is no calm.
        XCTAssertEqual(SafetyCheck.check("she has a history of overdose and tonight she took 30 paracetamol")?.kind, .overdose)
    }
}
