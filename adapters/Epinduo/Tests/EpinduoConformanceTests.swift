import Epinduo
import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing

/// Epinduo through the adapter conformance suite, against its sandbox in process.
@Suite struct EpinduoConformanceTests {
    @Test func epinduoHoldsToTheAdapterContract() async {
        let problems = await AdapterConformanceSuite(harness: EpinduoHarness()).run()
        #expect(problems == [])
    }

    @Test func theSuiteCatchesAnAdapterThatReportsARejectionAsAccepted() async {
        // A check that cannot fail proves nothing: an adapter that swallows item errors must fail the suite.
        let problems = await AdapterConformanceSuite(harness: EpinduoHarness(swallowItemErrors: true)).run()
        #expect(problems.contains { $0.hasPrefix("partial failure:") })
    }
}

/// The Epinduo sandbox's levers for the suite, through its admin endpoints.
final class EpinduoHarness: AdapterConformanceHarness {
    let manualClock = ManualClock(now: Fake.start)
    private let current = Mutex<EpinduoSandbox?>(nil)
    private let nextOrder = Mutex(1)
    let swallowItemErrors: Bool

    init(swallowItemErrors: Bool = false) {
        self.swallowItemErrors = swallowItemErrors
    }

    var clock: any SyncClock { manualClock }

    func advance(by duration: Duration) async { manualClock.advance(by: duration) }

    var sandbox: EpinduoSandbox {
        current.withLock { sandbox in
            if let sandbox { return sandbox }
            let made = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, clock: manualClock)
            sandbox = made
            return made
        }
    }

    func makeAdapter(fresh: Bool, validCredentials: Bool) async throws -> any ChannelAdapter {
        if fresh { current.withLock { $0 = nil } }
        let adapter = EpinduoFixture.adapter(to: sandbox, clock: manualClock, log: RequestLog(),
                                             secret: validCredentials ? Fake.secret : "not-the-secret", pageSize: 3)
        return swallowItemErrors ? ItemErrorSwallowingAdapter(base: adapter) : adapter
    }

    func listings(_ count: Int) -> [String] { (0..<count).map { "70000\($0):80000\($0)" } }

    func rejectNextStockUpdate(of listing: String) async throws {
        let skuID = listing.split(separator: ":").last.map(String.init) ?? ""
        try await admin("POST", "/_sandbox/faults", """
            {"type": "pdd.goods.quantity.update", "sku_id": "\(skuID)", "error_code": 50001, "error_msg": "goods under review", "sub_code": "goods_in_review"}
            """)
    }

    func throttleNextCall() async throws {
        try await admin("POST", "/_sandbox/faults", #"{"error_code": 70031, "error_msg": "api call too frequent", "retry_after": 1}"#)
    }

    func addOrders(_ count: Int, listing: String, updatedAt: Date) async throws -> [String] {
        let parts = listing.split(separator: ":").map(String.init)
        let ids = nextOrder.withLock { next -> [String] in
            defer { next += count }
            return (next..<next + count).map { "CONF-\($0)" }
        }
        let orders = ids.map { id in
            """
            {"order_sn": "\(id)", "updated_at": \(Int(updatedAt.timeIntervalSince1970)), \
            "items": [{"goods_id": "\(parts.first ?? "")", "sku_id": "\(parts.last ?? "")", "outer_id": "CONF-0", "goods_count": 1, "goods_price": "12.30"}]}
            """
        }
        try await admin("POST", "/_sandbox/orders", "[\(orders.joined(separator: ","))]")
        return ids
    }

    /// Epinduo wants no answer to an order (`orderAnswer == .none`): a new order arrives ready to ship.
    func addNewOrder(listing: String, updatedAt: Date) async throws -> String {
        guard let id = try await addOrders(1, listing: listing, updatedAt: updatedAt).first else {
            throw MarketSyncError(.protocolViolation, "the sandbox added no order")
        }
        return id
    }

    func stock(of listing: String) async throws -> Int64? {
        let state = try await adminJSON("GET", "/_sandbox/state")
        let stock = state["stock"] as? [String: Any]
        let entry = stock?[listing] as? [String: Any]
        return (entry?["quantity"] as? NSNumber)?.int64Value
    }

    func hasShipped(_ orderID: String, trackingNumber: String) async throws -> Bool {
        let state = try await adminJSON("GET", "/_sandbox/state")
        let shipment = (state["shipments"] as? [String: Any])?[orderID] as? [String: Any]
        return shipment?["tracking_number"] as? String == trackingNumber
    }

    @discardableResult
    private func admin(_ method: String, _ path: String, _ json: String = "") async throws -> Data {
        let response = await sandbox.handle(WireRequest(method: method, url: URL(string: "http://127.0.0.1:8931\(path)") ?? URL(fileURLWithPath: "/"),
                                                        headers: [HeaderField("Content-Type", "application/json")], body: Data(json.utf8)))
        guard (200..<300).contains(response.status) else {
            throw MarketSyncError(.protocolViolation, "sandbox \(method) \(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }

    private func adminJSON(_ method: String, _ path: String) async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try await admin(method, path)) as? [String: Any] ?? [:]
    }
}

/// A broken adapter for the suite's own test: it reports every item as accepted.
struct ItemErrorSwallowingAdapter: ChannelAdapter {
    let base: any ChannelAdapter
    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let outcome = try await base.pushStock(updates)
        return .completed((outcome.results ?? []).map { ItemResult(item: $0.item, sku: $0.sku) })
    }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome { try await base.pushPrices(updates) }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await base.pullOrders(in: window, after: continuation)
    }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func verifyAccess() async throws { try await base.verifyAccess() }
}
