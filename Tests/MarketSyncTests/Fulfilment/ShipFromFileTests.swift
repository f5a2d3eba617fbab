@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing

/// `ship --from`: every order of a file confirmed one after another through the real outbox path
/// (`SyncRuntime.ship`), on a real SQLite store, to the Epinduo adapter talking to its sandbox in process.
@Suite struct ShipFromFileTests {
    let at = Date(timeIntervalSince1970: 1_795_708_800)

    /// The runtime (store, Epinduo adapter on the sandbox), the sandbox and the folder to remove.
    struct Wiring {
        let runtime: SyncRuntime
        let sandbox: EpinduoSandbox
        let folder: URL
    }

    func wiring() throws -> Wiring {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ship-from-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("marketsync.yaml")
        // One attempt per send: a transient failure leaves the shipment queued at once, with no backoff to wait out.
        try """
        store:
          sqlite: store.sqlite
        sources: []
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials:
              client_id: SHIP_FROM_ID
              client_secret: SHIP_FROM_SECRET
              access_token: SHIP_FROM_TOKEN
            retry:
              attempts: 1
        """.write(to: config, atomically: true, encoding: .utf8)
        let environment = ["SHIP_FROM_ID": "client", "SHIP_FROM_SECRET": "secret-for-ship-from", "SHIP_FROM_TOKEN": "token"]
        let configuration = try ConfigLoader(environment: environment).load(path: config.path)
        let sandbox = EpinduoSandbox(clientID: "client", clientSecret: "secret-for-ship-from", accessToken: "token", clock: SystemClock())
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: logger) { _, _ in
            HandlerTransport { await sandbox.handle($0) }
        }
        return Wiring(runtime: runtime, sandbox: sandbox, folder: folder)
    }

    /// Orders in the store (as the last sync left them) and, with their platform statuses, on the sandbox.
    func seed(_ wiring: Wiring, slowFailures: Int = 5) async throws {
        let stored: [(String, OrderState)] = [("E-OK", .readyToShip), ("E-SLOW", .readyToShip), ("E-GONE", .cancelled),
                                              ("E-TEAM", .awaitingPayment), ("E-VANISHED", .readyToShip), ("E-BAD", .readyToShip)]
        let orders = stored.map { id, state in
            ChannelOrder(id: id, state: state, rawStatus: "raw-\(state.rawValue)", updatedAt: at, lines: [OrderLine(sku: "YUG-CN-200", quantity: 1)])
        }
        _ = try await wiring.runtime.store.storeOrders(orders, channel: "epinduo", cursor: at, at: at)
        let item = EpinduoSandboxOrder.Item(goodsID: "100004", skuID: "200004", outerID: "YUG-CN-200", goodsCount: 1, goodsPriceFen: 6500)
        let now = Int64(at.timeIntervalSince1970)
        // E-VANISHED is ready in the store but unknown to the platform: it refuses the shipment for good.
        wiring.sandbox.upsertOrders([
            EpinduoSandboxOrder(orderSN: "E-OK", updatedAt: now, items: [item]),
            EpinduoSandboxOrder(orderSN: "E-SLOW", updatedAt: now, items: [item]),
            EpinduoSandboxOrder(orderSN: "E-BAD", updatedAt: now, items: [item]),
        ])
        // The platform is down for E-SLOW's confirmation (503, several times): it stays queued.
        wiring.sandbox.addFaults([EpinduoSandboxFault(type: "pdd.logistics.online.send", orderSN: "E-SLOW", errorCode: 50000,
                                                      errorMessage: "service busy", times: slowFailures, httpStatus: 503)])
    }

    func shipments(_ sandbox: EpinduoSandbox) async throws -> [String: String] {
        let response = await sandbox.handle(WireRequest(method: "GET", url: try #require(URL(string: "http://127.0.0.1:8931/_sandbox/state")),
                                                        headers: [], body: Data()))
        let state = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let shipments = state["shipments"] as? [String: [String: Any]] ?? [:]
        return shipments.compactMapValues { $0["tracking_number"] as? String }
    }

    @Test func aMixOfRowsReportsEachOrderAndShipsOnlyTheGoodOnes() async throws {
        let wiring = try wiring()
        defer { try? FileManager.default.removeItem(at: wiring.folder) }
        try await seed(wiring)
        let file = try ShipmentFile.parse(Array("""
            channel,order,carrier,tracking
            epinduo,E-OK,85,SF100
            epinduo,E-GONE,85,SF101
            epinduo,E-NOWHERE,85,SF102
            epinduo,E-BAD,,SF103
            epinduo,E-SLOW,85,SF104
            epinduo,E-TEAM,85,SF105
            epinduo,E-VANISHED,85,SF106
            mirakl-fr,M-1,85,SF107
            """.utf8), file: "shipments.csv")

        let report = await (try ShipmentDesk(runtime: wiring.runtime)).ship(file)
        let byOrder = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.orderID ?? "-", $0) })

        #expect(report.outcomes.map(\.orderID) == ["E-OK", "E-GONE", "E-NOWHERE", "E-BAD", "E-SLOW", "E-TEAM", "E-VANISHED", "M-1"])
        #expect(byOrder["E-OK"]?.status == .sent)
        #expect(byOrder["E-OK"]?.detail == "85 SF100")
        #expect(byOrder["E-GONE"]?.status == .refused)
        #expect(byOrder["E-GONE"]?.detail.hasPrefix("cancelled (raw-cancelled)") == true)
        #expect(byOrder["E-TEAM"]?.status == .refused)
        #expect(byOrder["E-TEAM"]?.detail.hasPrefix("awaitingPayment") == true)
        #expect(byOrder["E-NOWHERE"]?.status == .unknownOrder)
        #expect(byOrder["E-BAD"]?.status == .badRow)
        #expect(byOrder["E-BAD"]?.detail == "shipments.csv:5: carrier: is empty")
        #expect(byOrder["E-SLOW"]?.status == .queued)
        #expect(byOrder["E-VANISHED"]?.status == .parked)
        #expect(byOrder["E-VANISHED"]?.detail.contains("order not found") == true)
        #expect(byOrder["M-1"]?.status == .badRow)
        #expect(byOrder["M-1"]?.detail.hasPrefix("shipments.csv:9: channel: no channel mirakl-fr in the config") == true)
        #expect(report.exitStatus == .failures)
        #expect(report.countLine == "1 sent, 1 queued, 1 parked, 2 refused, 1 unknown order, 2 bad row")

        // Only the good order reached the platform; the slow one waits in the outbox, the refused ones were never queued.
        #expect(try await shipments(wiring.sandbox) == ["E-OK": "SF100"])
        let pending = try await wiring.runtime.store.pendingOutbox(for: "epinduo").map(\.key)
        #expect(pending == ["E-SLOW"])
        #expect(try await wiring.runtime.store.failedOutbox(for: "epinduo").map(\.key) == ["E-VANISHED"])
        // The store records the accepted tracking number.
        #expect(try await wiring.runtime.store.order("E-OK", channel: "epinduo")?.order.trackingNumber == "SF100")
    }

    @Test func aFileOfGoodOrdersExitsZeroAndALaterSendTakesAQueuedOneAlong() async throws {
        let wiring = try wiring()
        defer { try? FileManager.default.removeItem(at: wiring.folder) }
        // E-SLOW fails once only: queued by its own send, then taken along by E-OK's.
        try await seed(wiring, slowFailures: 1)
        let file = try ShipmentFile.parse(Array("channel,order,carrier,tracking\nepinduo,E-SLOW,85,SF1\nepinduo,E-OK,85,SF2\n".utf8),
                                          file: "good.csv")
        let report = await (try ShipmentDesk(runtime: wiring.runtime)).ship(file)
        #expect(report.outcomes.map(\.status) == [.sent, .sent])
        #expect(report.outcomes.first?.detail.contains("sent with a later order") == true)
        #expect(report.exitStatus == .ok)
        #expect(try await shipments(wiring.sandbox) == ["E-SLOW": "SF1", "E-OK": "SF2"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        #expect(json["exit_code"] as? Int == 0)
        #expect((json["totals"] as? [String: Int])?["sent"] == 2)
    }
}
