import Foundation

/// One response body of an API feed, named by where it came from ("page 2 of https://…/services?page=2").
public struct FeedDocument: Sendable {
    public var name: String
    public var data: Data
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

extension HSDSReader {
    /// Reads the responses of a feed as one import, by the same rules as files: each document is
    /// named in every issue, and a service listed on two pages is merged as it is across files.
    public func read(documents: [FeedDocument]) -> ImportBatch {
        var state = newState(shelf: MemoryShelf())
        for d in documents { readJSON(d.data, file: d.name, explicit: true, into: &state) }
        return state.finish(taxonomy: taxonomy)
    }

    /// Checks one record of a `/taxonomies` or `/taxonomy_terms` page by the rules the reader applies
    /// to taxonomy records in files; `kind` is "taxonomy" or "taxonomy term".
    public func checkVocabularyRecord(_ record: [String: Any], file: String, kind: String) -> [ImportIssue] {
        var state = newState(shelf: MemoryShelf())
        _ = state.passesSchema(kind == "taxonomy" ? .taxonomy : .taxonomyTerm, record, file: file, record: ReadState.label(kind, record))
        return state.sink.issues
    }
}
