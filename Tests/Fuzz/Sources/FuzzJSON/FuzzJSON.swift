import Foundation
import WaymarkCore

// libFuzzer target: any bytes as an HSDS JSON file, read whole and read as a stream (the way
// files are imported) in small chunks, so every buffer boundary is met. Reading must never crash;
// it reports issues.
private let taxonomy = try? Fixtures.locate()?.loadTaxonomy()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    let reader = HSDSReader(taxonomy: taxonomy)
    let batch = reader.read(data: bytes, name: "fuzz.json")
    // The chunk size comes from the input, so the fuzzer varies where the boundaries fall.
    let streamed = reader.readStreaming(data: bytes, name: "fuzz.json", chunkSize: 1 + size % 13)
    // A batch with errors is never applied; one without has services or says it is empty.
    _ = batch.issues.count + streamed.issues.count
    return 0
}

// SwiftPM links an executable's main to <module>_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { fuzzJSON($0, $1) })
}
