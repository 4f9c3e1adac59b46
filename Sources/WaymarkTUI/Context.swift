import WaymarkCore

/// What the interface reads but never changes: the index, the gazetteer, the clock.
public struct AppContext: Sendable {
    public let index: SearchIndex
    public let gazetteer: Gazetteer
    public let directoryName: String
    public let isSample: Bool
    public let now: LocalDateTime
    public let version: String
    public let organisations: [Organisation]

    public init(index: SearchIndex, gazetteer: Gazetteer, directoryName: String, isSample: Bool, now: LocalDateTime,
                version: String, organisations: [Organisation]) {
        self.index = index
        self.gazetteer = gazetteer
        self.directoryName = directoryName
        self.isSample = isSample
        self.now = now
        self.version = version
        self.organisations = organisations
    }

    var taxonomy: Taxonomy { index.taxonomy }

    func doc(id: String) -> Int? { index.doc(id: id) }

    /// Rows of the browse tree for a dimension: (code or provider id, label, count of active services).
    func browseRows(_ d: BrowseDimension) -> [(key: String, label: String, count: Int)] {
        let active = (0..<index.count).filter { index.status[$0] == .active }
        switch d {
        case .provider:
            var n: [String: Int] = [:]
            for i in active { n[index.organisationID(i), default: 0] += 1 }
            return organisations.filter { n[$0.id] != nil }.sorted { $0.name < $1.name }.map { ($0.id, $0.name, n[$0.id] ?? 0) }
        default:
            let v: Vocabulary = d == .condition ? .condition : d == .function ? .function : .area
            let counts = index.facetCounts(active)
            // A tree: each narrower term under its broader one ("Breaks for carers" under "Help for carers").
            let terms = taxonomy.terms(v)
            var rows: [(key: String, label: String, count: Int)] = []
            func add(_ t: TaxonomyTerm, depth: Int) {
                rows.append((t.code, String(repeating: "   ", count: depth) + (depth > 0 ? "└ " : "") + t.label, counts[t.code] ?? 0))
                for child in terms where child.parent == t.code { add(child, depth: depth + 1) }
            }
            for t in terms where t.parent == nil || !terms.contains(where: { $0.code == t.parent }) { add(t, depth: 0) }
            return rows
        }
    }

    /// The filter panel: every value of every filter vocabulary, grouped.
    var filterRows: [FilterRow] {
        var rows: [FilterRow] = []
        rows.append(FilterRow(title: "Place and age", vocabulary: nil, code: nil, label: "Place and age"))
        rows.append(FilterRow(title: nil, vocabulary: nil, code: "place", label: "Where the person lives…"))
        rows.append(FilterRow(title: nil, vocabulary: nil, code: "age", label: "The person's age…"))
        for (title, v) in [("Area", Vocabulary.area), ("Condition", .condition), ("What it does", .function), ("Getting there", .transport),
                           ("Who it is for", .audience), ("Cost", .cost), ("Referral", .referral)] {
            rows.append(FilterRow(title: title, vocabulary: v, code: nil, label: title))
            for t in taxonomy.terms(v) where !(v == .area && (t.code == "banes-wide" || t.code == "national")) {
                rows.append(FilterRow(title: nil, vocabulary: v, code: t.code, label: t.label))
            }
        }
        rows.append(FilterRow(title: "When", vocabulary: nil, code: nil, label: "When"))
        rows.append(FilterRow(title: nil, vocabulary: nil, code: "open-now", label: "Open now"))
        return rows
    }
}

public struct FilterRow: Sendable, Equatable {
    public let title: String?
    public let vocabulary: Vocabulary?
    public let code: String?
    public let label: String
    public var isHeader: Bool { code == nil }
}
