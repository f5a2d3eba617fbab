import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MarketSync
import MarketSyncHTTP
import NIOCore
import Prometheus
import Synchronization
import Testing

/// `POST /webhooks/{channel}` on a live loopback server: what each outcome is answered with. The channel's webhook and
/// the sink are scripted here (the Walmart ones are exercised end to end in `WalmartWebhookEndToEndTests`).
@Suite("Webhook route", .timeLimit(.minutes(1)))
struct WebhookRouteTests {
    /// Takes `Authorization: ok`; reads the body `id[,id…]` into events of `orders`; `bad` is malformed.
    struct ScriptedWebhook: ChannelWebhook {
        let channel: ChannelID
        func events(in delivery: WebhookDelivery) throws -> [MarketSync.ChannelEvent] {
            guard delivery.header("Authorization") == "ok" else {
                throw MarketSyncError(.unauthorized, "wrong test secret s3cr3t-value", channel: channel)
            }
            let text = String(decoding: delivery.body, as: UTF8.self)
            guard text != "bad" else { throw MarketSyncError(.validation, "no eventId in the body", channel: channel, key: "eventId") }
            guard !text.isEmpty else { return [] }
            return text.split(separator: ",").map { MarketSync.ChannelEvent(channel: channel, id: String($0), type: "PO_CREATED", orderID: "PO-\($0)") }
        }
    }

    /// Records ids once; refuses an id starting with `refuse`.
    final class RecordingSink: ChannelEventSink {
        let seen = Mutex<[String]>([])
        func receive(_ event: MarketSync.ChannelEvent) async -> ChannelEventReceipt {
            if event.id.hasPrefix("refuse") { return .refused("the store cannot record the event now") }
            return seen.withLock { seen in
                if seen.contains(event.id) { return .duplicate }
                seen.append(event.id)
                return .accepted
            }
        }
    }

    func endpoint(_ sink: RecordingSink, maxBody: Int = 4096) throws -> StatusEndpoint {
        let wiring = try StatusWiring()
        let intake = WebhookIntake(sink: sink, webhook: { $0 == "walmart" ? ScriptedWebhook(channel: $0) : nil })
        return StatusEndpoint(source: wiring.endpoint.source, registry: wiring.registry,
                              settings: StatusEndpointSettings(address: HTTPListenAddress(host: "127.0.0.1", port: 0), maxWebhookBodyBytes: maxBody),
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), webhooks: intake)
    }

    func post(_ client: some TestClientProtocol, _ path: String = "/webhooks/walmart", body: String, auth: String? = "ok") async throws
        -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let auth { headers[.authorization] = auth }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:])
        }
    }

    @Test func everyOutcomeHasItsStatus() async throws {
        let sink = RecordingSink()
        try await endpoint(sink).application().test(.live) { client in
            let first = try await post(client, body: "e1,e2")
            #expect(first.status == .ok)
            #expect(first.json["accepted"] as? Int == 2 && first.json["duplicate"] as? Int == 0)
            let again = try await post(client, body: "e2")
            #expect(again.status == .ok)
            #expect(again.json["accepted"] as? Int == 0 && again.json["duplicate"] as? Int == 1)
            let none = try await post(client, body: "")
            #expect(none.status == .ok && none.json["accepted"] as? Int == 0)

            let unauthorized = try await post(client, body: "e3", auth: "wrong")
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.json["error"] as? String == "authentication failed", "no detail leaks: \(unauthorized.json)")

            let malformed = try await post(client, body: "bad")
            #expect(malformed.status == .badRequest)
            #expect((malformed.json["error"] as? String)?.contains("no eventId") == true)

            let unknown = try await post(client, "/webhooks/epinduo", body: "e4")
            #expect(unknown.status == .notFound)

            let refused = try await post(client, body: "e5,refuse-1")
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.json["accepted"] as? Int == 1)

            try await client.execute(uri: "/webhooks/walmart", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
        #expect(sink.seen.withLock { $0 } == ["e1", "e2", "e5"])
    }

    @Test func aBodyOverTheLimitIsRefusedUnread() async throws {
        let registry = PrometheusBootstrap.registry()
        let sink = RecordingSink()
        try await endpoint(sink, maxBody: 64).application().test(.live) { client in
            let big = try await post(client, body: Array(repeating: "e", count: 40).enumerated().map { "\($0.element)\($0.offset)" }.joined(separator: ","))
            #expect(big.status == .contentTooLarge)
            // The status routes keep their own 4 KiB limit beside the webhook route.
            let filler = ByteBuffer(string: String(repeating: "x", count: 5000))
            try await client.execute(uri: "/api/status", method: .get, body: filler) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(sink.seen.withLock { $0 }.isEmpty)
        // Refused by the route, which counts it, even though the request declared its length up front.
        let metrics = registry.emitToString()
        #expect(metrics.contains(#"marketsync_webhook_rejections_total{channel="walmart",reason="too_large"}"#), "\(metrics)")
    }

    @Test func withoutAnIntakeThereIsNoWebhookRoute() async throws {
        let wiring = try StatusWiring()
        try await wiring.endpoint.application().test(.live) { client in
            try await client.execute(uri: "/webhooks/walmart", method: .post, body: ByteBuffer(string: "e1")) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
