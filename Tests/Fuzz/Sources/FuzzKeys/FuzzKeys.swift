import WaymarkTerminal
import WaymarkTUI

// libFuzzer target: any bytes as terminal input. Decoding never crashes, never makes more
// keys than bytes, and an escape sequence is never read as Esc followed by its text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let keys = KeyDecoder.decode(bytes)
    precondition(keys.count <= bytes.count, "more keys than bytes")
    // Home as tmux sends it, after any input, is one Home key.
    let home = KeyDecoder.decode(bytes.filter { $0 != 0x1B } + [0x1B, 0x5B, 0x31, 0x7E])
    precondition(home.last == .home, "ESC [ 1 ~ after other input was not Home: \(home.suffix(3))")
    return 0
}

// SwiftPM links an executable's main to <module>_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzKeys_main")
public func fuzzKeysMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { fuzzKeys($0, $1) })
}
