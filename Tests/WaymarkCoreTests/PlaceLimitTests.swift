import XCTest
@testable import WaymarkCore

/// A village scheme limited to named places inside its area (`AreaRule.servesPlace`): a person
/// known to live elsewhere is ruled out with the places in plain words; one whose place is not
/// known is offered it with a caution. The places are `service_areas` entries whose uri starts
/// `waymark:place:`, so they survive an HSDS export and import. Sentences written for these tests.
final class PlaceLimitTests: XCTestCase {
    func villageScheme() -> Service {
        var s = Tiny.service("gn", "Good Neighbours", org: "org-b", codes: [(.function, "social-connection"), (.area, "bathavon")])
        s.serviceAreas = [ServiceArea(id: "gn-area", name: "Bathavon", uri: "waymark:area:bathavon")]
            + ["Bathford", "St Catherine"].map { ServiceArea(id: "gn-\($0)", name: $0, uri: AreaRule.placePrefix + $0.lowercased()) }
        return s
    }

    func matcher(_ scheme: Service) -> Matcher {
        Tiny.matcher([Tiny.service("open", "Open Group", codes: [(.function, "social-connection"), (.area, "banes-wide")]), scheme])
    }

    func names(_ m: Matcher, _ r: MatchResult) -> [String] { r.suggestions.map { m.index.services[$0.doc].name } }

    func testSomeoneFromAnotherVillageInTheAreaIsANearMiss() {
        let m = matcher(villageScheme())
        let r = m.match(NeedsProfile(text: "I am on my own all week and would like some company", place: "Wellow", age: 79, needs: ["social-connection"]))
        XCTAssertEqual(names(m, r), ["Open Group"], "Wellow is in Bathavon but is not one of the scheme's villages")
        XCTAssertEqual(r.nearMisses.first?.fails, "serves Bathford and St Catherine only")
    }

    func testSomeoneFromOneOfItsVillagesIsOffered() {
        let m = matcher(villageScheme())
        // "Bath Ford" is the gazetteer's other spelling of Bathford.
        let r = m.match(NeedsProfile(text: "lonely since my wife went into a home", place: "Bath Ford", age: 81, needs: ["social-connection"]))
        let scheme = r.suggestions.first { m.index.services[$0.doc].name == "Good Neighbours" }
        XCTAssertNotNil(scheme)
        XCTAssertFalse(scheme?.cautions.contains { $0.contains("ask where they live") } ?? true, "the place is known")
    }

    func testSomeoneWhosePlaceIsNotKnownIsOfferedWithACaution() {
        let m = matcher(villageScheme())
        let r = m.match(NeedsProfile(text: "my neighbour is lonely", age: 70, needs: ["social-connection"]))
        let scheme = r.suggestions.first { m.index.services[$0.doc].name == "Good Neighbours" }
        XCTAssertEqual(scheme?.cautions.contains("serves Bathford and St Catherine only: ask where they live"), true)
    }

    func testAServiceWithOnlyAreasHasNoPlaceRule() {
        var s = villageScheme()
        s.serviceAreas = [ServiceArea(id: "gn-area", name: "Bathavon", uri: "waymark:area:bathavon")]
        let m = matcher(s)
        let r = m.match(NeedsProfile(text: "I would like company", place: "Wellow", age: 79, needs: ["social-connection"]))
        XCTAssertTrue(names(m, r).contains("Good Neighbours"))
    }

    func testTheServedPlacesSurviveExportAndImport() throws {
        let written = HSDSWriter(taxonomy: Repo.taxonomy).service(villageScheme(), organisation: nil)
        let data = try JSONEncoder().encode(JSONValue.array([written]))
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(data: data, name: "export.json")
        XCTAssertEqual(batch.services.first.map(AreaRule.servedPlaces), ["Bathford", "St Catherine"], "\(batch.errors)")
    }

    /// The bundled directory's Bathford & Batheaston Good Neighbours names its four places.
    func testTheBundledVillageSchemeNamesItsPlaces() {
        let s = RoundTripTests.bundledDirectory.services.first { $0.name == "Bathford & Batheaston Good Neighbours" }
        XCTAssertEqual(s.map(AreaRule.servedPlaces), ["Bathford", "Batheaston", "St Catherine", "Shockerwick"])
    }

    /// Fixtures/place-decisions.tsv is what a reviewer checks: one row per bundled service limited
    /// to named places, its places exactly as the data has them, its evidence words of the record;
    /// each place the gazetteer knows lies in one of the service's areas.
    func testPlaceDecisionsAndDataAgree() throws {
        let text = try String(contentsOfFile: Repo.fixtures.path("place-decisions.tsv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "service_id\tname\tplaces\tevidence")
        let rows = lines.dropFirst().map { $0.components(separatedBy: "\t") }
        let limited = RoundTripTests.bundledDirectory.services.filter { !AreaRule.servedPlaces($0).isEmpty }
        XCTAssertEqual(Set(rows.map { $0[0] }), Set(limited.map(\.id)))
        XCTAssertGreaterThanOrEqual(limited.count, 5)
        for s in limited {
            guard let row = rows.first(where: { $0[0] == s.id }), row.count == 4 else { XCTFail("\(s.name): no row"); continue }
            XCTAssertEqual(row[1], s.name)
            XCTAssertEqual(row[2].components(separatedBy: ","), AreaRule.servedPlaces(s), s.name)
            XCTAssertTrue((s.eligibility.description ?? "").contains(row[3]), "\(s.name): evidence not in the record")
            for name in AreaRule.servedPlaces(s) {
                guard let place = Repo.gazetteer.places.first(where: { $0.name == name }) else { continue }
                XCTAssertTrue(s.codes(.area).contains(place.area), "\(s.name): \(name) is outside its areas")
            }
        }
    }
}
