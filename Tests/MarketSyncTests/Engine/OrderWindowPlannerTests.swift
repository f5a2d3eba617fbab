import Foundation
import Testing
@testable import MarketSync

@Suite struct OrderWindowPlannerTests {
    let policy = OrderWindowPolicy(maxLength: .seconds(1800), lag: .seconds(180), overlap: .seconds(120), initialLookback: .seconds(7200))
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func firstPullCoversTheLookbackInWindowsOfAtMostThirtyMinutesEndingThreeMinutesBehindNow() {
        let windows = OrderWindowPlanner(policy: policy).windows(cursor: nil, now: now)
        #expect(windows.first?.start == now.addingTimeInterval(-7200))
        #expect(windows.last?.end == now.addingTimeInterval(-180))
        for window in windows { #expect(window.end.timeIntervalSince(window.start) <= 1800) }
        // Consecutive windows overlap by two minutes, so an order updated at a boundary is read twice, never missed.
        for (a, b) in zip(windows, windows.dropFirst()) { #expect(b.start == a.end.addingTimeInterval(-120)) }
    }

    @Test func fromACursorTheFirstWindowStartsOverlapBeforeIt() {
        let cursor = now.addingTimeInterval(-600)
        let windows = OrderWindowPlanner(policy: policy).windows(cursor: cursor, now: now)
        #expect(windows == [OrderWindow(start: cursor.addingTimeInterval(-120), end: now.addingTimeInterval(-180))])
    }

    @Test func nothingToReadWhenTheCursorIsWithinTheLag() {
        let windows = OrderWindowPlanner(policy: policy).windows(cursor: now.addingTimeInterval(-60), now: now)
        #expect(windows.isEmpty)
    }
}
