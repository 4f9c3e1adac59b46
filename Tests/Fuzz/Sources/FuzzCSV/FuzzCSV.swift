import Foundation
import WaymarkCore

// libFuzzer target: any bytes as services.csv in a CSV package, read the way `waymark import
// FOLDER` reads it (CSV records, then joined into services and decoded).
private let taxonomy = try? Fixtures.locate()?.loadTaxonomy()
private let folder: String = {
    let path = NSTemporaryDirectory() + "waymark-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    if let text = String(data: bytes, encoding: .utf8) {
        let records = CSV.records(text)
        // What was read can be written out again (export) without trapping.
        _ = CSV.write(header: records.header, rows: records.rows.map(\.record))
    }
    _ = FileManager.default.createFile(atPath: folder + "/services.csv", contents: bytes)
    _ = HSDSReader(taxonomy: taxonomy).read(paths: [folder])
    return 0
}

// SwiftPM links an executable's main to <module>_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { fuzzCSV($0, $1) })
}
