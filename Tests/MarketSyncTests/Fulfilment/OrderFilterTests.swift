import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncStore
import Testing

/// `marketsync orders` filters, against a real SQLite store: by channel, by state, and since a time, a bare
/// date read in the time zone given.
@Suite struct OrderFilterTests {
    /// 2026-11-26T15:30:00Z: 23:30 on the 26th in Shanghai.
    static let lateOn26th = Date(timeIntervalSince1970: 1_795_707_000)
    /// One hour later, 2026-11-26T16:30:00Z: 00:30 on the 27th in Shanghai, still the 26th in UTC.
    static let earlyOn27thInShanghai = lateOn26th.addingTimeInterval(3600)
    /// 2026-11-27T01:00:00Z.
    static let on27thUTC = lateOn26th.addingTimeInterval(9.5 * 3600)

    func order(_ id: String, _ state: OrderState, at date: Date) -> ChannelOrder {
        ChannelOrder(id: id, state: state, rawStatus: "raw-\(state.rawValue)", updatedAt: date,
                     lines: [OrderLine(sku: "YUG-CN-200", quantity: 2)])
    }

    /// Epinduo: a ready order late on the 26th (Shanghai), a ready one just after midnight there, a cancelled one
    /// on the 27th UTC; walmart-cn: one ready order on the 27th UTC.
    func filledStore() async throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let epinduo = [order("E-LATE", .readyToShip, at: Self.lateOn26th), order("E-EARLY", .readyToShip, at: Self.earlyOn27thInShanghai),
                       order("E-GONE", .cancelled, at: Self.on27thUTC)]
        _ = try await store.storeOrders(epinduo, channel: "epinduo", cursor: Self.on27thUTC, at: Self.on27thUTC)
        _ = try await store.storeOrders([order("W-1", .readyToShip, at: Self.on27thUTC)], channel: "walmart-cn",
                                        cursor: Self.on27thUTC, at: Self.on27thUTC)
        return temporary
    }

    func ids(_ filter: OrderFilter, _ store: any OrderQueryStore) async throws -> [String] {
        try await filter.orders(in: store).map(\.order.id)
    }

    @Test func filtersByChannelAndState() async throws {
        let temporary = try await filledStore()
        defer { temporary.remove() }
        let store = temporary.store
        // Every order, oldest first across channels.
        #expect(try await ids(OrderFilter(), store) == ["E-LATE", "E-EARLY", "E-GONE", "W-1"])
        #expect(try await ids(OrderFilter(channel: "walmart-cn"), store) == ["W-1"])
        #expect(try await ids(OrderFilter(channel: "epinduo", states: [.readyToShip]), store) == ["E-LATE", "E-EARLY"])
        #expect(try await ids(OrderFilter(states: [.cancelled, .shipped]), store) == ["E-GONE"])
        #expect(try await ids(OrderFilter(channel: "nowhere"), store) == [])
    }

    @Test func aBareDateIsMidnightInTheTimeZoneGiven() async throws {
        let temporary = try await filledStore()
        defer { temporary.remove() }
        let store = temporary.store
        let shanghai = try SinceTime.zone("Asia/Shanghai")
        let utc = try SinceTime.zone("UTC")

        // In Shanghai the 27th began at 16:00 UTC on the 26th: the order at 16:30 UTC is in, the one at 15:30 is not.
        let sinceShanghai = try SinceTime.parse("2026-11-27", in: shanghai, option: "--since")
        #expect(sinceShanghai == Date(timeIntervalSince1970: 1_795_708_800))
        #expect(try await ids(OrderFilter(channel: "epinduo", since: sinceShanghai), store) == ["E-EARLY", "E-GONE"])

        // In UTC the same date starts eight hours later: both orders of the 26th are out.
        let sinceUTC = try SinceTime.parse("2026-11-27", in: utc, option: "--since")
        #expect(try await ids(OrderFilter(channel: "epinduo", since: sinceUTC), store) == ["E-GONE"])

        // An instant with its own offset ignores the zone; the bound is inclusive.
        let instant = try SinceTime.parse("2026-11-27T00:30:00+08:00", in: utc, option: "--since")
        #expect(instant == Self.earlyOn27thInShanghai)
        #expect(try await ids(OrderFilter(channel: "epinduo", states: [.readyToShip], since: instant), store) == ["E-EARLY"])
    }

    @Test(arguments: [
        ("2026-11-27", "2026-11-26T16:00:00Z"),
        ("2026-11-27T08:30", "2026-11-27T00:30:00Z"),
        ("2026-11-27 08:30:15", "2026-11-27T00:30:15Z"),
        ("2026-11-27T08:30:00Z", "2026-11-27T08:30:00Z"),
        ("2026-11-27T08:30:00.250Z", "2026-11-27T08:30:00.250Z"),
        ("2026-11-27T08:30:00-0500", "2026-11-27T13:30:00Z"),
        ("2026-11-27T08:30:00+03:00", "2026-11-27T05:30:00Z"),
    ])
    func readsDatesAndInstants(text: String, utc: String) throws {
        let shanghai = try SinceTime.zone("Asia/Shanghai")
        let date = try #require(SinceTime.parse(text, in: shanghai))
        #expect(TimeText.iso(date) == utc)
    }

    @Test(arguments: ["2026-02-30", "2026-11-27T25:00", "27.11.2026", "2026-11-27T08:30:00+25:00", "yesterday", "2026-11-27T08", ""])
    func refusesWhatIsNoTime(text: String) {
        #expect(SinceTime.parse(text, in: TimeZone(secondsFromGMT: 0) ?? .current) == nil)
    }

    @Test func stateNamesAreTheCommonOnesAndAnUnknownOneListsThem() throws {
        #expect(OrderStateName.parse("readyToShip") == .readyToShip)
        #expect(OrderStateName.parse("ready_to_ship") == .readyToShip)
        #expect(OrderStateName.parse("AWAITING-PAYMENT") == .awaitingPayment)
        #expect(try OrderStateName.parse(["shipped", "cancelled"]) == [.shipped, .cancelled])
        let error = #expect(throws: MarketSyncError.self) { try OrderStateName.parse(["readyToShip", "packed"]) }
        #expect(error?.code == .config)
        #expect(error?.key == "--state")
        #expect(error?.message.contains("\"packed\"") == true)
        for state in OrderState.allCases { #expect(error?.message.contains(state.rawValue) == true) }
        #expect(throws: MarketSyncError.self) { try SinceTime.zone("Mars/Olympus") }
    }
}
