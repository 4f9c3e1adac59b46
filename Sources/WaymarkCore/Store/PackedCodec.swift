import Foundation

/// A compact binary form of the model for the store: about four times smaller and ten
/// times faster to read than JSON, and it shares the storage of strings that repeat
/// across services (taxonomy names, codes, labels), which is what lets 100,000 services fit.
///
/// Layout: a version byte, then fields in a fixed order; integers as LEB128 varints
/// (zig-zag for signed), strings as a length then UTF-8 bytes, optionals with a 0/1 tag.
enum PackedCodec {
    /// 2 added the address's state/province and type; 3 (h/tui) a schedule's notes. Older
    /// records are still read.
    static let version: UInt8 = 3
    static let readable: ClosedRange<UInt8> = 1...3
    /// Strings longer than this (descriptions) are rarely repeated and are not shared.
    static let internLimit = 400

    struct Writer {
        var bytes: [UInt8] = [version]

        mutating func uint(_ v: UInt64) {
            var v = v
            while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            bytes.append(UInt8(v))
        }
        mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
        mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
        mutating func string(_ s: String) {
            let utf8 = s.utf8
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
        mutating func string(_ s: String?) { if let s { bool(true); string(s) } else { bool(false) } }
        mutating func int(_ v: Int?) { if let v { bool(true); int(v) } else { bool(false) } }
        mutating func double(_ v: Double?) {
            if let v { bool(true); uint(v.bitPattern) } else { bool(false) }
        }
        mutating func date(_ d: LocalDate?) { int(d.map { $0.dayNumber }) }
        mutating func time(_ t: TimeOfDay?) { int(t.map { $0.minutes }) }
        mutating func list<T>(_ items: [T], _ body: (inout Writer, T) -> Void) {
            uint(UInt64(items.count))
            for i in items { body(&self, i) }
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        /// Short strings seen before, shared rather than stored again.
        let interned: InternTable

        enum Failure: Error { case truncated, badVersion }

        mutating func byte() throws -> UInt8 {
            guard at < bytes.count else { throw Failure.truncated }
            defer { at += 1 }
            return bytes[at]
        }
        mutating func uint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
                if shift > 63 { throw Failure.truncated }
            }
        }
        mutating func int() throws -> Int {
            let u = try uint()
            return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
        }
        mutating func bool() throws -> Bool { try byte() != 0 }
        mutating func string() throws -> String {
            // A damaged length may not fit an Int, or run past the end: refuse it rather than trap.
            guard let n = Int(exactly: try uint()), n <= bytes.count - at else { throw Failure.truncated }
            let slice = UnsafeBufferPointer(rebasing: bytes[at..<(at + n)])
            at += n
            // Shorter strings are stored inline anyway. Longer ones repeat across services (codes,
            // labels, taxonomy names, and a shared venue's address, transport and access notes): share them.
            guard n > 15, n <= PackedCodec.internLimit else { return String(decoding: slice, as: UTF8.self) }
            return interned.string(slice)
        }
        mutating func optString() throws -> String? { try bool() ? try string() : nil }
        mutating func optInt() throws -> Int? { try bool() ? try int() : nil }
        mutating func optDouble() throws -> Double? { try bool() ? Double(bitPattern: try uint()) : nil }
        mutating func date() throws -> LocalDate? { try optInt().map { LocalDate(dayNumber: $0) } }
        mutating func time() throws -> TimeOfDay? { try optInt().map { TimeOfDay(minutes: $0) } }
        mutating func list<T>(_ body: (inout Reader) throws -> T) throws -> [T] {
            guard let n = Int(exactly: try uint()), n <= bytes.count else { throw Failure.truncated }
            var out: [T] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try body(&self)) }
            return out
        }
    }

    // MARK: Service

    static func encode(_ s: Service) -> [UInt8] {
        var w = Writer()
        w.string(s.id); w.string(s.organisationID); w.string(s.name); w.string(s.description)
        w.string(s.url); w.string(s.email); w.string(s.status.rawValue); w.string(s.alert)
        w.string(s.eligibility.description); w.int(s.eligibility.minimumAge); w.int(s.eligibility.maximumAge)
        w.string(s.fees)
        w.list(s.costOptions) { w, c in w.string(c.id); w.string(c.option); w.double(c.amount); w.string(c.currency); w.string(c.amountDescription) }
        w.string(s.applicationProcess); w.date(s.assuredDate); w.string(s.lastModified)
        w.list(s.locations) { w, sal in
            w.string(sal.id)
            let l = sal.location
            w.string(l.id); w.string(l.type.rawValue); w.string(l.name); w.string(l.description)
            w.bool(l.address != nil)
            if let a = l.address {
                w.string(a.id); w.string(a.address1); w.string(a.city); w.string(a.postcode); w.string(a.country)
                w.string(a.stateProvince); w.string(a.type.rawValue)
            }
            w.double(l.latitude); w.double(l.longitude); w.string(l.transportation)
            w.list(l.accessibility) { w, a in w.string(a.id); w.string(a.description) }
        }
        w.list(s.schedules) { w, x in
            w.string(x.id); w.string(x.freq?.rawValue); w.int(x.interval)
            w.list(x.byday) { w, d in w.int(d.ordinal); w.int(d.weekday) }
            w.list(x.bymonthday) { w, d in w.int(d) }
            w.time(x.opensAt); w.time(x.closesAt); w.date(x.validFrom); w.date(x.validTo); w.date(x.dtstart); w.string(x.description)
            w.string(x.notes)
        }
        w.list(s.phones) { w, p in w.string(p.id); w.string(p.number); w.string(p.type); w.string(p.description) }
        w.list(s.contacts) { w, c in w.string(c.id); w.string(c.name); w.string(c.title); w.string(c.email) }
        w.list(s.serviceAreas) { w, a in w.string(a.id); w.string(a.name); w.string(a.description); w.string(a.extentType); w.string(a.uri) }
        w.list(s.terms) { w, t in w.string(t.attributeID); w.string(t.termID); w.string(t.taxonomy); w.string(t.code); w.string(t.name) }
        return w.bytes
    }

    static func decodeService(_ r: inout Reader) throws -> Service {
        let layout = try r.byte()
        guard readable.contains(layout) else { throw Reader.Failure.badVersion }
        let id = try r.string(), org = try r.string(), name = try r.string(), description = try r.string()
        let url = try r.optString(), email = try r.optString()
        let status = ServiceStatus(rawValue: try r.string()) ?? .active
        let alert = try r.optString()
        let eligibility = Eligibility(description: try r.optString(), minimumAge: try r.optInt(), maximumAge: try r.optInt())
        let fees = try r.optString()
        let costs = try r.list { r in
            CostOption(id: try r.string(), option: try r.optString(), amount: try r.optDouble(), currency: try r.optString(), amountDescription: try r.optString())
        }
        let steps = try r.optString(), assured = try r.date(), modified = try r.optString()
        let locations = try r.list { r -> ServiceAtLocation in
            let salID = try r.string()
            let id = try r.string(), type = LocationType(rawValue: try r.string()) ?? .physical
            let name = try r.optString(), desc = try r.optString()
            var address: Address?
            if try r.bool() {
                var a = Address(id: try r.string(), address1: try r.optString(), city: try r.optString(), postcode: try r.optString(), country: try r.optString())
                if layout >= 2 {
                    a.stateProvince = try r.optString()
                    a.type = AddressType(rawValue: try r.string()) ?? .physical
                }
                address = a
            }
            let lat = try r.optDouble(), lon = try r.optDouble(), transport = try r.optString()
            let access = try r.list { r in Accessibility(id: try r.string(), description: try r.string()) }
            return ServiceAtLocation(id: salID, location: Location(id: id, type: type, name: name, description: desc, address: address,
                                                                   latitude: lat, longitude: lon, transportation: transport, accessibility: access))
        }
        let schedules = try r.list { r -> Schedule in
            let id = try r.string(), freq = try r.optString().flatMap(Schedule.Frequency.init(rawValue:)), interval = try r.optInt()
            let byday = try r.list { r in ByDay(ordinal: try r.optInt(), weekday: try r.int()) }
            let monthDays = try r.list { r in try r.int() }
            var x = Schedule(id: id, freq: freq, interval: interval, byday: byday, bymonthday: monthDays, opensAt: try r.time(),
                             closesAt: try r.time(), validFrom: try r.date(), validTo: try r.date(), dtstart: try r.date(), description: try r.optString())
            if layout >= 3 { x.notes = try r.optString() }
            return x
        }
        let phones = try r.list { r in Phone(id: try r.string(), number: try r.string(), type: try r.optString(), description: try r.optString()) }
        let contacts = try r.list { r in Contact(id: try r.string(), name: try r.optString(), title: try r.optString(), email: try r.optString()) }
        let areas = try r.list { r in
            ServiceArea(id: try r.string(), name: try r.optString(), description: try r.optString(), extentType: try r.optString(), uri: try r.optString())
        }
        let terms = try r.list { r in
            TermRef(attributeID: try r.string(), termID: try r.string(), taxonomy: try r.string(), code: try r.string(), name: try r.optString())
        }
        return Service(id: id, organisationID: org, name: name, description: description, url: url, email: email, status: status,
                       alert: alert, eligibility: eligibility, fees: fees, costOptions: costs, applicationProcess: steps,
                       assuredDate: assured, lastModified: modified, locations: locations, schedules: schedules, phones: phones,
                       contacts: contacts, serviceAreas: areas, terms: terms)
    }
}

/// Strings already made, keyed by their bytes, so a repeated one shares storage.
/// One per decoding worker: no locks.
final class InternTable {
    private var buckets: [Int: [String]] = [:]

    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hash = 5381
        for b in bytes { hash = (hash &* 33) ^ Int(b) }
        if let bucket = buckets[hash] {
            for s in bucket where s.utf8.elementsEqual(bytes) { return s }
        }
        let s = String(decoding: bytes, as: UTF8.self)
        buckets[hash, default: []].append(s)
        return s
    }
}
