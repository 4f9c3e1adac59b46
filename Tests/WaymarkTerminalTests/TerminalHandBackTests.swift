import CNCursesW
@testable import WaymarkTerminal
import WaymarkTUI
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A program that ends without calling restore() (exit() from elsewhere, or a crash)
/// must still give the terminal back. Each case runs in a forked child whose terminal
/// output goes to a pipe, and the parent looks for xterm's "leave the alternate
/// screen" sequence, which only endwin sends.
final class TerminalHandBackTests: XCTestCase {
    private let leaveAlternateScreen = "\u{1B}[?1049l"

    func testExitWithTheScreenOpenStillRestoresTheTerminal() throws {
        let child = try runChild { exit(0) }
        XCTAssertEqual(child.exitCode, 0)
        XCTAssertTrue(child.output.contains("child drew this"), "the child drew: \(child.output.debugDescription)")
        XCTAssertTrue(child.output.contains(leaveAlternateScreen), "endwin ran at exit: \(child.output.debugDescription)")
    }

    func testACrashStillRestoresTheTerminalAndStillCrashes() throws {
        let child = try runChild { raise(SIGSEGV) }
        XCTAssertEqual(child.signal, SIGSEGV, "the crash is passed on, not swallowed")
        XCTAssertTrue(child.output.contains(leaveAlternateScreen), "endwin ran before the crash: \(child.output.debugDescription)")
    }

    func testWithoutAnEndingTheChildLeavesTheTerminalAsIs() throws {
        // The control case: _exit skips the exit handlers, so nothing gives the terminal back.
        let child = try runChild { _exit(0) }
        XCTAssertEqual(child.exitCode, 0)
        XCTAssertTrue(child.output.contains("child drew this"))
        XCTAssertFalse(child.output.contains(leaveAlternateScreen))
    }

    private struct ChildResult {
        var output: String
        var exitCode: Int32?
        var signal: Int32?
    }

    private func runChild(ending: () -> Void) throws -> ChildResult {
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        fflush(nil) // or the child would flush the parent's buffered output a second time
        let pid = fork()
        if pid == 0 {
            close(pipeEnds[0])
            // The default action for a crash, and no core file.
            signal(SIGSEGV, SIG_DFL)
            var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
            setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
            guard let output = fdopen(pipeEnds[1], "w"),
                  let screen = try? CursesScreen.headless(width: 20, height: 2, theme: .standard, mouse: false,
                                                          environment: [:], terminalType: "xterm-256color",
                                                          output: output) else { _exit(90) }
            var canvas = Canvas(width: 20, height: 2)
            canvas.put("child drew this", x: 0, y: 0)
            screen.draw(canvas, cursor: nil)
            ending()
            _exit(91)
        }
        close(pipeEnds[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipeEnds[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        close(pipeEnds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let signal = status & 0x7F
        return ChildResult(output: String(decoding: bytes, as: UTF8.self),
                           exitCode: signal == 0 ? (status >> 8) & 0xFF : nil,
                           signal: signal == 0 ? nil : signal)
    }
}
