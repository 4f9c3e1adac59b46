import Foundation

/// Reads the tabular form of HSDS: a folder of CSV files, one per table, with or
/// without a Frictionless `datapackage.json`. Rows are joined back into the nested
/// objects of the JSON form, then decoded by the same code, so both forms obey one set of rules.
struct CSVPackageReader {
    let folder: String
    let names: [String]
    /// Rows from `tabular.json`, whose cells are a CSV's written as JSON: a number in a text column
    /// is that text, as it would be in the CSV file (the schema check is told so).
    var cellsAsText = false

    /// Table → the file names it may have (HSDS uses plurals; the UK examples also singulars).
    static let tables: [String: [String]] = [
        "services": ["services.csv", "service.csv"],
        "organizations": ["organizations.csv", "organization.csv"],
        "organization_identifiers": ["organization_identifiers.csv", "organization_identifier.csv"],
        "locations": ["locations.csv", "location.csv"],
        "service_at_location": ["service_at_location.csv", "service_at_locations.csv"],
        "addresses": ["addresses.csv", "address.csv"],
        "accessibility": ["accessibility.csv", "accessibility_for_disabilities.csv"],
        "phones": ["phones.csv", "phone.csv"],
        "schedules": ["schedules.csv", "schedule.csv"],
        "service_areas": ["service_areas.csv", "service_area.csv"],
        "attributes": ["attributes.csv", "attribute.csv"],
        "taxonomy_terms": ["taxonomy_terms.csv", "taxonomy_term.csv"],
        "taxonomies": ["taxonomies.csv", "taxonomy.csv"],
        "cost_options": ["cost_options.csv", "cost_option.csv"],
        "contacts": ["contacts.csv", "contact.csv"],
        "languages": ["languages.csv", "language.csv"],
        "funding": ["funding.csv"],
        "programs": ["programs.csv", "program.csv"],
        "required_documents": ["required_documents.csv", "required_document.csv"],
        "metadata": ["metadata.csv"],
        "meta_table_descriptions": ["meta_table_descriptions.csv", "meta_table_description.csv"],
    ]

    /// Columns the official descriptors type as numbers: read as numbers, so that a record
    /// from CSV exports as the JSON the schemas ask for.
    static let numberColumns: Set<String> = [
        "year_incorporated", "minimum_age", "maximum_age", "latitude", "longitude", "extension",
        "timezone", "count", "interval", "amount",
    ]

    /// A cell as the descriptor types it: text, or a number for the number columns.
    static func typed(_ column: String, _ cell: String) -> Any {
        guard numberColumns.contains(column), let d = RecordReader.decimal(cell) else { return cell }
        if d == d.rounded(), abs(d) < 1e15, !cell.contains("."), !cell.lowercased().contains("e") { return NSNumber(value: Int(d)) }
        return NSNumber(value: d)
    }

    /// The tabular form written as JSON (`tabular.json`): file name → rows, already typed.
    static func readTabular(_ dict: [String: Any], file: String, into state: inout ReadState) {
        var t: [String: [[String: Any]]] = [:]
        for (table, files) in tables {
            var rows: [[String: Any]] = []
            var ids = Set<String>()
            for name in files {
                guard let list = dict[name] as? [Any] else { continue }
                for (i, item) in list.enumerated() {
                    guard var row = item as? [String: Any] else {
                        state.issue(.error, file: file, "\(name)[\(i)] is \(RecordReader.describe(item)), not a row object")
                        continue
                    }
                    row = row.filter { !($0.value is NSNull) }
                    if let id = row["id"] as? String, !ids.insert(id).inserted {
                        state.sink.add(ImportIssue(.error, file: file, record: "\(name)[\(i)]", path: "id",
                                                   message: "duplicate id \(shortID(id)); give each row its own id"))
                        continue
                    }
                    row["__file"] = file
                    row["__row"] = "\(name)[\(i)]"
                    rows.append(row)
                }
            }
            t[table] = rows
        }
        for name in dict.keys where !tables.values.contains(where: { $0.contains(name) }) {
            state.batch.notes.append("\(file): \(name) skipped; it is not an HSDS table")
        }
        guard !(t["services"] ?? []).isEmpty || !(t["organizations"] ?? []).isEmpty || !(t["locations"] ?? []).isEmpty else {
            state.issue(.error, file: file, "is the tabular form but has no services, organizations or locations; nothing to import")
            return
        }
        CSVPackageReader(folder: file, names: [], cellsAsText: true).assemble(t, into: &state)
    }

    func read(into state: inout ReadState) {
        if names.contains("datapackage.json") {
            let path = (folder as NSString).appendingPathComponent("datapackage.json")
            if let data = FileManager.default.contents(atPath: path),
               (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] == nil {
                state.issue(.error, file: "datapackage.json", "is not valid JSON; fix it or remove it (the CSV files can be read without it)")
                return
            }
        }
        let present = Set(names)
        let linkFiles = Set(Self.tables.values.flatMap { $0.map(CSVTables.linksFile) })
        for name in names where name.lowercased().hasSuffix(".csv") && !Self.tables.values.contains(where: { $0.contains(name) })
            && !linkFiles.contains(name) {
            state.batch.notes.append("\(name): skipped; it is not an HSDS table")
        }
        _ = present
        guard names.contains(where: { Self.tables["services"]!.contains($0) }) else {
            state.issue(.error, file: folder, "has a datapackage.json but no services.csv; nothing to import")
            return
        }
        var t: [String: [[String: Any]]] = [:]
        for (table, files) in Self.tables {
            var rows: [[String: Any]] = []
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
                // Links written beside the file, for the columns its profile lacks (`HSDSWriter.csvPackage`).
                var links: [String: [String: String]] = [:]
                let linksFile = CSVTables.linksFile(file)
                if names.contains(linksFile), let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(linksFile)) {
                    for (_, row) in CSV.records(String(decoding: data, as: UTF8.self)).rows {
                        if let id = row["id"] { links[id] = row.filter { $0.key.hasSuffix("_id") && !$0.value.isEmpty } }
                    }
                }
                for (number, var row) in parsed.rows {
                    if let id = row["id"], let extra = links[id] { row.merge(extra) { own, _ in own } }
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
                    var r: [String: Any] = [:]
                    for (k, v) in row { r[k] = Self.typed(k, v) }
                    r["__file"] = file
                    r["__row"] = String(number)
                    rows.append(r)
                }
            }
            t[table] = rows
        }
        assemble(t, into: &state)
    }


    /// Joins the tables back into the nested objects of the JSON form. A row goes under every
    /// record it names (a phone with a service_id and a location_id is on both), so nothing
    /// is left behind; Waymark's model reads what it needs and the whole record is kept as the source.
    func assemble(_ t: [String: [[String: Any]]], into state: inout ReadState) {
        typealias Row = [String: Any]
        func rows(_ table: String) -> [Row] { t[table] ?? [] }
        func text(_ row: Row, _ k: String) -> String? { (row[k] as? String) ?? (row[k] as? NSNumber)?.stringValue }
        func plain(_ row: Row) -> Row { row.filter { !$0.key.hasPrefix("__") } }
        func group(_ list: [Row], by column: String) -> [String: [Row]] {
            var out: [String: [Row]] = [:]
            for r in list { if let k = text(r, column) { out[k, default: []].append(r) } }
            return out
        }
        func attach(_ o: inout Row, _ key: String, _ children: [Row]?) {
            if let children, !children.isEmpty { o[key] = children }
        }

        // Which ids are records of this folder, so that an attribute's link can be checked.
        var known = Set<String>()
        for table in ["services", "organizations", "locations", "service_at_location", "phones", "contacts", "schedules",
                      "addresses", "accessibility", "service_areas", "cost_options", "funding", "programs", "languages",
                      "required_documents", "organization_identifiers"] {
            for r in rows(table) { if let id = text(r, "id") { known.insert(id) } }
        }
        let serviceIDs = Set(rows("services").compactMap { text($0, "id") })
        let taxonomies = Dictionary(rows("taxonomies").compactMap { r in text(r, "id").map { ($0, plain(r)) } }, uniquingKeysWith: { a, _ in a })
        var terms: [String: Row] = [:]
        for r in rows("taxonomy_terms") {
            guard let id = text(r, "id") else { continue }
            var term = plain(r)
            if let tid = text(r, "taxonomy_id"), let tax = taxonomies[tid] { term["taxonomy_detail"] = tax }
            terms[id] = term
        }
        var attributes: [String: [Row]] = [:]
        for row in rows("attributes") {
            guard let link = text(row, "link_id") else { continue }
            let file = text(row, "__file") ?? "attributes.csv", record = "attribute \(shortID(text(row, "id") ?? "?"))"
            guard known.contains(link) else {
                if !serviceIDs.contains(link), text(row, "link_entity") == nil || text(row, "link_entity") == "service" {
                    state.sink.add(ImportIssue(.warning, file: file, record: record,
                                               message: "links to \(shortID(link)), which is not a record in this folder; kept for export only"))
                }
                state.keep(.attribute, plain(row))
                continue
            }
            var a = plain(row)
            if let tid = text(row, "taxonomy_term_id") {
                if let term = terms[tid] { a["taxonomy_term"] = term } else {
                    state.sink.add(ImportIssue(.warning, file: file, record: record,
                                               message: "names taxonomy term \(shortID(tid)), which taxonomy_terms.csv does not have; left out"))
                    continue
                }
            }
            attributes[link, default: []].append(a)
        }
        let metadata = group(rows("metadata").map(plain), by: "resource_id")
        for r in rows("metadata") where !known.contains(text(r, "resource_id") ?? "") { state.keep(.metadata, plain(r)) }
        /// A row as a record: its own fields, its attributes and metadata.
        func record(_ row: Row) -> Row {
            var o = plain(row)
            if let id = text(row, "id") { attach(&o, "attributes", attributes[id]); attach(&o, "metadata", metadata[id]) }
            return o
        }
        let languages = rows("languages").map(record)
        let phoneRows = rows("phones").map { row -> Row in
            var p = record(row)
            if let id = text(row, "id") { attach(&p, "languages", group(languages, by: "phone_id")[id]) }
            return p
        }
        let phones = (contact: group(phoneRows, by: "contact_id"), location: group(phoneRows, by: "location_id"),
                      service: group(phoneRows, by: "service_id"), organization: group(phoneRows, by: "organization_id"),
                      sal: group(phoneRows, by: "service_at_location_id"))
        let contactRows = rows("contacts").map { row -> Row in
            var c = record(row)
            if let id = text(row, "id") { attach(&c, "phones", phones.contact[id]) }
            return c
        }
        let contacts = (organization: group(contactRows, by: "organization_id"), service: group(contactRows, by: "service_id"),
                        sal: group(contactRows, by: "service_at_location_id"), location: group(contactRows, by: "location_id"))
        let scheduleRows = rows("schedules").map(record)
        let schedules = (service: group(scheduleRows, by: "service_id"), location: group(scheduleRows, by: "location_id"),
                         sal: group(scheduleRows, by: "service_at_location_id"))
        let addresses = group(rows("addresses").map(record), by: "location_id")
        let access = group(rows("accessibility").map(record), by: "location_id")
        let languagesByLocation = group(languages, by: "location_id"), languagesByService = group(languages, by: "service_id")
        var locations: [String: Row] = [:]
        var locationOrder: [String] = []
        var locationFiles: [String: String] = [:]
        for row in rows("locations") {
            guard let id = text(row, "id") else { continue }
            var l = record(row)
            attach(&l, "addresses", addresses[id])
            attach(&l, "accessibility", access[id])
            attach(&l, "phones", phones.location[id])
            attach(&l, "contacts", contacts.location[id])
            attach(&l, "schedules", schedules.location[id])
            attach(&l, "languages", languagesByLocation[id])
            locations[id] = l
            locationFiles[id] = text(row, "__file")
            locationOrder.append(id)
        }
        var placedLocations = Set<String>()
        var sals: [String: [Row]] = [:]
        for row in rows("service_at_location") {
            guard let sid = text(row, "service_id") else { continue }
            var sal = record(row)
            if let id = text(row, "id") {
                attach(&sal, "contacts", contacts.sal[id])
                attach(&sal, "phones", phones.sal[id])
                attach(&sal, "schedules", schedules.sal[id])
            }
            guard let lid = text(row, "location_id"), let loc = locations[lid] else { continue }
            sal["location"] = loc
            if sal["id"] == nil { sal["id"] = "\(sid)-at-\(lid)" }
            placedLocations.insert(lid)
            sals[sid, default: []].append(sal)
        }
        let programRows = rows("programs").map(record)
        let programs = Dictionary(programRows.compactMap { p in text(p, "id").map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let fundingRows = rows("funding").map(record)
        let funding = (organization: group(fundingRows, by: "organization_id"), service: group(fundingRows, by: "service_id"))
        let identifiers = group(rows("organization_identifiers").map(record), by: "organization_id")
        let locationsByOrganisation = group(locationOrder.compactMap { locations[$0] }, by: "organization_id")

        for row in rows("organizations") {
            var o = record(row)
            if let id = text(row, "id") {
                attach(&o, "organization_identifiers", identifiers[id])
                attach(&o, "funding", funding.organization[id])
                attach(&o, "contacts", contacts.organization[id])
                attach(&o, "phones", phones.organization[id])
                attach(&o, "locations", locationsByOrganisation[id])
                attach(&o, "programs", group(programRows, by: "organization_id")[id])
            }
            let file = text(row, "__file") ?? "organizations.csv"
            guard state.passesSchema(.organization, o, file: file, record: ReadState.label("organisation", o), cellsAsText: cellsAsText) else { continue }
            let r = state.reader(o, file: file, kind: "organisation", lenient: true)
            if let org = state.decoding.organisation(r) {
                state.add(org)
                state.keep(.organisation, o)
            }
        }
        state.beginFile()
        let areas = group(rows("service_areas").map(record), by: "service_id"), costs = group(rows("cost_options").map(record), by: "service_id")
        let documents = group(rows("required_documents").map(record), by: "service_id")
        for row in rows("services") {
            var s = record(row)
            if let id = text(row, "id") {
                attach(&s, "service_at_locations", sals[id])
                attach(&s, "phones", phones.service[id])
                attach(&s, "schedules", schedules.service[id])
                attach(&s, "service_areas", areas[id])
                attach(&s, "cost_options", costs[id])
                attach(&s, "contacts", contacts.service[id])
                attach(&s, "languages", languagesByService[id])
                attach(&s, "funding", funding.service[id])
                attach(&s, "required_documents", documents[id])
                if let pid = text(row, "program_id"), let p = programs[pid] { s["program"] = p }
            }
            let file = text(row, "__file") ?? "services.csv"
            // The joined record is what the JSON form of the same data would be: held to the same schema.
            guard state.passesSchema(.service, s, file: file, record: ReadState.label("service", s), cellsAsText: cellsAsText) else { continue }
            let r = state.reader(s, file: file, kind: "service", lenient: true)
            if let (service, _) = state.decoding.service(r, organisationID: nil) {
                state.add(service, org: nil, file: file, at: "row \(text(row, "__row") ?? "?")")
                state.keepService(s)
            }
        }
        // What no service reaches is still kept: a bare location, the vocabularies, the table descriptions.
        for id in locationOrder where !placedLocations.contains(id) {
            let location = locations[id]!
            let file = locationFiles[id] ?? "locations.csv"
            if state.passesSchema(.location, location, file: file, record: ReadState.label("location", location), cellsAsText: cellsAsText) {
                state.keep(.location, location)
            }
        }
        for r in rows("taxonomies") {
            var tax = plain(r)
            if let id = text(r, "id") {
                attach(&tax, "taxonomy_terms", rows("taxonomy_terms").filter { text($0, "taxonomy_id") == id }.map(plain))
            }
            state.keep(.taxonomy, tax)
        }
        for r in rows("taxonomy_terms") { if let id = text(r, "id"), let term = terms[id] { state.keep(.taxonomyTerm, term) } }
        for r in rows("meta_table_descriptions") { state.keep(.metaTableDescription, plain(r)) }
        for r in rows("programs") where text(r, "organization_id") == nil { state.keep(.program, record(r)) }
    }
}
