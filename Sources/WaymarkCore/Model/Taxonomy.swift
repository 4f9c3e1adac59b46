import Foundation

/// Waymark's controlled vocabularies. The raw value is the HSDS `taxonomy` name
/// that terms carry in interchange files.
public enum Vocabulary: String, CaseIterable, Codable, Sendable {
    case condition = "waymark:condition"
    case function = "waymark:function"
    case area = "waymark:area"
    case transport = "waymark:transport"
    case audience = "waymark:audience"
    case referral = "waymark:referral"
    case cost = "waymark:cost"
    /// Circumstances a service requires of the person it helps ("for people leaving prison").
    case eligibility = "waymark:eligibility"

    /// The key used for this vocabulary in the flat JSON service object and on the command line.
    public var jsonKey: String {
        switch self {
        case .condition: return "conditions"
        case .function: return "functions"
        case .area: return "areas"
        case .transport: return "transport"
        case .audience: return "audience"
        case .referral: return "referral"
        case .cost: return "cost"
        case .eligibility: return "eligibility"
        }
    }
}

public struct TaxonomyTerm: Codable, Equatable, Sendable {
    public var code: String
    public var label: String
    public var description: String
    public var parent: String?
    /// For a required circumstance, the question a navigator asks to check it.
    public var question: String?
}

/// The vocabularies of `Fixtures/taxonomy.json`: every code with its label,
/// one-line description and optional parent.
public struct Taxonomy: Sendable {
    public struct Entry: Codable, Sendable {
        public var id: String
        public var label: String
        public var description: String
        public var terms: [TaxonomyTerm]
    }

    public let vocabularies: [Vocabulary: Entry]
    private let byCode: [String: (Vocabulary, TaxonomyTerm)]

    public init(data: Data) throws {
        struct File: Decodable { var taxonomies: [Entry] }
        let file = try JSONDecoder().decode(File.self, from: data)
        var vocabularies: [Vocabulary: Entry] = [:]
        var byCode: [String: (Vocabulary, TaxonomyTerm)] = [:]
        for entry in file.taxonomies {
            guard let vocabulary = Vocabulary(rawValue: entry.id) else { continue }
            vocabularies[vocabulary] = entry
            for term in entry.terms { byCode[term.code] = (vocabulary, term) }
        }
        self.vocabularies = vocabularies
        self.byCode = byCode
    }

    public func terms(_ vocabulary: Vocabulary) -> [TaxonomyTerm] { vocabularies[vocabulary]?.terms ?? [] }

    public func term(_ code: String, in vocabulary: Vocabulary) -> TaxonomyTerm? {
        guard let hit = byCode[code], hit.0 == vocabulary else { return nil }
        return hit.1
    }

    /// Codes are unique across vocabularies, so a bare code names its vocabulary.
    public func vocabulary(of code: String) -> Vocabulary? { byCode[code]?.0 }

    public func contains(_ code: String, in vocabulary: Vocabulary) -> Bool { term(code, in: vocabulary) != nil }

    public func label(_ code: String) -> String { byCode[code]?.1.label ?? code }

    /// Terms attached to a service that Waymark's vocabularies do not have.
    public func unknownTerms(of service: Service) -> [TermRef] {
        service.terms.filter { ref in
            guard let vocabulary = Vocabulary(rawValue: ref.taxonomy) else { return true }
            return !contains(ref.code, in: vocabulary)
        }
    }
}

public extension Service {
    /// "Which areas does it serve?": the area labels, or the source's own wording when it gives no codes.
    func areasServed(_ taxonomy: Taxonomy) -> [String] {
        let codes = codes(.area)
        if !codes.isEmpty { return codes.map { taxonomy.label($0) } }
        return serviceAreas.compactMap { $0.name ?? $0.description }
    }

    /// "Who can use it?": the eligibility text, ages and audiences, in plain words.
    func whoCanUse(_ taxonomy: Taxonomy) -> [String] {
        var lines: [String] = []
        if let text = eligibility.description, !text.isEmpty { lines.append(text) }
        if let ages = eligibility.ageSummary { lines.append(ages) }
        let audience = codes(.audience).map { taxonomy.label($0) }
        if !audience.isEmpty { lines.append("For: " + audience.joined(separator: ", ")) }
        if let rule = CircumstanceRule.summary(self, taxonomy: taxonomy) { lines.append("Only " + rule) }
        if lines.isEmpty { lines.append("Anyone") }
        return lines
    }
}
