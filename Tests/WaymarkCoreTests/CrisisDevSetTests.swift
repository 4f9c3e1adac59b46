import Foundation
import XCTest
@testable import WaymarkCore

/// The crisis development set (`Fixtures/eval/crisis-dev.jsonl`): sentences written for
/// tuning the safety check and crisis ranking, by kind, with near misses that must stay
/// silent. It is not the judged set, which is never tuned on.
final class CrisisDevSetTests: XCTestCase {
    struct Case {
        let id: String
        let text: String
        let kind: SafetyKind?
        let age: Int?
        /// A crisis the check does not read yet, kept in the set so that the gap stays in sight.
        let knownMiss: Bool
    }

    static let cases: [Case] = {
        let path = Repo.fixtures.path("eval/crisis-dev.jsonl")
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = o["id"] as? String, let text = o["text"] as? String else { return nil }
            return Case(id: id, text: text, kind: (o["kind"] as? String).flatMap(SafetyKind.init(rawValue:)), age: o["age"] as? Int,
                        knownMiss: o["known_miss"] as? Bool ?? false)
        }
    }()

    static let matcher: Matcher = {
        let index = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: try! Repo.fixtures.loadLexicon())
        return Matcher(index: index, gazetteer: Repo.gazetteer, now: at("2026-11-24", "10:00"))
    }()

    func testTheSetIsBigEnoughAndCoversEveryKind() {
        let crisis = Self.cases.filter { $0.kind != nil }, calm = Self.cases.filter { $0.kind == nil }
        XCTAssertGreaterThanOrEqual(crisis.count, 40)
        XCTAssertGreaterThanOrEqual(calm.count, 20)
        XCTAssertEqual(Set(crisis.compactMap(\.kind)), Set(SafetyKind.allCases))
    }

    func testEveryCrisisRaisesTheRightNoticeAndNoNearMissRaisesOne() {
        var wrong: [String] = []
        for c in Self.cases where !c.knownMiss {
            let got = SafetyCheck.check(c.text, age: c.age)?.kind
            if got != c.kind { wrong.append("\(c.id) want \(c.kind?.rawValue ?? "none") got \(got?.rawValue ?? "none"): \(c.text)") }
        }
        XCTAssertEqual(wrong, [], wrong.joined(separator: "\n"))
    }

    /// With the notice, the directory's crisis help comes in the top 3, and the first
    /// suggestion answers the danger: a mental health crisis service for suicide, self-harm,
    /// overdose and psychosis; a domestic abuse service for a partner's threat; a service for
    /// children and families when a child is at risk.
    func testCrisisHelpThatAnswersTheDangerComesFirst() {
        let m = Self.matcher
        var wrong: [String] = []
        for c in Self.cases where !c.knownMiss {
            guard let kind = c.kind else { continue }
            let r = m.match(NeedsProfile(text: c.text, age: c.age))
            guard let notice = r.safety else { wrong.append("\(c.id): no notice"); continue }
            if notice.concern == .adultAtRisk { continue }
            let top = r.suggestions.prefix(3).map { m.index.services[$0.doc] }
            if !top.contains(where: { $0.has("crisis-response", in: .function) }) {
                wrong.append("\(c.id): no crisis help in top 3: \(top.map(\.name))")
                continue
            }
            let first = top[0]
            let answers: Bool
            switch kind {
            case .suicide, .selfHarm, .overdose: answers = first.has("mental-health-severe", in: .condition)
            case .domesticAbuse: answers = first.has("domestic-abuse", in: .condition)
            case .childSafeguarding: answers = first.has("children", in: .audience) || first.has("families", in: .audience)
            case .other: answers = notice.concern != .psychosis || first.has("mental-health-severe", in: .condition)
            }
            if !answers { wrong.append("\(c.id) \(kind.rawValue): first is \(first.name)") }
        }
        XCTAssertEqual(wrong, [], wrong.joined(separator: "\n"))
    }

    /// The known misses are few and are still misses: one the check learns to read must lose
    /// its mark, so that the set says truly what is read.
    func testKnownMissesAreFewAndStillMissed() {
        let known = Self.cases.filter(\.knownMiss)
        XCTAssertLessThanOrEqual(known.count, 4)
        let nowRead = known.filter { SafetyCheck.check($0.text, age: $0.age)?.kind == $0.kind }.map(\.id)
        XCTAssertEqual(nowRead, [], "read now: drop known_miss from these")
    }

    func testPsychosisAndAnAdultAtRiskGetTheirOwnWords() {
        let psychosis = SafetyCheck.check("his voices are telling him to stop eating because the food is poisoned")
        XCTAssertEqual(psychosis?.kind, .other)
        XCTAssertEqual(psychosis?.concern, .psychosis)
        XCTAssertEqual(psychosis?.contacts.map(\.phone), ["999", "111"], "NHS 111 option 2 for a mental health crisis")
        let money = SafetyCheck.check("a lodger has been stealing cash out of her purse every week")
        XCTAssertEqual(money?.concern, .adultAtRisk)
        XCTAssertTrue(money?.message.contains("adult social care") ?? false, money?.message ?? "no notice")
    }

    /// The concern is not part of the JSON contract: kind, words, message and contacts only.
    func testTheJSONContractKeepsItsFourKeys() throws {
        let notice = try XCTUnwrap(SafetyCheck.check("the voices told her the neighbours are trying to poison her"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: JSONEncoder().encode(notice)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["kind", "words", "message", "contacts"])
        XCTAssertEqual(object["kind"] as? String, "other")
    }
}
