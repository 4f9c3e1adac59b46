/// Counts over a directory: by vocabulary code, by provider, and where services stand.
public struct DirectoryStats {
    public let directory: Directory
    public let taxonomy: Taxonomy
    public let gazetteer: Gazetteer

    public init(directory: Directory, taxonomy: Taxonomy, gazetteer: Gazetteer) {
        self.directory = directory
        self.taxonomy = taxonomy
        self.gazetteer = gazetteer
    }

    public func counts(_ vocabulary: Vocabulary) -> [(code: String, label: String, count: Int)] {
        var n: [String: Int] = [:]
        for s in directory.services { for c in s.codes(vocabulary) { n[c, default: 0] += 1 } }
        return taxonomy.terms(vocabulary).map { ($0.code, $0.label, n[$0.code] ?? 0) }
    }

    public var byStatus: [(String, Int)] {
        ServiceStatus.allCases.map { st in (st.rawValue, directory.services.filter { $0.status == st }.count) }.filter { $0.1 > 0 }
    }

    public var byProvider: [(name: String, count: Int)] {
        let names = directory.organisationNames
        var n: [String: Int] = [:]
        for s in directory.services { n[s.organisationID, default: 0] += 1 }
        return n.map { (names[$0.key] ?? $0.key, $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    }

    /// Services open to each Area Forum area: serving it directly, B&NES-wide or nationally.
    public var openToArea: [(code: String, count: Int)] {
        AreaRule.forum.map { area in (area, directory.services.filter { AreaRule.serves($0.codes(.area), area) }.count) }
    }

    /// The Area Forum area a point lies in: that of the nearest gazetteer place.
    public func area(of point: Coordinate) -> String? {
        gazetteer.places.min { $0.coordinate.distanceKm(to: point) < $1.coordinate.distanceKm(to: point) }?.area
    }

    /// Services with at least one physical location in each area.
    public var locatedInArea: [(code: String, count: Int)] {
        var n: [String: Int] = [:]
        for s in directory.services {
            let areas = Set(s.physicalLocations.compactMap { $0.coordinate.flatMap(area(of:)) })
            for a in areas { n[a, default: 0] += 1 }
        }
        return ["bath-city", "bathavon", "keynsham", "somer-valley", "chew-valley"].map { ($0, n[$0] ?? 0) }
    }

    public func render(name: String) -> String {
        var out: [String] = []
        out.append("Directory: \(DisplayText.line(name))")
        out.append("Organisations: \(directory.organisations.count)")
        out.append("Services: \(directory.services.count) (" + byStatus.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ")")
        func table(_ title: String, _ rows: [(String, String, Int)]) {
            out.append("")
            let w = max(title.count, rows.map { $0.0.count }.max() ?? 0)
            let lw = min(34, rows.map { $0.1.count }.max() ?? 0)
            out.append(title.uppercased().padding(toLength: w, withPad: " ", startingAt: 0) + "  " + "".padding(toLength: lw, withPad: " ", startingAt: 0) + "  SERVICES")
            for (code, label, n) in rows {
                out.append(code.padding(toLength: w, withPad: " ", startingAt: 0) + "  "
                           + ColumnWidth.truncate(label, to: lw).padding(toLength: lw, withPad: " ", startingAt: 0) + "  " + String(n).leftPad(8))
            }
        }
        for v in [Vocabulary.condition, .function, .area, .transport, .audience, .referral, .cost] {
            table(v.jsonKey, counts(v).map { ($0.code, $0.label, $0.count) })
        }
        table("open to area", openToArea.map { ($0.code, "serves it, B&NES-wide or national", $0.count) })
        table("located in area", locatedInArea.map { ($0.code, "has a venue there", $0.count) })
        table("provider", byProvider.map { (DisplayText.line($0.name), "", $0.count) })
        return out.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
