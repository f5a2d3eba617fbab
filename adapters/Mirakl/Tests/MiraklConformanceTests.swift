import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Mirakl
import MiraklSandbox
import Synchronization
import Testing

/// Mirakl through the adapter conformance suite, against its sandbox in process.
@Suite struct MiraklConformanceTests {
    @Test func miraklHoldsToTheAdapterContract() async {
        let problems = await AdapterConformanceSuite(harness: MiraklHarness()).run()
        #expect(problems == [])
    }

    @Test func theSuiteCatchesAnAdapterThatCountsAPartlyFailedImportAsAFullSuccess() async {
        // A check that cannot fail proves nothing: an adapter that ignores the error report must fail the suite.
        let problems = await AdapterConformanceSuite(harness: MiraklHarness(ignoreErrorReports: true)).run()
        #expect(problems.contains { $0.hasPrefix("partial failure:") })
    }

    @Test func theSuiteCatchesAnAdapterThatNeverAcceptsOrders() async {
        // An adapter that drops acceptances leaves the order WAITING_ACCEPTANCE: the debit, the listing as ready to
        // ship and the shipment cannot follow.
        let problems = await AdapterConformanceSuite(harness: MiraklHarness(dropAcceptances: true)).run()
        #expect(problems.contains { $0.hasPrefix("order answered then shipped:") })
        #expect(!problems.contains { $0.hasPrefix("push:") })
    }
}

/// The Mirakl sandbox's levers for the suite, through its admin endpoints. Listings are the shop's SKUs (OF24 keys
/// offers by `shop_sku`); orders are added ready to ship (`SHIPPING`), a new order waiting for acceptance
/// (`WAITING_ACCEPTANCE`), and an accepted one is made ready to ship by the customer's debit.
final class MiraklHarness: AdapterConformanceHarness {
    let manualClock = ManualClock(now: Fake.start)
    private let current = Mutex<MiraklSandbox?>(nil)
    private let nextOrder = Mutex(1)
    let ignoreErrorReports: Bool
    let dropAcceptances: Bool

    init(ignoreErrorReports: Bool = false, dropAcceptances: Bool = false) {
        self.ignoreErrorReports = ignoreErrorReports
        self.dropAcceptances = dropAcceptances
    }

    var clock: any SyncClock { manualClock }

    func advance(by duration: Duration) async { manualClock.advance(by: duration) }

    var sandbox: MiraklSandbox {
        current.withLock { sandbox in
            if let sandbox { return sandbox }
            let made = MiraklSandbox(apiKey: Fake.key, clock: manualClock)
            sandbox = made
            return made
        }
    }

    func makeAdapter(fresh: Bool, validCredentials: Bool) async throws -> any ChannelAdapter {
        if fresh { current.withLock { $0 = nil } }
        let sandbox = self.sandbox
        let transport = HandlerTransport { [ignoreErrorReports] request in
            var response = await sandbox.handle(request)
            // The broken adapter of the suite's own test: it reads every finished import as if nothing failed.
            if ignoreErrorReports, request.url.path.hasPrefix("/api/offers/imports/"), response.status == 200,
               var object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] {
                object["lines_in_error"] = 0
                object["has_error_report"] = false
                response.body = (try? JSONSerialization.data(withJSONObject: object)) ?? response.body
            }
            return response
        }
        // The adapter's own pacing (one import a minute, one question a minute) stays on: the suite's clock moves.
        let settings = MiraklSettings(baseURL: Fake.base, apiKey: validCredentials ? Fake.key : "not-the-key", pageSize: 3)
        let adapter = MiraklAdapter(channel: "carrefour", settings: settings, transport: transport, clock: manualClock,
                                    logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return dropAcceptances ? AcceptanceDroppingAdapter(base: adapter) : adapter
    }

    func listings(_ count: Int) -> [String] { (0..<count).map { "CONF-\($0)" } }

    func rejectNextStockUpdate(of listing: String) async throws {
        try await admin("POST", "/_sandbox/import_faults", #"{"fail_skus": {"\#(listing)": "The quantity is not valid for this offer"}}"#)
    }

    func throttleNextCall() async throws {
        try await admin("POST", "/_sandbox/faults", #"{"kind": "throttle", "retry_after": 1}"#)
    }

    func addOrders(_ count: Int, listing: String, updatedAt: Date) async throws -> [String] {
        let ids = nextOrder.withLock { next -> [String] in
            defer { next += count }
            return (next..<next + count).map { "CONF-\($0)-A" }
        }
        let seconds = Int(updatedAt.timeIntervalSince1970)
        let orders = ids.enumerated().map { index, id in
            """
            {"order_id": "\(id)", "state": "SHIPPING", "created_date": \(seconds - 60 + index), "last_updated_date": \(seconds),
             "order_lines": [{"offer_sku": "\(listing)", "quantity": 1, "price_unit": "12.30"}]}
            """
        }
        try await admin("POST", "/_sandbox/orders", "[\(orders.joined(separator: ","))]")
        return ids
    }

    func addNewOrder(listing: String, updatedAt: Date) async throws -> String {
        let id = nextOrder.withLock { next -> String in
            defer { next += 1 }
            return "CONF-\(next)-A"
        }
        let seconds = Int(updatedAt.timeIntervalSince1970)
        try await admin("POST", "/_sandbox/orders", """
            [{"order_id": "\(id)", "state": "WAITING_ACCEPTANCE", "created_date": \(seconds), "last_updated_date": \(seconds),
              "order_lines": [{"offer_sku": "\(listing)", "quantity": 2, "price_unit": "12.30"}]}]
            """)
        return id
    }

    /// An accepted order waits for the customer's debit (`WAITING_DEBIT_PAYMENT`); the debit makes it `SHIPPING`.
    func makeReadyToShip(_ orderID: String) async throws {
        try await admin("POST", "/_sandbox/orders/debit", #"{"order_id": "\#(orderID)"}"#)
    }

    func stock(of listing: String) async throws -> Int64? {
        let state = try await adminJSON("GET", "/_sandbox/state")
        let offer = (state["offers"] as? [String: Any])?[listing] as? [String: Any]
        return (offer?["quantity"] as? NSNumber)?.int64Value
    }

    func hasShipped(_ orderID: String, trackingNumber: String) async throws -> Bool {
        let state = try await adminJSON("GET", "/_sandbox/state")
        let order = (state["orders"] as? [String: Any])?[orderID] as? [String: Any]
        return order?["state"] as? String == "SHIPPED" && order?["tracking_number"] as? String == trackingNumber
    }

    @discardableResult
    private func admin(_ method: String, _ path: String, _ json: String = "") async throws -> Data {
        let response = await sandbox.handle(WireRequest(method: method, url: Fake.base.appendingPathComponent(path),
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

/// A broken adapter for the suite's own test: it takes every acceptance without sending it.
struct AcceptanceDroppingAdapter: ChannelAdapter {
    let base: any ChannelAdapter
    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome { try await base.pushStock(updates) }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome { try await base.pushPrices(updates) }
    func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        try await base.status(of: receipt, for: items)
    }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await base.pullOrders(in: window, after: continuation)
    }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func respond(_ response: OrderResponse) async throws {
        if case .acceptance = response { return }
        try await base.respond(response)
    }
    func verifyAccess() async throws { try await base.verifyAccess() }
}
