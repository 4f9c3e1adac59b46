import GRDB
import XCTest
@testable import WaymarkCore

final class HandoutTests: XCTestCase {
    let now = at("2026-11-24", "10:30")

    func entries() -> [Handout.Entry] {
        let services = RoundTripTests.bundledDirectory.services
        let lunch = services.first { $0.name == "Saltford Lunch Club" }!
        let nurse = services.first { $0.has("gp-referral", in: .referral) && !$0.has("self-referral", in: .referral) }!
        return [Handout.Entry(service: lunch, organisation: "Keynsham & Saltford Together", note: "ask for Sue"),
                Handout.Entry(service: nurse, organisation: "Sirona", note: "")]
    }

    func testPlainTextSaysWhatAPersonNeedsToAct() {
        let text = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(text.hasPrefix("Services to contact\nMade on 24 November 2026"))
        for part in ["1. Saltford Lunch Club", "Note: ask for Sue", "Why it was suggested:", "Next session:", "Thursday 26 November 2026, 12:00 to 14:00",
                     "Usually: Thu 12:00–14:00", "Where:", "Saltford Village Hall", "How to get there:", "What it costs:", "£6.50",
                     "What to have ready:", "When you call:", "Ring 01632 960560", "you do not need a referral.",
                     "your GP needs to refer you first", "What does my GP need to send you?", "call 999", "NHS 111"] {
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(flat.contains(part), part)
        }
        XCTAssertTrue(text.contains("SAMPLE DATA"), "the footer carries the sample-data notice")
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { ColumnWidth.of(String($0)) <= 72 })
    }

    func testFirstNameOnlyWhenTypedAndNoticeOnlyForSampleData() {
        let named = Handout(entries: entries(), firstName: "  Ann ", now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(named.hasPrefix("Services for Ann\n"))
        XCTAssertFalse(named.contains("SAMPLE DATA"))
        let blank = Handout(entries: entries(), firstName: "   ", now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(blank.hasPrefix("Services to contact\n"))
    }

    /// Words of four or more capital letters (postcodes and "NHS" aside): a capitalised block.
    static func capitalisedWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 4 && $0 == $0.uppercased() && $0.allSatisfy(\.isLetter) }
    }

    func testLargePrintIsShortLinedWithNoCapitalsAndLinksBrokenOnlyAtBoundaries() {
        let text = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.largePrint)
        XCTAssertTrue(text.hasPrefix("Services to contact\n"))
        XCTAssertEqual(Self.capitalisedWords(text), [], "no capitalised blocks, not even the sample-data notice")
        XCTAssertTrue(text.contains("Sample data:"))
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { ColumnWidth.of($0) <= Handout.largePrintColumns }, lines.filter { ColumnWidth.of($0) > 40 }.joined(separator: "\n"))
        // The web address is split only after a / . or -, so every piece is whole.
        let url = "https://example.org/keynsham-saltford-together/saltford-lunch-club"
        let i = lines.firstIndex { $0.contains("Web https:") }!
        var joined = "", j = i
        while !joined.hasSuffix("saltford-lunch-club") {
            let piece = lines[j].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Web ", with: "")
            if j > i { XCTAssertTrue("/.-@".contains(joined.last!), "a line of the link ends at a boundary, not mid-word: \(lines[j - 1])") }
            joined += piece; j += 1
        }
        XCTAssertEqual(joined, url)
    }

    func testLinksLongerThanTheLineAreNeverCutMidWord() {
        XCTAssertEqual(Handout.wrap("Web https://example.org/a-very-long-path-name/with.dots", width: 20),
                       ["Web https://example.", "org/a-very-long-", "path-name/with.dots"])
        XCTAssertEqual(Handout.wrap("see www.unbreakablepiecelongerthanline", width: 10), ["see www.", "unbreakablepiecelongerthanline"],
                       "a piece wider than the line is left whole, not cut")
    }

    func testHTMLIsPrintReadyWithNoScriptsAndEscapesData() {
        var e = entries()
        e[0].note = "<script>alert('x')</script> & co"
        let html = Handout(entries: e, firstName: "Zoë <b>", now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.html)
        XCTAssertTrue(html.contains("size: A4"))
        XCTAssertFalse(html.lowercased().contains("<script"), "no scripts, even from data")
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertTrue(html.contains("Services for Zoë &lt;b&gt;"))
        XCTAssertTrue(html.contains("<footer>"))
        XCTAssertTrue(html.contains("<p>SAMPLE DATA"))
    }

    func testMarkdownEscapesData() {
        var e = entries()
        e[0].note = "*bold* [link](x)"
        let md = Handout(entries: e, firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.markdown)
        XCTAssertTrue(md.hasPrefix("# Services to contact"))
        XCTAssertTrue(md.contains("\\*bold\\* \\[link\\]\\(x\\)"))
    }

    func testWrittenOwnerOnlyNamedByDateNeverByPerson() throws {
        let home = Repo.tempDir()
        XCTAssertEqual(Handout.folder(home: home, currentDirectory: "/cwd"), "/cwd", "no Documents folder: the current one")
        try FileManager.default.createDirectory(atPath: home + "/Documents", withIntermediateDirectories: true)
        let folder = Handout.folder(home: home, currentDirectory: "/cwd")
        XCTAssertEqual(folder, home + "/Documents/waymark")
        let h = Handout(entries: entries(), firstName: "Ann", now: now, sampleData: true, taxonomy: Repo.taxonomy)
        let first = try h.write(.html, folder: folder)
        let second = try h.write(.html, folder: folder)
        XCTAssertEqual((first as NSString).lastPathComponent, "waymark-handout-2026-11-24.html")
        XCTAssertEqual((second as NSString).lastPathComponent, "waymark-handout-2026-11-24-2.html", "never overwrites")
        let mode = try FileManager.default.attributesOfItem(atPath: first)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o077, 0)
    }

    func testShortlistsAreKeptUnderTheirNames() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        var list = Shortlist(name: "Mrs B")
        list.toggle("a"); list.toggle("b"); list.toggle("c"); list.toggle("b")
        XCTAssertEqual(list.items.map(\.serviceID), ["a", "c"])
        list.items[1].note = "ask for Sue"
        _ = list.move(from: 1, by: -1)
        try store.saveShortlist(list)
        try store.saveShortlist(Shortlist(name: "Later", items: [.init(serviceID: "z")]))
        XCTAssertEqual(try store.loadShortlist(named: "Mrs B"), Shortlist(name: "Mrs B", items: [.init(serviceID: "c", note: "ask for Sue"), .init(serviceID: "a")]))
        try store.renameShortlist("Mrs B", to: "Visit 2")
        XCTAssertNil(try store.loadShortlist(named: "Mrs B"))
        XCTAssertEqual(try store.loadShortlist(named: "Visit 2")?.items.count, 2)
        XCTAssertEqual(Set(try store.shortlistNames()), ["Later", "Visit 2"])
    }

    // MARK: what the person needs, for each service

    func services(_ names: String...) -> [Handout.Entry] {
        let d = RoundTripTests.bundledDirectory
        let orgs = d.organisationNames
        return names.map { n in let s = d.services.first { $0.name == n }!; return Handout.Entry(service: s, organisation: orgs[s.organisationID]!, note: "") }
    }

    func testEachServiceHasTheNearestVenueTheNextSessionAndWhatToSay() {
        let keynsham = Repo.gazetteer.resolve("Keynsham")!
        let h = Handout(entries: services("Village Lunch Clubs", "Saltford Lunch Club"), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy,
                        place: keynsham, needs: ["social-connection"], givenBy: "Jo (village agent)")
        let flat = h.render(.text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("Nearest to you: The Lakeside Room, 2 Ham Close, Bishop Sutton"), "of three venues, the one nearest Keynsham")
        XCTAssertTrue(flat.contains("It also meets at 2 other places"))
        XCTAssertTrue(flat.contains("Today, Tuesday 24 November 2026, 12:00 to 14:00"), "the next session carries its date")
        XCTAssertTrue(flat.contains("Thursday 26 November 2026, 12:00 to 14:00"))
        XCTAssertTrue(flat.contains("It helps with what you asked about: company and community."), "why, in plain words")
        XCTAssertTrue(flat.contains("It is about 2 miles (3.1 km) from Keynsham."))
        XCTAssertTrue(flat.contains("It is for people aged 60 and over."))
        XCTAssertTrue(flat.contains("The 39 stops on the main road"), "how to get there, from the venue's record")
        XCTAssertTrue(flat.contains("Low cost: £6.50 for two courses."), "what it costs")
        XCTAssertTrue(flat.contains("Money for the cost: £6.50 for two courses."), "what to have ready")
        XCTAssertTrue(flat.contains("Say: \"Hello, I'm calling about Saltford Lunch Club. I'd like to come along and meet people. I live in Keynsham. Can I book a place for Thursday 26 November?\""),
                      "what to say names the service, the need, where they live and the next date")
        XCTAssertTrue(flat.contains("Given to you by Jo (village agent)."))
        let bathford = Handout(entries: services("Village Lunch Clubs"), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy,
                               place: Repo.gazetteer.resolve("Bathford")!).render(.text)
        XCTAssertTrue(bathford.contains("Nearest to you:") && !bathford.contains("Bishop Sutton BS39"), "a different place, a different nearest venue")
    }

    func testWhatToSayIsMadeForTheServiceAndTheNeed() {
        func say(_ h: Handout) -> [String] {
            h.render(.text).split(whereSeparator: \.isWhitespace).joined(separator: " ").components(separatedBy: "Say: \"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        let d = RoundTripTests.bundledDirectory
        let nurse = d.services.first { $0.has("gp-referral", in: .referral) && !$0.has("self-referral", in: .referral) }!
        let carers = d.services.first { $0.has("carer-support", in: .function) && $0.has("dementia", in: .condition) && $0.has("self-referral", in: .referral) }!
        let entries = [Handout.Entry(service: nurse, organisation: "Sirona", note: ""), Handout.Entry(service: carers, organisation: "X", note: "")]
        let plain = say(Handout(entries: entries, firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy))
        XCTAssertEqual(plain.count, 2)
        XCTAssertTrue(plain[0].contains("What does my GP need to send you?"), plain[0])
        XCTAssertNotEqual(plain[0].replacingOccurrences(of: nurse.name, with: ""), plain[1].replacingOccurrences(of: carers.name, with: ""),
                          "not the same sentence with the name swapped")
        let asked = say(Handout(entries: [entries[1]], firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy, needs: ["dementia", "carer-support"]))
        XCTAssertTrue(asked[0].contains("I look after someone and would like some support as a carer. It's about dementia and memory."), asked[0])
    }

    func testWhyNamesOnlyTheNeedsThePersonHas() {
        let cafe = RoundTripTests.bundledDirectory.services.first { $0.has("dementia", in: .condition) && $0.has("social-connection", in: .function) }!
        let e = [Handout.Entry(service: cafe, organisation: "X", note: "")]
        let asked = Handout(entries: e, firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy, needs: ["social-connection"]).render(.text)
        let flatAsked = asked.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flatAsked.contains("It helps with what you asked about: company and community."), flatAsked)
        XCTAssertFalse(flatAsked.contains("dementia and memory."), "a condition they did not ask about is not given as a reason")
        let none = Handout(entries: e, firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(none.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("It offers "), "with no needs given, what the service offers")
    }

    func testEveryFormatEndsWithGivenByAndTheEmergencyLine() {
        let h = Handout(entries: entries(), firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy, givenBy: "  Sam Patel ")
        for format in Handout.Format.allCases {
            let flat = h.render(format).replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "<wbr>", with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(flat.contains("Given to you by Sam Patel."), "\(format)")
            XCTAssertTrue(flat.contains("call 999 now") && flat.contains("call NHS 111 (option 2 for mental health)"), "\(format)")
        }
        XCTAssertFalse(Handout(entries: entries(), firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy, givenBy: "  ").render(.text).contains("Given to you by"),
                       "only when typed")
    }

    func testLargePrintWebPageIsLarge() throws {
        let html = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.largeHTML)
        XCTAssertTrue(html.contains("@page { size: A4;"))
        let style = String(html[html.range(of: "<style>")!.upperBound..<html.range(of: "</style>")!.lowerBound])
        let sizes = try NSRegularExpression(pattern: "font-size: ([0-9.]+)pt").matches(in: style, range: NSRange(style.startIndex..., in: style))
            .map { Double(style[Range($0.range(at: 1), in: style)!])! }
        XCTAssertFalse(sizes.isEmpty)
        XCTAssertTrue(sizes.allSatisfy { $0 >= 18 }, "every size is 18 pt or more: \(sizes)")
        XCTAssertTrue(style.contains("body { font-family: Verdana, \"DejaVu Sans\", Arial, Helvetica, sans-serif; font-size: 18pt"))
        XCTAssertTrue(style.contains("color: #000; background: #fff"), "black on white")
        XCTAssertFalse(style.contains("uppercase") || style.contains("small-caps") || style.contains("break-all") || style.contains("hyphens: auto"))
        let body = String(html[html.range(of: "<body")!.lowerBound...]).replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        XCTAssertEqual(Self.capitalisedWords(body), [], "no capitalised blocks in what is printed")
        // A link may break only where a <wbr> is, and each <wbr> follows / . - or @.
        let links = html.components(separatedBy: "<span class=\"link\">").dropFirst().map { $0.components(separatedBy: "</span>")[0] }
        XCTAssertFalse(links.isEmpty)
        for link in links {
            for piece in link.components(separatedBy: "<wbr>").dropLast() { XCTAssertTrue("/.-@".contains(piece.last!), "a break after \(piece)") }
        }
        XCTAssertTrue(links.contains("https://<wbr>example.<wbr>org/<wbr>keynsham-<wbr>saltford-<wbr>together/<wbr>saltford-<wbr>lunch-<wbr>club"), links.joined(separator: "\n"))
    }

    func testFormatsHaveTheNamesScriptsType() {
        XCTAssertEqual(Handout.Format.allCases.map(\.name), ["text", "large", "markdown", "html", "large-html"])
        XCTAssertEqual(Handout.Format(name: "large"), .largePrint)
        XCTAssertEqual(Handout.Format(name: "large-print"), .largePrint)
        XCTAssertEqual(Handout.Format(name: "LARGE-HTML"), .largeHTML)
        XCTAssertNil(Handout.Format(name: "pdf"))
    }

    // MARK: two kinds of note

    func testAPrivateNoteForTheNavigatorNeverReachesAnyHandout() throws {
        let d = RoundTripTests.bundledDirectory, orgs = d.organisationNames
        let lunch = d.services.first { $0.name == "Saltford Lunch Club" }!
        var list = Shortlist(name: "Visit", items: [.init(serviceID: lunch.id, note: "ask for Sue", privateNote: "NAVIGATOR-ONLY daughter rings Fridays")],
                             note: "Sue will ring you back.", privateNote: "NAVIGATOR-ONLY consent given 24/11")
        list.items.append(.init(serviceID: "gone-from-the-directory", note: "x", privateNote: "NAVIGATOR-ONLY gone"))
        // Through the store and back, as the interface does.
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.saveShortlist(list)
        let saved = try XCTUnwrap(store.loadShortlist(named: "Visit"))
        XCTAssertEqual(saved, list, "both kinds of note are kept")
        let h = Handout(list: saved, lookup: { id in d.services.first { $0.id == id }.map { ($0, orgs[$0.organisationID]!) } },
                        firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy)
        let folder = Repo.tempDir()
        for format in Handout.Format.allCases {
            let text = h.render(format)
            XCTAssertFalse(text.contains("NAVIGATOR-ONLY"), "\(format) carries a private note")
            XCTAssertFalse(text.contains("daughter") || text.contains("consent"), "\(format)")
            XCTAssertTrue(text.contains("ask for Sue") || text.contains("ask for Sue".replacingOccurrences(of: " ", with: " ")), "\(format): the note for the person is there")
            XCTAssertTrue(text.replacingOccurrences(of: "\\", with: "").contains("Sue will ring you back."), "\(format): the list's note for the person")
            let file = try String(contentsOfFile: try h.write(format, folder: folder), encoding: .utf8)
            XCTAssertFalse(file.contains("NAVIGATOR-ONLY"), "\(format) file")
        }
        XCTAssertEqual(h.entries.count, 1, "a service gone from the directory is skipped")
    }

    // MARK: printing

    /// An `lp` that records its arguments and what it was sent, and answers as CUPS does.
    func stubTools(lpStatus: Int = 0, browser: Bool = false) throws -> String {
        let dir = Repo.tempDir()
        let lp = """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(dir)/lp.args"
            cat > "\(dir)/lp.stdin"
            if [ \(lpStatus) -ne 0 ]; then echo "lp: The printer or class does not exist." >&2; exit \(lpStatus); fi
            echo "request id is stub-7 (1 file(s))"
            """
        try lp.write(toFile: dir + "/lp", atomically: true, encoding: .utf8)
        chmod(dir + "/lp", 0o700)
        if browser {
            let chromium = """
                #!/bin/sh
                printf '%s\\n' "$@" > "\(dir)/chromium.args"
                for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 stub' > "${a#--print-to-pdf=}";; esac; done
                """
            try chromium.write(toFile: dir + "/chromium", atomically: true, encoding: .utf8)
            chmod(dir + "/chromium", 0o700)
        }
        return dir
    }

    func testLargePrintIsPrintedLargeThroughLp() throws {
        let dir = try stubTools()
        let h = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy)
        let outcome = HandoutPrinter(searchPath: dir + ":/usr/bin:/bin").print(h, format: .largePrint)
        XCTAssertEqual(outcome, .sent("request id is stub-7 (1 file(s))"))
        let args = try String(contentsOfFile: dir + "/lp.args", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(args, ["-t", "Waymark handout", "-o", "media=A4", "-o", "cpi=6", "-o", "lpi=3", "-o", "page-left=36", "-o", "page-right=36",
                              "-o", "page-top=36", "-o", "page-bottom=36", "-o", "document-format=text/plain"])
        XCTAssertEqual(try String(contentsOfFile: dir + "/lp.stdin", encoding: .utf8), h.render(.largePrint), "the format just chosen, on lp's input")
        XCTAssertTrue(outcome.message(format: .largePrint, path: "/home/a/Documents/waymark/x.large.txt").contains("Sent the large print handout to the printer"))

        XCTAssertEqual(HandoutPrinter(searchPath: dir).print(h, format: .text), .sent("request id is stub-7 (1 file(s))"))
        let textArgs = try String(contentsOfFile: dir + "/lp.args", encoding: .utf8)
        XCTAssertTrue(textArgs.contains("cpi=10\n") && textArgs.contains("lpi=6\n"), "ordinary text prints at ordinary size")
        XCTAssertEqual(try String(contentsOfFile: dir + "/lp.stdin", encoding: .utf8), h.render(.text))
    }

    func testAWebPageIsPrintedAsAPDFAndMissingToolsAreSaidPlainly() throws {
        let h = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy)
        let dir = try stubTools(browser: true)
        XCTAssertEqual(HandoutPrinter(searchPath: dir + ":/bin").print(h, format: .largeHTML), .sent("request id is stub-7 (1 file(s))"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/lp.stdin", encoding: .utf8).hasPrefix("%PDF"), "lp is sent the PDF the browser made")
        XCTAssertTrue(try String(contentsOfFile: dir + "/lp.args", encoding: .utf8).contains("document-format=application/pdf"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/chromium.args", encoding: .utf8).contains("--headless"))

        let noBrowser = try stubTools()
        XCTAssertEqual(HandoutPrinter(searchPath: noBrowser).print(h, format: .html), .noBrowser)
        XCTAssertEqual(HandoutPrinter(searchPath: Repo.tempDir()).print(h, format: .largePrint), .noPrinter)
        XCTAssertTrue(HandoutPrinter.Outcome.noPrinter.message(format: .largePrint, path: "/tmp/h.txt").contains("The handout is at /tmp/h.txt"))
        let failing = try stubTools(lpStatus: 1)
        let failed = HandoutPrinter(searchPath: failing + ":/bin").print(h, format: .largePrint)
        XCTAssertEqual(failed, .failed("lp: The printer or class does not exist."))
        XCTAssertTrue(failed.message(format: .largePrint, path: nil).contains("lpstat -p"), "says what to do")
    }

    func testAnLpThatExitsWithoutReadingIsAFailureNotACrash() throws {
        // More than a pipe holds (64 KiB): written to a pipe, lp's early exit would raise SIGPIPE in Waymark.
        let h = Handout(entries: Array(repeating: entries(), count: 40).flatMap { $0 }, firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy)
        XCTAssertGreaterThan(h.render(.largePrint).utf8.count, 65_536)
        let dir = Repo.tempDir()
        try "#!/bin/sh\necho 'lp: Error - The printer or class does not exist.' >&2\nexit 1\n".write(toFile: dir + "/lp", atomically: true, encoding: .utf8)
        chmod(dir + "/lp", 0o700)
        XCTAssertEqual(HandoutPrinter(searchPath: dir).print(h, format: .largePrint), .failed("lp: Error - The printer or class does not exist."))
    }

    // MARK: named lists, save as, the last list, a new person

    func testSaveAsCopiesAndNeverOverwrites() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        let list = Shortlist(name: "Mrs B", items: [.init(serviceID: "a", note: "n", privateNote: "p")], note: "for you", privateNote: "mine")
        try store.saveShortlist(list)
        let copy = try store.saveShortlistCopy(list, as: " Visit 2 ")
        XCTAssertEqual(copy.name, "Visit 2")
        XCTAssertEqual(try store.loadShortlist(named: "Mrs B"), list, "the original stays as it was")
        XCTAssertEqual(try store.loadShortlist(named: "Visit 2")?.items, list.items)
        XCTAssertEqual(try store.loadShortlist(named: "Visit 2")?.privateNote, "mine")
        XCTAssertThrowsError(try store.saveShortlistCopy(list, as: "Visit 2")) { XCTAssertEqual($0 as? ShortlistError, .nameTaken("Visit 2")) }
        XCTAssertThrowsError(try store.saveShortlistCopy(list, as: "  ")) { XCTAssertEqual($0 as? ShortlistError, .emptyName) }
        XCTAssertTrue(ShortlistError.nameTaken("Visit 2").description.contains("choose another name"))
    }

    func testTheLastListAndANewPerson() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        XCTAssertNil(try store.lastShortlist(), "nothing to continue on a first run")
        try store.saveShortlist(Shortlist(name: "Older", items: [.init(serviceID: "a")]))
        try store.saveShortlist(Shortlist(name: "Empty"))
        try store.applyShortlistEdits([.add(.init(serviceID: "b")), .add(.init(serviceID: "c"))], to: "Newest")
        let last = try XCTUnwrap(store.lastShortlist())
        XCTAssertEqual(last.name, "Newest")
        XCTAssertEqual(last.services, 2)
        XCTAssertEqual(try store.shortlistSummaries().map(\.name).first, "Newest")

        let day = LocalDate(year: 2026, month: 12, day: 2)
        XCTAssertEqual(try store.freshShortlistName(on: day), "List 2 December 2026")
        try store.saveShortlist(Shortlist(name: "List 2 December 2026"))
        XCTAssertEqual(try store.freshShortlistName(on: day), "List 2 December 2026 (2)")

        var visit = Visit(profile: NeedsProfile(text: "lonely since her husband died", place: "Keynsham", age: 82), firstName: "Ann",
                          shortlist: try store.loadShortlist(named: "Newest")!, givenBy: "Jo")
        visit.shortlist.note = "for Ann"
        visit.shortlist.items[0].privateNote = "private"
        visit.newPerson(listName: try store.freshShortlistName(on: day))
        XCTAssertEqual(visit.profile, NeedsProfile())
        XCTAssertNil(visit.firstName)
        XCTAssertEqual(visit.shortlist, Shortlist(name: "List 2 December 2026 (2)"), "no services and no notes of the last person")
        XCTAssertEqual(visit.givenBy, "Jo", "the navigator's own name stays")
        XCTAssertEqual(try store.loadShortlist(named: "Newest")?.items.count, 2, "the last person's saved list is kept")
    }

    func testEditsCarryBothKindsOfNoteAndMergeAcrossWindows() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        let base = try store.applyShortlistEdits([.add(.init(serviceID: "a")), .add(.init(serviceID: "b", privateNote: "new p"))], to: "L")
        XCTAssertEqual(base.items[1].privateNote, "new p", "a new item's private note comes with it")
        var one = base, two = base
        one.items[0].privateNote = "from one"
        one.privateNote = "list private"
        two.items[0].note = "from two"
        two.note = "list note"
        let edits = Shortlist.edits(from: base, to: one)
        XCTAssertEqual(edits, [.privateNote(serviceID: "a", note: "from one"), .listPrivateNote("list private")])
        try store.applyShortlistEdits(edits, to: "L")
        let merged = try store.applyShortlistEdits(Shortlist.edits(from: base, to: two), to: "L")
        XCTAssertEqual(merged.items[0], .init(serviceID: "a", note: "from two", privateNote: "from one"))
        XCTAssertEqual(merged.note, "list note")
        XCTAssertEqual(merged.privateNote, "list private")
    }

    func testListsSavedBeforeTheNotesMigrationKeepTheirNotes() throws {
        let path = Repo.tempDir() + "/old.sqlite"
        do {
            let pool = try DatabasePool(path: path)
            try Store.migrator.migrate(pool, upTo: "2026-11-23 packed documents")
            try pool.write { db in
                try db.execute(sql: "INSERT INTO shortlist(name, updated_at) VALUES ('Mrs B', '2026-11-20T10:00:00Z')")
                try db.execute(sql: "INSERT INTO shortlist_item(shortlist, position, service_id, note) VALUES ('Mrs B', 0, 'a', 'ask for Sue')")
            }
        }
        let store = try Store(path: path)
        XCTAssertEqual(try store.loadShortlist(named: "Mrs B"), Shortlist(name: "Mrs B", items: [.init(serviceID: "a", note: "ask for Sue")]),
                       "the older list opens with its note for the person, and no private notes")
        XCTAssertEqual(try store.lastShortlist()?.name, "Mrs B")
    }
}
