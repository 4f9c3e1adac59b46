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

    /// What an export declares, as `api_details` does: the HSDS version, the profile and the API's description.
    public var apiVersion: String {
        switch self {
        case .uk: "HSDS-UK-3.0"
        case .hsds: "3.0"
        }
    }

    public var profileURL: String {
        switch self {
        case .uk: "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
        case .hsds: "https://docs.openreferral.org/en/v3.0/"
        }
    }

    public var openapiURL: String {
        switch self {
        case .uk: "https://docs.openreferraluk.org/en/latest/openapi30.json"
        case .hsds: "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
        }
    }
}
