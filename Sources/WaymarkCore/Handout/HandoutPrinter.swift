import Foundation

/// Prints a handout in the format just chosen, through CUPS's `lp`. Text formats go to `lp`
/// on its standard input with options that set the type size; a web page is first made into
/// a PDF by a headless browser (Chromium), because CUPS has no filter for HTML.
public struct HandoutPrinter: Sendable {
    /// Where to look for `lp` and the browser (the user's PATH).
    public var searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    /// The job name the print queue shows: never the person's name.
    public static let jobTitle = "Waymark handout"
    public static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// `lp` options for a format: the one home of how large each prints.
    /// CUPS's text filter sizes its monospaced type from cpi (characters per inch) and lpi
    /// (lines per inch); margins are in points. Large print: 6 cpi is 20 pt type, 3 lpi gives
    /// 24 pt lines, and 40 columns fit A4 inside half-inch margins.
    public static func lpOptions(for format: Handout.Format) -> [String] {
        let a4 = ["-o", "media=A4"]
        let margins = ["page-left", "page-right", "page-top", "page-bottom"].flatMap { ["-o", "\($0)=36"] }
        switch format {
        case .largePrint:
            return a4 + ["-o", "cpi=6", "-o", "lpi=3"] + margins + ["-o", "document-format=text/plain"]
        case .text, .markdown:
            return a4 + ["-o", "cpi=10", "-o", "lpi=6"] + margins + ["-o", "document-format=text/plain"]
        case .html, .largeHTML:
            // The page's own CSS (@page size A4, its type sizes) sets the look; print it at its size.
            return a4 + ["-o", "print-scaling=none", "-o", "document-format=application/pdf"]
        }
    }

    /// What is run: the program, its arguments, and the bytes on its standard input.
    public struct Job: Equatable, Sendable {
        public var executable: String
        public var arguments: [String]
        public var input: Data
    }

    public enum Outcome: Equatable, Sendable {
        /// `lp` accepted it; what it said ("request id is …").
        case sent(String)
        /// There is no `lp` on this machine.
        case noPrinter
        /// A web page needs a browser to become print, and none was found.
        case noBrowser
        case failed(String)

        /// What to tell the user, with where the file is when one was written.
        public func message(format: Handout.Format, path: String?) -> String {
            let kept = path.map { " The handout is at \($0)" } ?? ""
            switch self {
            case .sent(let said): return "Sent the \(format.label) handout to the printer" + (said.isEmpty ? "." : " (\(DisplayText.line(said))).") + kept
            case .noPrinter: return "No printer command (lp) here, so nothing was printed." + (path.map { " The handout is at \($0)" } ?? " Write the handout with x instead.")
            case .noBrowser: return "Printing a web page needs Chromium, which is not installed; open the file in a browser and print from there, or print large print text instead." + kept
            case .failed(let why): return "Printing failed: \(DisplayText.line(why)). Check the printer with lpstat -p." + kept
            }
        }
    }

    func find(_ name: String) -> String? {
        for dir in searchPath.split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A job to run, or why there is none.
    public enum Plan: Equatable, Sendable {
        case run(Job)
        case cannot(Outcome)
    }

    /// The `lp` job for the handout in this format, or why it cannot be printed here.
    public func job(for handout: Handout, format: Handout.Format) throws -> Plan {
        guard let lp = find("lp") else { return .cannot(.noPrinter) }
        let arguments = ["-t", HandoutPrinter.jobTitle] + HandoutPrinter.lpOptions(for: format)
        guard format.isHTML else { return .run(Job(executable: lp, arguments: arguments, input: handout.rendered(format).data)) }
        guard let browser = HandoutPrinter.browsers.lazy.compactMap(find).first else { return .cannot(.noBrowser) }
        let pdf = try HandoutPrinter.pdf(handout.rendered(format), browser: browser)
        return .run(Job(executable: lp, arguments: arguments, input: pdf))
    }

    /// Prints the handout in the format just chosen.
    public func print(_ handout: Handout, format: Handout.Format) -> Outcome {
        do {
            switch try job(for: handout, format: format) {
            case .cannot(let outcome): return outcome
            case .run(let job):
                let (status, out, err) = try HandoutPrinter.run(job.executable, job.arguments, input: job.input)
                let said = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard status == 0 else {
                    let why = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    return .failed(why.isEmpty ? "lp exited with status \(status)" : why)
                }
                return .sent(said)
            }
        } catch {
            return .failed(error.localizedDescription)
        }
    }

    /// Runs a program with bytes on its standard input; returns its status, output and errors.
    /// The input is a private temporary file, not a pipe: a program that exits without reading
    /// it all (lp refusing an unknown printer) would otherwise make our write raise SIGPIPE.
    static func run(_ executable: String, _ arguments: [String], input: Data, timeout: Double? = nil) throws -> (Int32, Data, Data) {
        let dir = try privateFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputPath = dir + "/input"
        try SafeFile.write(input, to: inputPath)
        guard let stdin = FileHandle(forReadingAtPath: inputPath) else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: inputPath]) }
        defer { try? stdin.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        if let timeout {
            // A browser that hangs must not hang the interface's work queue with it.
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [p] in if p.isRunning { p.terminate() } }
        }
        // Errors are read on another thread, so a program that fills one pipe while we read the other cannot stall.
        let errors = ErrorsBox(), read = DispatchSemaphore(value: 0)
        Thread { errors.data = stderr.fileHandleForReading.readDataToEndOfFile(); read.signal() }.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        read.wait()
        return (p.terminationStatus, out, errors.data)
    }

    /// What the reader thread read; the semaphore orders its write before our read.
    final class ErrorsBox: @unchecked Sendable { var data = Data() }

    /// A new owner-only folder under the temporary directory.
    static func privateFolder() throws -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("waymark-print-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// The web page as a PDF, by the browser's print-to-PDF, in a private temporary folder.
    static func pdf(_ html: SafeText, browser: String) throws -> Data {
        let dir = try privateFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/handout.html", out = dir + "/handout.pdf"
        try SafeFile.write(html.data, to: page)
        let (status, _, err) = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                 "--user-data-dir=\(dir)/profile", "--print-to-pdf=\(out)", "file://\(page)"], input: Data(), timeout: 60)
        guard status == 0, let pdf = FileManager.default.contents(atPath: out), !pdf.isEmpty else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey:
                "the browser could not make the page into a PDF (\(String(decoding: err.suffix(200), as: UTF8.self)))"])
        }
        return pdf
    }
}
