internal import Foundation
internal import MarketSync

/// `ChannelEventStore`: an event is new once per channel and id, also when two handles record it at once, and old
/// records are dropped so a redelivery long after counts as new.
enum ChannelEventChecks {
    typealias D = ConformanceData

    static func event(_ id: String, channel: ChannelID = D.channel) -> ChannelEvent {
        ChannelEvent(channel: channel, id: id, type: "PO_CREATED", orderID: "order-\(id)")
    }

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .channelEvents, name: "recorded once per channel and id, old ones dropped") { underTest in
            let store = try role(underTest.store, (any ChannelEventStore).self)
            var p = ConformanceProblems()
            let day = Duration.seconds(86_400)
            p.expect(try await store.recordEvent(event("e1"), at: D.at(0), keepFor: day), "a new event")
            p.expect(!(try await store.recordEvent(event("e1"), at: D.at(10), keepFor: day)), "the same event delivered again")
            p.expect(try await store.recordEvent(event("e1", channel: D.other), at: D.at(10), keepFor: day), "the same id on another channel")
            p.expect(try await store.recordEvent(event("e2"), at: D.at(20), keepFor: day), "another event")
            p.expect(!(try await store.recordEvent(event("e2"), at: D.at(86_000), keepFor: day)), "a redelivery within the day")
            p.expect(try await store.recordEvent(event("e1"), at: D.at(90_000), keepFor: day), "a redelivery after its record was dropped")
            return p.list
        },
        StoreConformanceCheck(role: .channelEvents, name: "one new when many record at once") { underTest in
            let first = try role(underTest.store, (any ChannelEventStore).self)
            let second = try underTest.secondHandle.map { try role($0, (any ChannelEventStore).self) } ?? first
            var p = ConformanceProblems()
            let fresh = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await store.recordEvent(event("race"), at: D.at(0), keepFor: .seconds(3_600)) }
                }
                var fresh = 0
                for try await isNew in group where isNew { fresh += 1 }
                return fresh
            }
            p.expectEqual(fresh, 1, "events recorded as new out of 12 racing deliveries")
            return p.list
        },
    ]
}
