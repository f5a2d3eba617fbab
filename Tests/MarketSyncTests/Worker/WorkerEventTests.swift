import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncStore
import MarketSyncTesting
import Synchronization
import Testing

/// A channel's event (a webhook, its event stream) naming an order: recorded once, the order read by id on its
/// channel at once, and the stock it reserves sent to every other channel in the same run, without waiting for a
/// schedule, a debounce window or the listing's lag.
@Suite struct WorkerEventTests {
    static let order = ChannelOrder(id: "O-7", state: .readyToShip, rawStatus: "paid", updatedAt: Date(timeIntervalSince1970: 1_795_000_000),
                                    lines: [OrderLine(sku: "S1", quantity: 3, listing: "1:S1")])

    @Test func anEventReadsItsOrderByIDAndSendsTheStockToTheOtherChannelInTheSameRun() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            let a = fixture.factory.adapter("a"), b = fixture.factory.adapter("b")
            let stockCallsOfB = b.stockCalls.count
            // Updated just now: the listing (3 minutes behind) would not show it for minutes.
            var order = Self.order
            order.updatedAt = fixture.clock.now()
            a.setOrders([order])

            let receipt = await worker.receive(ChannelEvent(channel: "a", id: "evt-1", type: "PO_CREATED", orderID: "O-7"))
            #expect(receipt == .accepted)
            // No clock movement: the event run starts at once.
            let run = try await events.nextRun()
            #expect(run.work == ["a": [.orders], "b": [.stock]])
            #expect(run.triggers == [.channelEvent(on: "a", type: "PO_CREATED", orderID: "O-7")])
            #expect(a.idReads.withLock { $0 } == [["O-7"]])
            #expect(run.summary.channels.first { $0.channel == "a" }?.ordersNew == 1)
            let sent = b.stockCalls.dropFirst(stockCallsOfB).flatMap { $0 }
            #expect(sent.map(\.sku) == ["S1"] && sent.first?.quantity == 7)
            #expect(try await fixture.store().order("O-7", channel: "a") != nil)

            // The same event delivered again is absorbed: no read, no run.
            #expect(await worker.receive(ChannelEvent(channel: "a", id: "evt-1", type: "PO_CREATED", orderID: "O-7")) == .duplicate)
            let runs = await events.advance(seconds: 3)
            #expect(runs.isEmpty)
            #expect(a.idReads.withLock { $0 }.count == 1)
            worker.stop()
            try await group.waitForAll()
        }
    }

    @Test func anEventForAChannelTheWorkerDoesNotSyncIsRefused() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        let receipt = await worker.receive(ChannelEvent(channel: "elsewhere", id: "evt-1", type: "PO_CREATED", orderID: "O-1"))
        guard case let .refused(reason) = receipt else {
            Issue.record("expected a refusal, got \(receipt)")
            return
        }
        #expect(reason.contains("elsewhere"))
    }

    @Test func aChannelWithoutAReadByIDFindsTheOrderThroughItsListingLater() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            let a = fixture.factory.adapter("a")
            a.readsByID.withLock { $0 = false }
            var order = Self.order
            order.updatedAt = fixture.clock.now()
            a.setOrders([order])

            #expect(await worker.receive(ChannelEvent(channel: "a", id: "evt-2", type: "PO_CREATED", orderID: "O-7")) == .accepted)
            let run = try await events.nextRun()
            // The event still pulls a at once; its listing does not show the order yet, so nothing is stored.
            #expect(run.work["a"] == [.orders])
            #expect(run.summary.channels.first { $0.channel == "a" }?.ordersNew == 0)
            #expect(try await fixture.store().order("O-7", channel: "a") == nil)
            worker.stop()
            try await group.waitForAll()
        }
    }

    @Test func theWorkerKeepsEachEventStreamOpenAndReopensItOnAReload() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            let stream = fixture.factory.eventStream("a")
            await stream.waitForOpen(count: 1)
            var order = Self.order
            order.updatedAt = fixture.clock.now()
            fixture.factory.adapter("a").setOrders([order])

            let receipt = await stream.deliver(ChannelEvent(channel: "a", id: "m-1", type: "pdd_trade_TradeConfirmed", orderID: "O-7"))
            #expect(receipt == .accepted)
            let run = try await events.nextRun()
            #expect(run.work["a"] == [.orders])
            #expect(run.summary.channels.first { $0.channel == "a" }?.ordersNew == 1)

            // A reload closes the stream and opens the new runtime's.
            worker.reload()
            await stream.waitForOpen(count: 2)
            #expect(stream.closed.withLock { $0 } == 1)
            #expect(await stream.deliver(ChannelEvent(channel: "a", id: "m-1", type: "pdd_trade_TradeConfirmed", orderID: "O-7")) == .duplicate)
            worker.stop()
            try await group.waitForAll()
            #expect(stream.closed.withLock { $0 } == 2)
        }
    }
}
