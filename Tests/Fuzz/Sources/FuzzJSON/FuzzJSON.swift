import Foundation
import WaymarkCore

// libFuzzer target: any bytes as an HSDS JSON file. Reading must never crash; it reports issues.
private let taxonomy = try? Fixtures.locate()?.loadTaxonomy()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let batch = HSDSReader(taxonomy: taxonomy).read(data: Data(bytes: data, count: size), name: "fuzz.json")
    // A batch with errors is never applied; one without has services or says it is empty.
    _ = batch.issues.count
    return 0
}
