import Foundation
import XCTest
@testable import WaymarkCore

/// The repository's folders, found from this file, so tests run from any directory.
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let fixtures = Fixtures(root: root + "/Fixtures")
    static let interop = (root as NSString).deletingLastPathComponent + "/shared/interop"
    static let taxonomy = try! fixtures.loadTaxonomy()
    static let gazetteer = try! fixtures.loadGazetteer()

    static func bundledBatch() -> ImportBatch {
        HSDSReader(taxonomy: taxonomy).read(paths: fixtures.sampleFiles().paths)
    }

    static func tempDir(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "waymark-tests-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(6))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A small service for rule tests.
func sampleService(id: String = "svc-1", minAge: Int? = nil, maxAge: Int? = nil, schedules: [Schedule] = []) -> Service {
    Service(id: id, organisationID: "org-1", name: "Test service", description: "A test service.",
            eligibility: Eligibility(minimumAge: minAge, maximumAge: maxAge), schedules: schedules)
}

func at(_ date: String, _ time: String) -> LocalDateTime {
    LocalDateTime(date: LocalDate(iso: date)!, minute: TimeOfDay(iso: time)!.minutes)
}
