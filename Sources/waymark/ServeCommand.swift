import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the directory as the Open Referral UK (HSDS-UK 3.0) API, read-only.",
        discussion: """
            Endpoints: / (api_details), /services, /taxonomies, /taxonomy_terms, /organizations, \
            /service_at_locations, each with /{id}, as schemas/oruk-3.0/openapi.json describes; \
            /openapi.json is that spec. One line per request goes to standard error. \
            SIGTERM or Ctrl-C stops it cleanly.
            """)

    @Option(help: ArgumentHelp("Address and port to listen on. Only loopback unless you give another address; port 0 picks a free one.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp("The address clients reach this server at, for the links it gives (default: the host each request was sent to).", valueName: "url"))
    var baseURL: String?
    @OptionGroup var options: DirectoryOptions

    func validate() throws { _ = try Self.address(listen) }

    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen \(text): give host:port, as 127.0.0.1:8080")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen \(text): give the host too, as 127.0.0.1:\(port)") }
        return (host, port)
    }

    func run() throws {
        let (host, port) = try Self.address(listen)
        let ws = try options.open()
        let catalogue = try Catalogue(workspace: ws)
        let openAPI = FileManager.default.contents(atPath: ws.fixtures.path("oruk/openapi.json"))
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            Console.warn("warning: listening on \(host), not loopback: anyone who can reach this machine can read the directory")
        }
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        let api = ORUKAPI(catalogue: catalogue, baseURL: baseURL, openAPI: openAPI)
        let summary = "\(catalogue.services.count) services from the \(ws.name)"
        let given = baseURL
        Task {
            do {
                let app = ORUKServer.application(api: api, host: host, port: port) { bound in
                    let at = given ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
                    Console.warn("serving \(summary) at \(at) (HSDS-UK 3.0); SIGTERM or Ctrl-C stops it")
                }
                try await app.runService()
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw Console.fail("cannot serve on \(listen): \(error). Is another server using that port? Try --listen 127.0.0.1:0 for a free one.", code: .unavailable)
        }
        Console.warn("stopped")
    }
}

final class ServeOutcome: @unchecked Sendable { var error: (any Error)? }
