/// Which official tabular package an export follows. The users are in the UK, so `uk` is the default.
public enum TabularProfile: String, CaseIterable, Sendable {
    /// HSDS-UK 3.0: the UK file names (address.csv, schedule.csv, attribute.csv) and columns.
    case uk
    /// HSDS 3.0, the international standard.
    case hsds

    /// The official descriptor, copied unchanged into Fixtures/oruk/.
    public var descriptorFile: String {
        switch self {
        case .uk: "oruk/hsds-uk-3.0-datapackage.json"
        case .hsds: "oruk/hsds-3.0-datapackage.json"
        }
    }
}
