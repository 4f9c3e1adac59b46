/// The ceremonial county a UK postcode district lies in: what a UK address carries as its
/// county line, and so what HSDS `state_province` (required by the UK profile) means here.
/// A local authority such as Bath and North East Somerset is not a county; it belongs in a
/// service area. Only the districts of the bundled directory are listed; elsewhere the source
/// must give `state_province` itself, or the writer falls back to the town.
public enum County {
    static let byDistrict: [String: String] = [
        "BA1": "Somerset", "BA2": "Somerset", "BA3": "Somerset",
        "BS31": "Somerset", "BS39": "Somerset", "BS40": "Somerset",
        "BS14": "Bristol",
    ]

    /// The county for a postcode such as "BA1 1AB", or nil when its district is not known.
    public static func forPostcode(_ postcode: String) -> String? {
        let outward = postcode.uppercased().split(separator: " ").first.map(String.init) ?? ""
        return byDistrict[outward]
    }
}
