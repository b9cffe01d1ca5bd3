import Foundation
import Testing

@testable import RiskTraining

@Suite("Quarter and Day: calendar arithmetic against Foundation's Gregorian calendar")
struct QuarterTests {
    @Test("Day's civil conversion matches Foundation for days across four centuries")
    func civilMatchesFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var g = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let days = g.index(below: 146_097) - 40_000  // 1860 .. 2260
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = Day(daysSinceEpoch: days)
            #expect(day.civil == (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0))
            #expect(Day(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) == day)
            #expect(Day(day.description) == day)
        }
    }

    @Test("known dates")
    func known() {
        #expect(Day(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(Day(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(Day(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-1-01") == nil)
    }

    @Test("quarters: parsing, order, first and last days, running index")
    func quarters() throws {
        let q = try #require(Quarter("2024Q1"))
        #expect(q.firstDay.description == "2024-01-01")
        #expect(q.lastDay.description == "2024-03-31")
        #expect(try #require(Quarter("2025Q4")).lastDay.description == "2025-12-31")
        #expect(q.advanced(by: 3).description == "2024Q4")
        #expect(q.advanced(by: 4).description == "2025Q1")
        #expect(q.advanced(by: -1).description == "2023Q4")
        #expect(Quarter(ordinal: q.ordinal) == q)
        #expect(Day(year: 2024, month: 5, day: 17).quarter.description == "2024Q2")
        #expect(Quarter("2024Q5") == nil && Quarter("24Q1") == nil)
        for k in 0..<40 {
            let a = q.advanced(by: k)
            #expect(a.advanced(by: 1).firstDay == a.lastDay.advanced(by: 1))
        }
    }
}
