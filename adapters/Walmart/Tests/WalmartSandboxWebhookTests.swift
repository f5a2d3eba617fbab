import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing
import Walmart
import WalmartSandbox

/// The sandbox's side of webhooks: it posts `PO_CREATED` for each new order and `PO_LINE_AUTOCANCELLED` for each line
/// it auto-cancels, signed so the adapter's own check passes, retries what is not answered 200 with the same
/// `eventId`, and can deliver each event twice. The receiver here is the real `WalmartWebhook` behind a scripted
/// status; the loopback HTTP path is covered by the endpoint's tests.
@Suite(.timeLimit(.minutes(1))) struct WalmartSandboxWebhookTests {
    /// What the receiver saw and answers.
    final class Receiver: Sendable {
        let webhook: WalmartWebhook
        private let state = Mutex<(events: [ChannelEvent], statuses: [Int])>(([], []))
        init(webhook: WalmartWebhook, statuses: [Int] = []) {
            self.webhook = webhook
            state.withLock { $0.statuses = statuses }
        }
        var events: [ChannelEvent] { state.withLock { $0.events } }
        func handle(_ request: WireRequest) -> WireResponse {
            let target = request.url.path(percentEncoded: true) + (request.url.query(percentEncoded: true).map { "?" + $0 } ?? "")
            let delivery = WebhookDelivery(method: request.method, target: target, headers: request.headers, body: Array(request.body))
            do {
                let events = try webhook.events(in: delivery)
                let status = state.withLock { state -> Int in
                    state.events += events
                    return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
                }
                return WireResponse(status: status, body: Data("{}".utf8))
            } catch {
                return WireResponse(status: 401, body: Data("{\"error\":\"authentication failed\"}".utf8))
            }
        }
    }

    struct World {
        let clock = ManualClock(now: Fake.start)
        let sandbox: WalmartSandbox
        let receiver: Receiver
        let api: any Transport

        init(auth: WalmartWebhookSettings.Authentication = .hmac, statuses: [Int] = []) {
            let clock = self.clock
            let box = Mutex<Receiver?>(nil)
            sandbox = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: clock,
                                     webhookTransport: HandlerTransport { request in
                                         box.withLock { $0 }?.handle(request) ?? WireResponse(status: 500)
                                     })
            let sandbox = self.sandbox
            api = HandlerTransport { await sandbox.handle($0) }
            let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret)
            let webhook = WalmartWebhook(channel: "walmart", settings: settings,
                                         webhook: WalmartWebhookSettings(url: URL(string: "https://sync.example.com/webhooks/walmart") ?? Fake.endpoint,
                                                                         authentication: auth),
                                         transport: api, clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            receiver = Receiver(webhook: webhook, statuses: statuses)
            box.withLock { $0 = receiver }
        }

        func admin(_ path: String, _ json: String = "", method: String = "POST") async -> [String: Any] {
            let response = await sandbox.handle(WireRequest(method: method, url: Fake.endpoint.appending(path: String(path.dropFirst())),
                                                            body: Data(json.utf8)))
            #expect(response.status == 200, "\(path): \(String(decoding: response.body, as: UTF8.self))")
            return (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
        }

        var deliveries: [[String: Any]] {
            get async { await admin("/_sandbox/webhooks/deliveries", method: "GET")["deliveries"] as? [[String: Any]] ?? [] }
        }

        func addOrder(_ id: String, lines: Int = 1) async {
            let lineJSON = (1...lines).map { #"{"sku": "WM-\#($0)", "quantity": 1, "price": "4.99"}"# }.joined(separator: ",")
            _ = await admin("/_sandbox/orders", #"[{"purchase_order_id": "\#(id)", "lines": [\#(lineJSON)]}]"#)
        }
    }

    @Test func aNewOrderAndAnAutoCancelledLineArePostedSignedToTheSubscriptions() async throws {
        let world = World()
        try await world.receiver.webhook.ensureSubscribed()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await world.sandbox.runWebhookDeliveries() }
            await world.addOrder("PO-1", lines: 2)
            await world.sandbox.waitForWebhookDeliveries(count: 1)
            // Replacing an order is not a new one.
            await world.addOrder("PO-1", lines: 2)
            _ = await world.admin("/_sandbox/orders/cancel", #"{"purchase_order_id": "PO-1"}"#)
            await world.sandbox.waitForWebhookDeliveries(count: 3)
            group.cancelAll()
        }
        let events = world.receiver.events
        #expect(events.map(\.type) == ["PO_CREATED", "PO_LINE_AUTOCANCELLED", "PO_LINE_AUTOCANCELLED"])
        #expect(events.allSatisfy { $0.orderID == "PO-1" })
        #expect(Set(events.map(\.id)).count == 3)
        let deliveries = await world.deliveries
        #expect(deliveries.map { $0["status"] as? Int } == [200, 200, 200])
    }

    @Test func aDeliveryNotAnswered200IsRetriedWithTheSameEventIDAfterAGrowingWait() async throws {
        let world = World(auth: .basic(user: "hook", password: "hook-pass"), statuses: [503, 500])
        try await world.receiver.webhook.ensureSubscribed()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await world.sandbox.runWebhookDeliveries() }
            await world.addOrder("PO-7")
            await world.sandbox.waitForWebhookDeliveries(count: 1)
            await world.clock.waitForSleepers(count: 1)
            world.clock.advance(by: .milliseconds(999))
            #expect(await world.deliveries.count == 1, "retried before its wait ran out")
            world.clock.advance(by: .milliseconds(1))
            await world.sandbox.waitForWebhookDeliveries(count: 2)
            await world.clock.waitForSleepers(count: 1)
            world.clock.advance(by: .seconds(2))
            await world.sandbox.waitForWebhookDeliveries(count: 3)
            group.cancelAll()
        }
        let deliveries = await world.deliveries
        #expect(deliveries.map { $0["status"] as? Int } == [503, 500, 200])
        #expect(deliveries.map { $0["attempt"] as? Int } == [1, 2, 3])
        #expect(Set(deliveries.compactMap { $0["event_id"] as? String }).count == 1)
        #expect(world.receiver.events.count == 3, "each attempt carried the event, authenticated with basic credentials")
    }

    @Test func deliverTwiceSendsADeliveredEventOnceMore() async throws {
        let world = World()
        try await world.receiver.webhook.ensureSubscribed()
        _ = await world.admin("/_sandbox/webhooks/deliver_twice", #"{"enabled": true}"#)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await world.sandbox.runWebhookDeliveries() }
            await world.addOrder("PO-2")
            await world.sandbox.waitForWebhookDeliveries(count: 2)
            group.cancelAll()
        }
        let deliveries = await world.deliveries
        #expect(deliveries.map { $0["repeated"] as? Bool } == [false, true])
        #expect(world.receiver.events.map(\.id).count == 2 && Set(world.receiver.events.map(\.id)).count == 1)
    }

    @Test func theSubscriptionsAPICreatesListsAndDeletes() async throws {
        let world = World()
        try await world.receiver.webhook.ensureSubscribed()
        let listed = await world.admin("/_sandbox/webhooks/subscriptions", method: "GET")["subscriptions"] as? [[String: Any]] ?? []
        let id = try #require(listed.first?["subscriptionId"] as? String)
        let adapter = WalmartFixture.adapter(to: world.sandbox, clock: world.clock, log: RequestLog(),
                                             settings: WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret))
        try await adapter.verifyAccess()
        // The delete goes through the gateway like every call: without a token it is refused.
        let refused = await world.sandbox.handle(WireRequest(method: "DELETE", url: Fake.endpoint.appending(path: "v3/webhooks/subscriptions/\(id)"),
                                                             headers: [HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "s")]))
        #expect(refused.status == 401)
        let token = try #require(await tokenFromSandbox(world))
        let deleted = await world.sandbox.handle(WireRequest(method: "DELETE", url: Fake.endpoint.appending(path: "v3/webhooks/subscriptions/\(id)"),
                                                             headers: [HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "s"),
                                                                       HeaderField("WM_SEC.ACCESS_TOKEN", token)]))
        #expect(deleted.status == 200)
        let again = await world.sandbox.handle(WireRequest(method: "DELETE", url: Fake.endpoint.appending(path: "v3/webhooks/subscriptions/\(id)"),
                                                           headers: [HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "s"),
                                                                     HeaderField("WM_SEC.ACCESS_TOKEN", token)]))
        #expect(again.status == 404)
        let left = await world.admin("/_sandbox/webhooks/subscriptions", method: "GET")["subscriptions"] as? [[String: Any]] ?? []
        #expect(left.count == 1)
    }

    /// A token issued by the sandbox for the fake credentials.
    func tokenFromSandbox(_ world: World) async -> String? {
        let basic = Data("\(Fake.clientID):\(Fake.secret)".utf8).base64EncodedString()
        let response = await world.sandbox.handle(WireRequest(method: "POST", url: Fake.endpoint.appending(path: "v3/token"),
                                                              headers: [HeaderField("Authorization", "Basic \(basic)"),
                                                                        HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "s"),
                                                                        HeaderField("Content-Type", "application/x-www-form-urlencoded")],
                                                              body: Data("grant_type=client_credentials".utf8)))
        return (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["access_token"] as? String
    }
}

/// Reading orders by id (an event named them): `getAnOrder` each; one Walmart does not show yet is left out.
@Suite struct WalmartOrdersByIDTests {
    @Test func knownOrdersAreReadAndAnUnknownOneIsLeftOut() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders(#"[{"purchase_order_id": "PO-1", "lines": [{"sku": "WM-1", "quantity": 2, "price": "4.99"}]}]"#)
        let orders = try #require(try await fixture.adapter.orders(withIDs: ["PO-1", "PO-404", "PO-1"]))
        #expect(orders.map(\.id) == ["PO-1"])
        #expect(orders.first?.lines.first?.quantity == 2)
        #expect(fixture.sandbox.requestCount("getAnOrder") == 2, "one call per distinct id")
    }

    @Test func anOutageIsThrownNotTakenForAMissingOrder() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: #"{"operation": "getAnOrder", "kind": "error", "http_status": 503, "code": "SYSTEM_ERROR", "times": 1}"#)
        do {
            _ = try await fixture.adapter.orders(withIDs: ["PO-1"])
            Issue.record("an outage was taken for an empty answer")
        } catch let error as MarketSyncError {
            #expect(error.code == .channelUnavailable)
        }
    }
}
