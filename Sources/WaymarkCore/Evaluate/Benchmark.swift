import Foundation

/// What `waymark bench` measures for one directory, in one process.
public struct BenchFigures: Sendable {
    public var services: Int
    public var loadMs: Double
    public var indexMs: Double
    public var residentMB: Double
    /// Resident memory once the directory is loaded, before the index is built.
    public var residentAfterLoadMB: Double
    public var typeP50Ms: Double
    public var typeP99Ms: Double
    public var ftsTypeP50Ms: Double
    public var ftsTypeP99Ms: Double
    public var matchP50Ms: Double
    public var matchP99Ms: Double
    public var keystrokes: Int
    public var matches: Int
}

public enum Benchmark {
    /// Fifty things people type into a directory search, typed letter by letter.
    public static let queries = [
        "dementia", "memory cafe", "carers support", "lunch club", "walking group", "befriending", "stroke", "diabetes",
        "falls", "district nurse", "foot care", "speech therapy", "occupational therapy", "wheelchair", "hearing aid",
        "sight loss", "counselling", "anxiety", "depression", "crisis", "drug and alcohol", "stop smoking", "weight",
        "sexual health", "domestic abuse", "foodbank", "debt advice", "benefits", "housing", "homeless", "advocacy",
        "autism", "learning disability", "young carers", "children centre", "health visitor", "school nurse",
        "community transport", "dial a ride", "volunteer", "men's shed", "art group", "music therapy", "hospice",
        "bereavement", "end of life", "leg ulcer", "continence", "parkinsons", "keeps forgetting things",
    ]

    /// Resident memory of this process, in MB (from /proc).
    public static func residentMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Hands freed heap back to the system, so that resident memory measures what is in use.
    public static func releaseFreedMemory() {
        #if os(Linux)
        _ = waymarkMallocTrim(0)
        #endif
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let sorted = xs.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func ms(_ start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }

    /// Runs the measures. `load` produces the directory (timed); the index is then built from it (timed).
    public static func run(load: () throws -> Directory, taxonomy: Taxonomy, lexicon: Lexicon, gazetteer: Gazetteer,
                           people: [EvalPerson], now: LocalDateTime) throws -> BenchFigures {
        var t = DispatchTime.now()
        let directory = try load()
        let loadMs = ms(t)
        let residentAfterLoad = residentMB()
        t = DispatchTime.now()
        let index = SearchIndex(directory: directory, taxonomy: taxonomy, lexicon: lexicon)
        let indexMs = ms(t)
        let resident = residentMB()

        var typing: [Double] = []
        var sink = 0
        for q in queries {
            var typed = ""
            for ch in q {
                typed.append(ch)
                let s = DispatchTime.now()
                sink &+= index.search(typed, limit: 50).total
                typing.append(ms(s))
            }
        }
        let fts = try FTS5Baseline(index: index)
        var ftsTyping: [Double] = []
        for q in queries {
            var typed = ""
            for ch in q {
                typed.append(ch)
                let s = DispatchTime.now()
                sink &+= try fts.prefixSearch(typed, limit: 50).count
                ftsTyping.append(ms(s))
            }
        }
        let matcher = Matcher(index: index, gazetteer: gazetteer, now: now)
        var matching: [Double] = []
        for p in people {
            let s = DispatchTime.now()
            sink &+= matcher.match(p.profile).suggestions.count
            matching.append(ms(s))
        }
        if sink == Int.min { StandardStream.output.writeLine(SafeText(line: "\(sink)")) }
        return BenchFigures(services: directory.services.count, loadMs: loadMs, indexMs: indexMs, residentMB: resident,
                            residentAfterLoadMB: residentAfterLoad,
                            typeP50Ms: percentile(typing, 0.5), typeP99Ms: percentile(typing, 0.99),
                            ftsTypeP50Ms: percentile(ftsTyping, 0.5), ftsTypeP99Ms: percentile(ftsTyping, 0.99),
                            matchP50Ms: percentile(matching, 0.5), matchP99Ms: percentile(matching, 0.99),
                            keystrokes: typing.count, matches: matching.count)
    }
}
