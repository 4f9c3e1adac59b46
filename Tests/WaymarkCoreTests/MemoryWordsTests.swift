import XCTest
@testable import WaymarkCore

/// Words about memory that are not memory loss: things remembered ("memories"), a memory stick,
/// a keepsake book, being confused about a letter. Each is read without the dementia need, and
/// memory cafés are not offered for it; real memory concerns still are. A phrase with no codes in
/// the lexicon is what says so (`Lexicon.find`). Sentences written for these tests.
final class MemoryWordsTests: XCTestCase {
    static let matcher = CrisisDevSetTests.matcher

    func needs(_ text: String, age: Int = 74) -> [String] {
        Self.matcher.match(NeedsProfile(text: text, age: age)).needs.map(\.code)
    }

    func memoryCafes(_ text: String, age: Int = 74) -> [String] {
        let m = Self.matcher
        return m.match(NeedsProfile(text: text, age: age)).suggestions.prefix(10).map { m.index.services[$0.doc].name }
            .filter { $0.localizedCaseInsensitiveContains("memory caf") }
    }

    func testWordsAboutMemoryThatAreNotMemoryLoss() {
        for text in [
            "I have lovely memories of my late husband but the evenings are so lonely",
            "he can't stop talking about his memories of the war and it upsets him",
            "my grandson put my photos on a memory stick and I'd like to learn the computer",
            "I have cancer and want to make a memory book for my children",
            "I am confused about my benefits letter and who to ring",
            "the hospital left me confused about what happens next with my hip",
            "there is a bench in memory of my wife and I sit there every day, I'm lonely",
        ] {
            XCTAssertFalse(needs(text).contains("dementia"), text)
            XCTAssertEqual(memoryCafes(text), [], text)
        }
    }

    func testRealMemoryConcernsAreStillRead() {
        for text in [
            "mum's memory is getting worse and she left the gas on",
            "my husband is forgetting things and gets confused in the afternoons",
            "I think I'm losing my memory and it frightens me",
            "dad keeps forgetting where he lives",
            "she has a poor memory now and repeats herself",
        ] {
            XCTAssertTrue(needs(text).contains("dementia"), text)
        }
    }

    /// A plural entry and its singular are both kept, and the word as written picks between them.
    func testThePluralAndItsSingularAreDifferentEntries() {
        let lexicon = Lexicon(entries: [("memory", [("dementia", 0.7)]), ("memories", [])])
        let n = Normaliser()
        XCTAssertEqual(lexicon.find(in: n.words("her memory")).first?.codes, ["dementia": 0.7])
        XCTAssertEqual(lexicon.find(in: n.words("happy memories")).map(\.codes), [[:]])
    }
}
