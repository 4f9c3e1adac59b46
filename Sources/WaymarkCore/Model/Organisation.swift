/// An organisation that provides services (HSDS `organization`).
public struct Organisation: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    public var website: String?
    public var email: String?
    public var identifiers: [OrganisationIdentifier]

    public init(id: String, name: String, description: String? = nil, website: String? = nil,
                email: String? = nil, identifiers: [OrganisationIdentifier] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.website = website
        self.email = email
        self.identifiers = identifiers
    }

    /// The registered charity number, when the organisation gives one.
    public var charityNumber: String? {
        identifiers.first { $0.scheme == "GB-CHC" || $0.type.lowercased().contains("charity") }?.identifier
    }

    /// The Companies House number, when the organisation gives one.
    public var companyNumber: String? {
        identifiers.first { $0.scheme == "GB-COH" || $0.type.lowercased().contains("company") }?.identifier
    }
}

public struct OrganisationIdentifier: Codable, Equatable, Sendable {
    public var id: String
    public var scheme: String
    public var type: String
    public var identifier: String

    public init(id: String, scheme: String, type: String, identifier: String) {
        self.id = id
        self.scheme = scheme
        self.type = type
        self.identifier = identifier
    }
}
