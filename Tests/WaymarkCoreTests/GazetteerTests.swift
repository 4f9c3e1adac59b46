import XCTest
@testable import WaymarkCore

final class GazetteerTests: XCTestCase {
    let g = Repo.gazetteer

    func testNamesAnyCase() {
        XCTAssertEqual(g.resolve("chew magna")?.place.name, "Chew Magna")
        XCTAssertEqual(g.resolve("Midsomer Norton")?.area, "somer-valley")
        XCTAssertEqual(g.resolve("  KEYNSHAM ")?.area, "keynsham")
    }

    func testOneWrongLetterStillFinds() {
        XCTAssertEqual(g.resolve("Midsomer Nortn")?.place.name, "Midsomer Norton")
        XCTAssertEqual(g.resolve("Radstok")?.place.name, "Radstock")
        XCTAssertEqual(g.resolve("Peasdown St John")?.place.name, "Peasedown St John")
        XCTAssertEqual(g.resolve("Peasedown Saint John")?.place.name, "Peasedown St John")
    }

    func testPostcodeDistrictAndFullPostcode() {
        XCTAssertEqual(g.resolve("BS31")?.area, "keynsham")
        XCTAssertEqual(g.resolve("bs40 8xy")?.area, "chew-valley")
        XCTAssertEqual(g.resolve("BA3 2QT")?.area, "somer-valley")
        XCTAssertEqual(g.lookup("BS31 1AB").first?.how, .postcodeSector)
    }

    func testNothingForNonsense() {
        XCTAssertTrue(g.lookup("zzzzqqq").isEmpty)
        XCTAssertTrue(g.lookup("").isEmpty)
        XCTAssertTrue(g.lookup("SW1A 1AA").isEmpty, "a postcode outside B&NES finds nothing")
    }

    func testEveryPlaceIsInAKnownAreaAndInsideBaNES() {
        XCTAssertGreaterThanOrEqual(g.places.count, 80)
        let forum = Set(["bath-city", "bathavon", "keynsham", "somer-valley", "chew-valley"])
        for p in g.places {
            XCTAssertTrue(forum.contains(p.area), "\(p.name): unknown area \(p.area)")
            XCTAssertTrue((51.26...51.45).contains(p.lat) && (-2.72 ... -2.27).contains(p.lon), "\(p.name) lies outside B&NES")
        }
    }
}

extension GazetteerTests {
    func testPostcodeSectorWithASpaceIsNotADistrict() {
        XCTAssertEqual(Postcode("BA3 3")?.sector, "BA3 3")
        XCTAssertEqual(Postcode("BA3 3")?.district, "BA3")
        XCTAssertEqual(g.resolve("BA3 3")?.area, "somer-valley")
    }
}
