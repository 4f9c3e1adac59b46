import WaymarkCore
import WaymarkTUI

// libFuzzer target: any text wrapped, measured, cut and drawn. The first byte chooses the width.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 64) + 2
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    for line in Wrap.lines(text, width: width) {
        precondition(ColumnWidth.of(line) <= width, "a wrapped line is wider than \(width): \(line.debugDescription)")
    }
    let cut = ColumnWidth.truncate(text, to: width)
    precondition(ColumnWidth.of(cut) <= width, "truncate gave more than \(width) columns: \(cut.debugDescription)")
    let (head, rest) = ColumnWidth.split(text, at: width)
    precondition(head + rest == text, "split lost text")

    // The canvas reserves exactly the columns it says it used, and never writes past its edge.
    var canvas = Canvas(width: width, height: 2)
    let end = canvas.put(text, x: 0, y: 0)
    precondition(end <= width, "put went past the edge")
    var used = 0
    for x in 0..<width {
        let cell = canvas[x, 0]
        if cell.width == 2 { precondition(x + 1 < width && canvas[x + 1, 0].width == 0, "a wide cell without its continuation") }
        if cell.width > 0, x < end { used += Int(cell.width) }
    }
    precondition(used == end, "cells cover \(used) columns but put reported \(end)")
    return 0
}

// SwiftPM links an executable's main to <module>_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzText_main")
public func fuzzTextMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { fuzzText($0, $1) })
}
