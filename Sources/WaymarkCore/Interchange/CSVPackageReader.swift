import Foundation

/// Reads the tabular form of HSDS: a folder of CSV files, one per table, with or
/// without a Frictionless `datapackage.json`. Rows are joined back into the nested
/// objects of the JSON form, then decoded by the same code, so both forms obey one set of rules.
struct CSVPackageReader {
    let folder: String
    let names: [String]

    /// Table → the file names it may have (HSDS uses plurals; the UK examples also singulars).
    static let tables: [String: [String]] = [
        "services": ["services.csv", "service.csv"],
        "organizations": ["organizations.csv", "organization.csv"],
        "organization_identifiers": ["organization_identifiers.csv"],
        "locations": ["locations.csv", "location.csv"],
        "service_at_location": ["service_at_location.csv", "service_at_locations.csv"],
        "addresses": ["addresses.csv", "address.csv"],
        "accessibility": ["accessibility.csv", "accessibility_for_disabilities.csv"],
        "phones": ["phones.csv", "phone.csv"],
        "schedules": ["schedules.csv", "schedule.csv"],
        "service_areas": ["service_areas.csv", "service_area.csv"],
        "attributes": ["attributes.csv", "attribute.csv"],
        "taxonomy_terms": ["taxonomy_terms.csv", "taxonomy_term.csv"],
        "cost_options": ["cost_options.csv", "cost_option.csv"],
        "contacts": ["contacts.csv", "contact.csv"],
    ]

    func read(into state: inout ReadState) {
        if names.contains("datapackage.json") {
            let path = (folder as NSString).appendingPathComponent("datapackage.json")
            if let data = FileManager.default.contents(atPath: path),
               (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] == nil {
                state.issue(.error, file: "datapackage.json", "is not valid JSON; fix it or remove it (the CSV files can be read without it)")
                return
            }
        }
        guard names.contains(where: { Self.tables["services"]!.contains($0) }) else {
            state.issue(.error, file: folder, "has a datapackage.json but no services.csv; nothing to import")
            return
        }
        var t: [String: [[String: String]]] = [:]
        for (table, files) in Self.tables {
            var rows: [[String: String]] = []
            /// Where each id was first seen: "file row N".
            var ids: [String: (file: String, row: Int)] = [:]
            for file in files where names.contains(file) {
                guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file)),
                      let text = String(data: data, encoding: .utf8) else {
                    state.issue(.error, file: file, "cannot be read as UTF-8 text; save it as UTF-8 and try again")
                    continue
                }
                let parsed = CSV.records(text)
                for p in parsed.problems {
                    state.sink.add(ImportIssue(p.severity == .error ? .error : .warning, file: file, record: "row \(p.row)",
                                                          path: p.column, message: p.message))
                }
                for (number, row) in parsed.rows {
                    if let id = row["id"] {
                        if let first = ids[id] {
                            if first.file == file {
                                state.sink.add(ImportIssue(.error, file: file, record: "row \(number)", path: "id",
                                                                      message: "duplicate id \(shortID(id)): row \(first.row) already uses it; give each row its own id"))
                            } else {
                                // The same table split over a singular and a plural file: the first copy is kept.
                                state.sink.add(ImportIssue(.warning, file: file, record: "row \(number)", path: "id",
                                                                      message: "id \(shortID(id)) is also in \(first.file) row \(first.row); that copy is kept and this one left out"))
                            }
                            continue
                        }
                        ids[id] = (file, number)
                    }
                    var r = row
                    r["__file"] = file
                    r["__row"] = String(number)
                    rows.append(r)
                }
            }
            t[table] = rows
        }
        assemble(t, into: &state)
    }

    private func assemble(_ t: [String: [[String: String]]], into state: inout ReadState) {
        func rows(_ table: String) -> [[String: String]] { t[table] ?? [] }
        func group(_ table: String, by key: String) -> [String: [[String: String]]] {
            Dictionary(grouping: rows(table).filter { $0[key] != nil }, by: { $0[key]! })
        }
        func plain(_ row: [String: String]) -> [String: Any] { row.filter { !$0.key.hasPrefix("__") } }

        let addresses = group("addresses", by: "location_id")
        let access = group("accessibility", by: "location_id")
        var locations: [String: [String: Any]] = [:]
        for row in rows("locations") {
            guard let id = row["id"] else { continue }
            var l = plain(row)
            l["addresses"] = (addresses[id] ?? []).map(plain)
            l["accessibility"] = (access[id] ?? []).map(plain)
            locations[id] = l
        }
        let sals = rows("service_at_location")
        let salService = Dictionary(sals.compactMap { r in r["id"].flatMap { id in r["service_id"].map { (id, $0) } } }, uniquingKeysWith: { a, _ in a })
        func byService(_ table: String) -> [String: [[String: Any]]] {
            var out: [String: [[String: Any]]] = [:]
            for row in rows(table) {
                guard let sid = row["service_id"] ?? row["service_at_location_id"].flatMap({ salService[$0] }) else { continue }
                out[sid, default: []].append(plain(row))
            }
            return out
        }
        let phones = byService("phones"), schedules = byService("schedules"), areas = byService("service_areas")
        let costs = byService("cost_options"), contacts = byService("contacts")
        let terms = Dictionary(rows("taxonomy_terms").compactMap { r in r["id"].map { ($0, plain(r)) } }, uniquingKeysWith: { a, _ in a })
        let serviceIDs = Set(rows("services").compactMap { $0["id"] })
        var attributes: [String: [[String: Any]]] = [:]
        for row in rows("attributes") {
            guard let link = row["link_id"] else { continue }
            guard serviceIDs.contains(link) else {
                if row["link_entity"] == nil || row["link_entity"] == "service" {
                    state.sink.add(ImportIssue(.warning, file: row["__file"] ?? "attributes.csv", record: "attribute \(shortID(row["id"] ?? "?"))",
                                                          message: "links to \(shortID(link)), which is not a service in this folder; left out"))
                }
                continue
            }
            var a = plain(row)
            if let tid = row["taxonomy_term_id"] {
                if let term = terms[tid] { a["taxonomy_term"] = term } else {
                    state.sink.add(ImportIssue(.warning, file: row["__file"] ?? "attributes.csv", record: "attribute \(shortID(row["id"] ?? "?"))",
                                                          message: "names taxonomy term \(shortID(tid)), which taxonomy_terms.csv does not have; left out"))
                    continue
                }
            }
            attributes[link, default: []].append(a)
        }

        let identifiers = group("organization_identifiers", by: "organization_id")
        for row in rows("organizations") {
            var o = plain(row)
            if let id = row["id"] { o["organization_identifiers"] = (identifiers[id] ?? []).map(plain) }
            let r = state.reader(o, file: row["__file"] ?? "organizations.csv", kind: "organisation", lenient: true)
            if let org = state.decoding.organisation(r) { state.add(org) }
        }
        state.beginFile()
        for row in rows("services") {
            var s = plain(row)
            if let id = row["id"] {
                s["service_at_locations"] = sals.filter { $0["service_id"] == id }.compactMap { sal -> [String: Any]? in
                    guard let lid = sal["location_id"], let loc = locations[lid] else { return nil }
                    return ["id": sal["id"] ?? "\(id)-at-\(lid)", "location": loc]
                }
                s["phones"] = phones[id] ?? []
                s["schedules"] = schedules[id] ?? []
                s["service_areas"] = areas[id] ?? []
                s["cost_options"] = costs[id] ?? []
                s["contacts"] = contacts[id] ?? []
                s["attributes"] = attributes[id] ?? []
            }
            let file = row["__file"] ?? "services.csv"
            let r = state.reader(s, file: file, kind: "service", lenient: true)
            if let (service, _) = state.decoding.service(r, organisationID: nil) {
                state.add(service, org: nil, file: file, at: "row \(row["__row"] ?? "?")")
            }
        }
    }
}
