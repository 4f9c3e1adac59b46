import Foundation
import WaymarkCore

/// The repository's folders and bundled data, found from this file, so every test target runs
/// from any directory and finds them the same way.
public enum Repo {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    public static let fixtures = Fixtures(root: root + "/Fixtures")
    /// The official Open Referral schemas, examples and mock feeds (`../shared/interop`).
    public static let interop = (root as NSString).deletingLastPathComponent + "/shared/interop"
    public static let taxonomy = try! fixtures.loadTaxonomy()
    public static let gazetteer = try! fixtures.loadGazetteer()
    public static let lexicon = try! fixtures.loadLexicon()

    /// The bundled sample directory, read as `waymark` seeds it.
    public static func bundledBatch() -> ImportBatch {
        HSDSReader(taxonomy: taxonomy).read(paths: fixtures.sampleFiles().paths)
    }

    /// A new private folder for one test's files, named after the test.
    public static func tempDir(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "waymark-tests-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(6))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
