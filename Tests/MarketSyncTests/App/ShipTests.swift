import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import Testing

/// `ship` confirms only orders in a shippable state: an order awaiting payment (a team-buy not formed) or a
/// cancelled one is refused with its state, before anything is queued or sent.
@Suite struct ShipTests {
    func runtime() throws -> (SyncRuntime, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ship-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("marketsync.yaml")
        try """
        store:
          sqlite: store.sqlite
        sources: []
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:9/api/router
            credentials:
              client_id: SHIP_TEST_ID
              client_secret: SHIP_TEST_SECRET
              access_token: SHIP_TEST_TOKEN
        """.write(to: config, atomically: true, encoding: .utf8)
        let environment = ["SHIP_TEST_ID": "id", "SHIP_TEST_SECRET": "secret", "SHIP_TEST_TOKEN": "token"]
        let configuration = try ConfigLoader(environment: environment).load(path: config.path)
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: Logger(label: "test")) { _, _ in UnusedTransport() }
        return (runtime, folder)
    }

    @Test func refusesOrdersThatMustNotShip() async throws {
        let (runtime, folder) = try runtime()
        defer { try? FileManager.default.removeItem(at: folder) }
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let orders = [("TEAM-1", OrderState.awaitingPayment), ("GONE-1", .cancelled), ("OK-1", .readyToShip)].map { id, state in
            ChannelOrder(id: id, state: state, rawStatus: "raw-\(state)", updatedAt: at, lines: [OrderLine(sku: "A", quantity: 1)])
        }
        _ = try await runtime.store.storeOrders(orders, channel: "epinduo", cursor: at, at: at)

        for (id, state) in [("TEAM-1", "awaitingPayment"), ("GONE-1", "cancelled")] {
            let error = await #expect(throws: MarketSyncError.self) {
                try await runtime.ship(Shipment(orderID: id, carrier: "SF", trackingNumber: "SF1"), channel: "epinduo")
            }
            #expect(error?.code == .validation)
            #expect(error?.message.contains("is \(state)") == true)
        }
        let unknown = await #expect(throws: MarketSyncError.self) {
            try await runtime.ship(Shipment(orderID: "NOPE", carrier: "SF", trackingNumber: "SF1"), channel: "epinduo")
        }
        #expect(unknown?.message.contains("not in the store") == true)
        #expect(try await runtime.store.pendingOutbox(for: "epinduo").isEmpty)

        // A ready order passes the gate and is queued (this transport sends nothing, so it stays queued).
        _ = try await runtime.ship(Shipment(orderID: "OK-1", carrier: "SF", trackingNumber: "SF1"), channel: "epinduo")
        #expect(try await runtime.store.pendingOutbox(for: "epinduo").map(\.key) == ["OK-1"])
    }
}
