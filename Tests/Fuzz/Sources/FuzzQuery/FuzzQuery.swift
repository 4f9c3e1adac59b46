import Foundation
import WaymarkCore

// libFuzzer target: any text as a search query or a person's words: normalised, stemmed,
// matched against the lexicon and the gazetteer.
private let fixtures = Fixtures.locate()
private let lexicon = (try? fixtures?.loadLexicon()) ?? Lexicon(entries: [])
private let gazetteer = (try? fixtures?.loadGazetteer()) ?? Gazetteer(places: [])
private let normaliser = Normaliser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let words = normaliser.words(text)
    for hit in lexicon.find(in: words) {
        precondition(hit.range.lowerBound >= 0 && hit.range.upperBound <= words.count, "a lexicon hit outside the words")
    }
    _ = normaliser.terms(text)
    _ = Gazetteer.normalise(text)
    if size <= 256 { _ = gazetteer.lookup(text) }
    return 0
}

// SwiftPM links an executable's main to <module>_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzQuery_main")
public func fuzzQueryMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { fuzzQuery($0, $1) })
}
