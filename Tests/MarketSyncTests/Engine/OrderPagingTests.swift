import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

@Suite struct OrderPagingTests {
    func page(_ next: String?) -> OrderPage { OrderPage(orders: [], next: next.map(OrderContinuation.init)) }

    @Test func followsTheContinuationsUntilThereIsNone() throws {
        var paging = OrderPaging()
        #expect(paging.continuation == nil && !paging.isDone)
        try paging.take(page("page=3"), channel: "c")
        #expect(paging.continuation == OrderContinuation("page=3"))
        // An answer without orders may still go on: backward paging reads a last page emptied meanwhile.
        try paging.take(page("page=2"), channel: "c")
        try paging.take(page(nil), channel: "c")
        #expect(paging.isDone && paging.answers == 3 && paging.continuation == nil)
    }

    @Test func aContinuationGivenTwiceStopsTheWindow() throws {
        var paging = OrderPaging()
        try paging.take(page("a"), channel: "c")
        try paging.take(page("b"), channel: "c")
        let error = try #require(throws: MarketSyncError.self) { try paging.take(page("a"), channel: "c") }
        #expect(error.code == .protocolViolation)
        #expect(error.channel == "c")
    }

    @Test func thePageLimitStopsARunawayListing() throws {
        var paging = OrderPaging(pageLimit: 3)
        try paging.take(page("1"), channel: "c")
        try paging.take(page("2"), channel: "c")
        let error = try #require(throws: MarketSyncError.self) { try paging.take(page("3"), channel: "c") }
        #expect(error.code == .protocolViolation)
        // The last answer of the limit may still end the window.
        var ending = OrderPaging(pageLimit: 3)
        for next in ["1", "2", nil] { try ending.take(page(next), channel: "c") }
        #expect(ending.isDone)
    }

    @Test func anAdapterRepeatingItsContinuationStopsThePullAndMovesNoCursor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paging-\(UUID().uuidString)")
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        let adapter = ScriptedAdapter(), clock = SteppingClock(now: Date(timeIntervalSince1970: 1_795_000_000))
        let order = ChannelOrder(id: "O1", state: .readyToShip, rawStatus: "s", updatedAt: clock.now().addingTimeInterval(-600),
                                 lines: [OrderLine(sku: "A", quantity: 1)])
        adapter.pullAnswer.withLock { $0 = { _ in OrderPage(orders: [order], next: OrderContinuation("again")) } }
        let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 10, rounding: .nearest))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"))
        let result = try await runner.pull()
        #expect(result.stopped?.code == "protocol")
        #expect(adapter.pulls.map(\.1) == [nil, OrderContinuation("again")])
        #expect(try await store.orderCursor(for: "test") == nil)
        #expect(try await store.orders(for: "test").isEmpty)
    }
}
