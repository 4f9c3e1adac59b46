import Foundation
import XCTest
@testable import WaymarkCore
import WaymarkTestSupport

/// The repository's folders and bundled data: one home for every test target (`WaymarkTestSupport`).
typealias Repo = WaymarkTestSupport.Repo

/// A small service for rule tests.
func sampleService(id: String = "svc-1", minAge: Int? = nil, maxAge: Int? = nil, schedules: [Schedule] = []) -> Service {
    Service(id: id, organisationID: "org-1", name: "Test service", description: "A test service.",
            eligibility: Eligibility(minimumAge: minAge, maximumAge: maxAge), schedules: schedules)
}

func at(_ date: String, _ time: String) -> LocalDateTime {
    LocalDateTime(date: LocalDate(iso: date)!, minute: TimeOfDay(iso: time)!.minutes)
}
