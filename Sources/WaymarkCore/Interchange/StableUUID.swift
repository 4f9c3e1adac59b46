import Foundation

/// Name-based UUIDs (RFC 4122 version 5, SHA-1) for records whose identity is a name, not a
/// stored id: the vocabularies ("waymark:function") and their terms. HSDS says a taxonomy's
/// and a term's `id` is a uuid, and a feed's readers (the ORUK validator among them) check it,
/// so a name is never published as an id; the same name always gives the same uuid.
///
/// The scheme is the one the bundled eligibility terms were made with
/// (`scripts/apply-eligibility.py`), so Python's `uuid.uuid5` gives the same values:
/// - a taxonomy: `uuid5(NAMESPACE_URL, "https://waymark.example/vocabulary/" + name)`;
/// - a term: `uuid5(taxonomy id, "term:" + code)`.
public enum StableUUID {
    /// RFC 4122 appendix C: the namespace for names that are URLs.
    public static let urlNamespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

    /// The id of the taxonomy called `name`.
    public static func taxonomy(_ name: String) -> String {
        v5(namespace: urlNamespace, name: "https://waymark.example/vocabulary/" + name).uuidString.lowercased()
    }

    /// The id of the term `code` in the taxonomy called `taxonomy`.
    public static func term(_ code: String, taxonomy: String) -> String {
        let namespace = UUID(uuidString: self.taxonomy(taxonomy))!
        return v5(namespace: namespace, name: "term:" + code).uuidString.lowercased()
    }

    /// True for the 8-4-4-4-12 hexadecimal form a schema's `"format": "uuid"` accepts.
    public static func isUUID(_ text: String) -> Bool {
        text.utf8.count == 36 && UUID(uuidString: text) != nil
    }

    public static func v5(namespace: UUID, name: String) -> UUID {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(SHA1.digest(bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50   // version 5
        hash[8] = (hash[8] & 0x3F) | 0x80   // RFC 4122 variant
        return UUID(uuid: (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                           hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]))
    }
}

/// SHA-1 (FIPS 180-4), only for name-based uuids: Core has no crypto library, and v5 is defined on SHA-1.
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var m = message
        let bitLength = UInt64(message.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for i in 0..<16 {
                let b = chunk + i * 4
                w[i] = UInt32(m[b]) << 24 | UInt32(m[b + 1]) << 16 | UInt32(m[b + 2]) << 8 | UInt32(m[b + 3])
            }
            for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let t = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotl(b, 30), a, t)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - UInt32($0) * 8)) } }
    }

    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}
