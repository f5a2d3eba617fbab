import Foundation
import Testing
import MarketSync

@Suite struct ChannelTimeZoneTests {
    func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    func zone(_ name: String) throws -> ChannelTimeZone { try #require(ChannelTimeZone(identifier: name)) }

    @Test func anOrderAt2330UTCOnThe27thIsOnThe28thInShanghai() throws {
        let placed = try instant("2026-11-27T23:30:00Z")
        #expect(ChannelTimeZone.utc.day(containing: placed) == CalendarDay("2026-11-27"))
        #expect(try zone("Asia/Shanghai").day(containing: placed) == CalendarDay("2026-11-28"))
        #expect(try zone("America/New_York").day(containing: placed) == CalendarDay("2026-11-27"))
        let shanghai28 = try zone("Asia/Shanghai").instants(of: try #require(CalendarDay("2026-11-28")))
        #expect(shanghai28.contains(placed))
        #expect(!ChannelTimeZone.utc.instants(of: try #require(CalendarDay("2026-11-28"))).contains(placed))
    }

    @Test(arguments: [
        ("UTC", "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z"),
        ("Asia/Shanghai", "2026-11-26T16:00:00Z", "2026-11-27T16:00:00Z"),
        ("Europe/Moscow", "2026-11-26T21:00:00Z", "2026-11-27T21:00:00Z"),
        ("America/New_York", "2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z"),
    ])
    func aDayIsCutAtMidnightInEachZone(_ name: String, _ start: String, _ end: String) throws {
        let day = try #require(CalendarDay("2026-11-27"))
        let range = try zone(name).instants(of: day)
        #expect(range.lowerBound == (try instant(start)))
        #expect(range.upperBound == (try instant(end)))
        // The last second before midnight is in, midnight itself is the next day's.
        #expect(range.contains(range.upperBound.addingTimeInterval(-1)))
        #expect(!range.contains(range.upperBound))
        #expect(try zone(name).day(containing: range.upperBound) == CalendarDay("2026-11-28"))
    }

    @Test func daysWhereTheClocksChangeAre23Or25HoursLong() throws {
        let newYork = try zone("America/New_York")
        let spring = newYork.instants(of: try #require(CalendarDay("2026-03-08")))
        let autumn = newYork.instants(of: try #require(CalendarDay("2026-11-01")))
        #expect(spring.upperBound.timeIntervalSince(spring.lowerBound) == 23 * 3600)
        #expect(autumn.upperBound.timeIntervalSince(autumn.lowerBound) == 25 * 3600)
    }

    @Test func aRangeOfDaysAndItsEdges() throws {
        let shanghai = try zone("Asia/Shanghai")
        let range = shanghai.instants(from: try #require(CalendarDay("2026-11-27")), through: try #require(CalendarDay("2026-11-29")))
        #expect(range.lowerBound == (try instant("2026-11-26T16:00:00Z")))
        #expect(range.upperBound == (try instant("2026-11-29T16:00:00Z")))
        #expect(shanghai.instants(from: try #require(CalendarDay("2026-11-29")), through: try #require(CalendarDay("2026-11-27"))).isEmpty)
    }

    @Test func namesAndDaysAreCheckedStrictly() {
        #expect(ChannelTimeZone(identifier: "Asia/Shanghai")?.identifier == "Asia/Shanghai")
        #expect(ChannelTimeZone(identifier: "UTC") != nil)
        #expect(ChannelTimeZone(identifier: "Asia/Shangai") == nil)
        #expect(ChannelTimeZone(identifier: "CST") == nil)
        #expect(ChannelTimeZone(identifier: "PRC") == nil)
        #expect(ChannelTimeZone(identifier: "") == nil)
        #expect(CalendarDay("2026-02-29") == nil)
        #expect(CalendarDay("2028-02-29")?.description == "2028-02-29")
        #expect(CalendarDay("2026-1-27") == nil)
        #expect(CalendarDay("27.11.2026") == nil)
    }
}
