import Foundation
import XCTest
@testable import WaymarkCore

/// The literal gate in front of the safety and speaker patterns (`GatedRegex`): it may only
/// ever skip a regex that could not have matched, so no reading of anyone's words changes.
final class GatedRegexTests: XCTestCase {
    func testTheLiteralsEveryMatchNeedsAreReadFromThePattern() {
        let cases: [(String, Set<String>?)] = [
            (#"\bkill(ing)? (myself|himself)\b"#, ["myself", "himself"]),
            (#"\bco-?codamol\b"#, ["codamol"]),                    // "-?" may be absent: "co" and "codamol" are separate
            (#"\b(a|b\w+)"#, ["a", "b"]),
            (#"\b(ab|\w+)"#, nil),                                 // one alternative needs no literal
            (#"x(?!yz)"#, ["x"]),                                  // a lookahead's words are not in the match
            (#"(?<!used to )\bi care\b"#, ["i care"]),             // nor a lookbehind's
            (#"[abc]+def"#, ["def"]),
            (#"a{0,2}bc"#, ["bc"]),
            (#"ab+c"#, ["ab"]),                                    // a repeated letter ends the run
            (#"^foo|bar"#, ["foo", "bar"]),
            (#"(?:my|our) (son|daughter)"#, ["son", "daughter"]),  // the most selective run is kept
            (#"(some )?stuff"#, ["stuff"]),
            (#"(?i)abc"#, nil),                                    // flags change what a literal matches
            (#"\u2019s"#, nil),                                    // an escape that runs on
            (#"\.\.\."#, ["..."]),
            (#"\w+"#, nil),
            (#"(ab"#, nil),                                        // unbalanced: not read
            (#"ab)"#, nil),
        ]
        for (pattern, want) in cases {
            XCTAssertEqual(RegexGate.required(pattern), want, pattern)
        }
    }

    /// Every pattern the safety check and the speaker reader use.
    static var patterns: [GatedRegex] {
        SafetyCheck.patterns.map(\.regex) + [SafetyCheck.violence, SafetyCheck.overdosePlan, SafetyCheck.anyPartner, SafetyCheck.partnerWords]
            + WhoReader.circumstances.map(\.regex)
            + [WhoReader.professional, WhoReader.carerSaid, WhoReader.parentSaid, WhoReader.relationMention, WhoReader.focusAfter,
               WhoReader.focusBefore, WhoReader.asideAfter, WhoReader.asideBefore, WhoReader.forMyself, WhoReader.selfWants,
               WhoReader.adultAge, WhoReader.selfCentred, WhoReader.relation, WhoReader.ageWords]
    }

    /// The development sets' words, folded as the readers fold them.
    static let texts: [String] = {
        var out: [String] = []
        for file in ["eval/crisis-dev.jsonl", "eval/speaker-dev.jsonl", "eval/needs.jsonl", "eval/parent-dev.jsonl"] {
            let lines = (try? String(contentsOfFile: Repo.fixtures.path(file), encoding: .utf8))?.split(separator: "\n") ?? []
            for line in lines {
                guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let text = (o["text"] ?? o["words"]) as? String else { continue }
                out.append(SafetyCheck.fold(text))
            }
        }
        return out
    }()

    func testTheGateNeverShutsOnAMatch() {
        XCTAssertGreaterThan(Self.texts.count, 700)
        var shut = 0, runs = 0
        func check(_ re: GatedRegex, _ text: String) {
            runs += 1
            let open = re.mayMatch(text)
            if !open { shut += 1 }
            if let m = re.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
                XCTAssertTrue(open, "the gate of \(re.regex.pattern.prefix(60)) shut on a match: \((text as NSString).substring(with: m.range))")
            }
        }
        for text in Self.texts {
            for re in Self.patterns { check(re, text) }
            // The speaker reader asks these about the words before and after a relation.
            let ns = text as NSString
            var i = 0
            while i < ns.length {
                let r = ns.range(of: " ", range: NSRange(location: i, length: ns.length - i))
                guard r.location != NSNotFound else { break }
                for re in [WhoReader.focusBefore, WhoReader.asideBefore] { check(re, ns.substring(to: r.location + 1)) }
                for re in [WhoReader.focusAfter, WhoReader.asideAfter] { check(re, ns.substring(from: r.location)) }
                i = r.location + 1
            }
        }
        // The gate is there to skip work: most patterns cannot match most words.
        XCTAssertGreaterThan(Double(shut) / Double(runs), 0.8)
    }

    func testNearlyEveryPatternHasAGate() {
        let gated = Self.patterns.filter { !$0.gate.isEmpty }
        XCTAssertGreaterThanOrEqual(Double(gated.count) / Double(Self.patterns.count), 0.9,
                                    Self.patterns.filter { $0.gate.isEmpty }.map { String($0.regex.pattern.prefix(50)) }.joined(separator: "\n"))
    }
}
