import Foundation
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing
import Walmart
import WalmartSandbox

/// Walmart through the adapter conformance suite, against its sandbox in process: once with the default threshold
/// (every push of the suite goes as single calls) and once with a threshold of 1 (pushes of two or more items go as
/// feeds, so the partial failure and the restart are a feed's).
@Suite struct WalmartConformanceTests {
    @Test func walmartHoldsToTheAdapterContractWithSingleCalls() async {
        let problems = await AdapterConformanceSuite(harness: WalmartHarness(bulkThreshold: 10)).run()
        #expect(problems == [])
    }

    @Test func walmartHoldsToTheAdapterContractWithFeeds() async {
        let harness = WalmartHarness(bulkThreshold: 1)
        let problems = await AdapterConformanceSuite(harness: harness).run()
        #expect(problems == [])
        #expect(harness.feedsSubmitted > 0, "the feed path was never taken")
    }

    @Test func theSuiteCatchesAnAdapterThatReportsAFeedsRejectionAsAccepted() async {
        let problems = await AdapterConformanceSuite(harness: WalmartHarness(bulkThreshold: 1, swallowItemErrors: true)).run()
        #expect(problems.contains { $0.hasPrefix("partial failure:") })
    }
}

/// The Walmart sandbox's levers for the suite, through its admin endpoints.
final class WalmartHarness: AdapterConformanceHarness {
    let manualClock = ManualClock(now: Fake.start)
    private let current = Mutex<WalmartSandbox?>(nil)
    private let nextOrder = Mutex(1)
    private let feeds = Mutex(0)
    let bulkThreshold: Int
    let swallowItemErrors: Bool

    init(bulkThreshold: Int, swallowItemErrors: Bool = false) {
        self.bulkThreshold = bulkThreshold
        self.swallowItemErrors = swallowItemErrors
    }

    var clock: any SyncClock { manualClock }

    func advance(by duration: Duration) async { manualClock.advance(by: duration) }

    /// Feeds the sandboxes took, over every check.
    var feedsSubmitted: Int { feeds.withLock { $0 } + (current.withLock { $0 }?.requestCount("updateBulkInventory") ?? 0) }

    var sandbox: WalmartSandbox {
        current.withLock { sandbox in
            if let sandbox { return sandbox }
            let made = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: manualClock)
            sandbox = made
            return made
        }
    }

    func makeAdapter(fresh: Bool, validCredentials: Bool) async throws -> any ChannelAdapter {
        if fresh {
            let old = current.withLock { sandbox -> WalmartSandbox? in
                defer { sandbox = nil }
                return sandbox
            }
            feeds.withLock { $0 += old?.requestCount("updateBulkInventory") ?? 0 }
        }
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: validCredentials ? Fake.secret : "not-the-secret",
                                       bulkThreshold: bulkThreshold, pageSize: 3, trackingURLTemplate: "https://track.example/{tracking}")
        let adapter = WalmartFixture.adapter(to: sandbox, clock: manualClock, log: RequestLog(), settings: settings)
        return swallowItemErrors ? ItemErrorSwallowingAdapter(base: adapter) : adapter
    }

    func listings(_ count: Int) -> [String] { (0..<count).map { "WM-CONF-\($0)" } }

    func rejectNextStockUpdate(of listing: String) async throws {
        try await admin("POST", "/_sandbox/faults", """
            {"operation": "updateInventoryForAnItem", "sku": "\(listing)", "http_status": 400, "code": "INVALID_REQUEST_CONTENT", "field": "sku", "description": "item not set up"}
            """)
        try await admin("POST", "/_sandbox/feeds/outcomes", #"{"sku": "\#(listing)", "status": "DATA_ERROR", "description": "item not set up"}"#)
    }

    func throttleNextCall() async throws {
        try await admin("POST", "/_sandbox/faults", #"{"http_status": 429, "code": "REQUEST_THRESHOLD_VIOLATED", "retry_after": 1}"#)
    }

    func addOrders(_ count: Int, listing: String, updatedAt: Date) async throws -> [String] {
        try await addOrders(count, listing: listing, updatedAt: updatedAt, status: "Acknowledged")
    }

    /// A new purchase order's line is `Created` until the seller acknowledges it.
    func addNewOrder(listing: String, updatedAt: Date) async throws -> String {
        guard let id = try await addOrders(1, listing: listing, updatedAt: updatedAt, status: "Created").first else {
            throw MarketSyncError(.protocolViolation, "the sandbox added no order")
        }
        return id
    }

    private func addOrders(_ count: Int, listing: String, updatedAt: Date, status: String) async throws -> [String] {
        let ids = nextOrder.withLock { next -> [String] in
            defer { next += count }
            return (next..<next + count).map { "CONF-PO-\($0)" }
        }
        let at = Int64(updatedAt.timeIntervalSince1970 * 1000)
        let orders = ids.map { id in
            #"{"purchase_order_id": "\#(id)", "order_date": \#(at), "last_modified": \#(at), "lines": [{"sku": "\#(listing)", "quantity": 1, "price": "4.99", "status": "\#(status)"}]}"#
        }
        try await admin("POST", "/_sandbox/orders", "[\(orders.joined(separator: ","))]")
        return ids
    }

    func stock(of listing: String) async throws -> Int64? {
        sandbox.stock(of: listing)
    }

    func hasShipped(_ orderID: String, trackingNumber: String) async throws -> Bool {
        let state = try JSONSerialization.jsonObject(with: try await admin("GET", "/_sandbox/state")) as? [String: Any]
        let order = (state?["orders"] as? [String: Any])?[orderID] as? [String: Any]
        let statuses = (order?["lines"] as? [[String: Any]] ?? []).flatMap { $0["statuses"] as? [[String: Any]] ?? [] }
        return statuses.contains { $0["status"] as? String == "Shipped"
            && ($0["tracking"] as? [String: Any])?["trackingNumber"] as? String == trackingNumber }
    }

    @discardableResult
    private func admin(_ method: String, _ path: String, _ json: String = "") async throws -> Data {
        let response = await sandbox.handle(WireRequest(method: method, url: URL(string: "http://127.0.0.1:8932\(path)") ?? Fake.endpoint,
                                                        headers: [HeaderField("Content-Type", "application/json")], body: Data(json.utf8)))
        guard (200..<300).contains(response.status) else {
            throw MarketSyncError(.protocolViolation, "sandbox \(method) \(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }
}

/// A broken adapter for the suite's own test: it reports every item as accepted, a feed's included.
struct ItemErrorSwallowingAdapter: ChannelAdapter {
    let base: any ChannelAdapter
    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let outcome = try await base.pushStock(updates)
        guard let results = outcome.results else { return outcome }
        return .completed(results.map { ItemResult(item: $0.item, sku: $0.sku) })
    }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome { try await base.pushPrices(updates) }
    func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        guard case let .completed(results) = try await base.status(of: receipt, for: items) else { return .processing }
        return .completed(results.map { ItemResult(item: $0.item, sku: $0.sku) })
    }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await base.pullOrders(in: window, after: continuation)
    }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func respond(_ response: OrderResponse) async throws { try await base.respond(response) }
    func verifyAccess() async throws { try await base.verifyAccess() }
}
