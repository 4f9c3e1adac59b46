import Foundation
import WaymarkCore
import WaymarkServer

/// `waymark bench --serve`: the API server in this process on a free loopback port, driven by
/// wrk (a separate process, so the two share the machine's cores as a client and server on one
/// host do), for `/services/{id}` (every id in turn) and `/services?search=…` (the benchmark queries).
extension Bench {
    struct WrkFigures { var requestsPerSecond: Double; var p99Ms: Double; var requests: Int; var errors: Int }

    /// `bench --serve --format json`.
    struct ServeBenchJSON: Encodable {
        struct Endpoint: Encodable {
            var requests_per_second, p99_ms: Double
            var requests, errors: Int
            init(_ f: WrkFigures) { requests_per_second = f.requestsPerSecond; p99_ms = f.p99Ms; requests = f.requests; errors = f.errors }
        }
        var cores, services, seconds: Int
        var service_by_id, services_search: Endpoint
    }

    func runServe() throws {
        #if DEBUG
        Console.warn("warning: this is a debug build; figures are only meaningful from a release build (make bench)")
        #endif
        guard let wrk = Self.which("wrk") else {
            throw Console.fail("bench --serve needs wrk; install it (make deps installs it, or apt-get install wrk)", code: .unavailable)
        }
        let ws = try options.open()
        let catalogue = try Catalogue(workspace: ws)
        let api = ORUKAPI(catalogue: catalogue, baseURL: nil)
        let port = PortBox()
        let started = DispatchSemaphore(value: 0)
        // The request log is written as `waymark serve` writes it, to /dev/null instead of the terminal.
        let devNull = FileHandle(forWritingAtPath: "/dev/null")
        let log = RequestLog { line in devNull?.write(line.data) }
        let server = Task {
            let app = ORUKServer.application(api: api, host: "127.0.0.1", port: 0, log: log) { bound in
                port.value = bound
                started.signal()
            }
            try await app.run()
        }
        guard started.wait(timeout: .now() + 30) == .success else {
            server.cancel()
            throw Console.fail("the server did not start within 30 s", code: .unavailable)
        }
        // The server runs until the process exits after the report; cancelling it first only adds a log line.
        _ = server
        let base = "http://127.0.0.1:\(port.value)"
        let dir = NSTemporaryDirectory() + "waymark-bench-serve-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        func lua(_ paths: [String]) throws -> String {
            let list = paths.map { "\"" + $0.replacingOccurrences(of: "\"", with: "") + "\"" }.joined(separator: ",")
            let script = "local paths = {\(list)}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n"
            let path = dir + "/paths-\(paths.count).lua"
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let byID = try lua(catalogue.services.map { "/services/" + $0.id })
        let search = try lua(Benchmark.queries.map { "/services?search=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) })
        // Warm the rendered-record cache once, as a running server would be.
        _ = try? runWrk(wrk, script: byID, url: base, seconds: 1, connections: 4)
        let one = try runWrk(wrk, script: byID, url: base, seconds: seconds, connections: 32)
        let found = try runWrk(wrk, script: search, url: base, seconds: seconds, connections: 32)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if format == .json {
            try Console.outJSON(ServeBenchJSON(cores: cores, services: catalogue.services.count, seconds: seconds,
                                               service_by_id: .init(one), services_search: .init(found)))
            return
        }
        Console.out("waymark bench --serve (\(cores) cores, \(catalogue.services.count) services, wrk 2 threads × 32 connections, \(seconds) s each)\n")
        Console.out("endpoint                      requests/s        p99   errors   target")
        func row(_ name: String, _ f: WrkFigures, _ target: String) {
            Console.out(name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%12.0f", f.requestsPerSecond)
                        + String(format: "%9.2f ms", f.p99Ms) + String(format: "%9d", f.errors) + "   " + target)
        }
        row("/services/{id}", one, "≥ 2000 requests/s")
        row("/services?search=…", found, "")
    }

    func runWrk(_ wrk: String, script: String, url: String, seconds: Int, connections: Int) throws -> WrkFigures {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: wrk)
        p.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "--timeout", "5s", "-s", script, url]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0, let figures = Self.parseWrk(out) else {
            throw Console.fail("wrk failed (exit \(p.terminationStatus)):\n\(out)", code: .ioError)
        }
        return figures
    }

    /// Reads wrk's `--latency` report: "Requests/sec: N", the " 99%  1.23ms" line, "N requests in",
    /// and "Non-2xx or 3xx responses: N" / "Socket errors: …" as errors.
    static func parseWrk(_ text: String) -> WrkFigures? {
        var rps: Double?, p99: Double?, requests = 0, errors = 0
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let v = parts.last.flatMap({ Double($0) }) { rps = v }
            if parts.count == 2, parts[0] == "99%" { p99 = milliseconds(String(parts[1])) }
            if parts.count > 2, parts[1] == "requests", parts[2] == "in", let n = Int(parts[0]) { requests = n }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let n = parts.last.flatMap({ Int($0) }) { errors += n }
            if line.hasPrefix("Socket errors:") {
                for k in stride(from: 2, to: parts.count - 1, by: 2) { errors += Int(parts[k + 1].trimmingCharacters(in: .punctuationCharacters)) ?? 0 }
            }
        }
        guard let rps, let p99 else { return nil }
        return WrkFigures(requestsPerSecond: rps, p99Ms: p99, requests: requests, errors: errors)
    }

    static func milliseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            if let v = Double(text.dropLast(unit.count)) { return v * scale }
        }
        return nil
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

final class PortBox: @unchecked Sendable { var value = 0 }
