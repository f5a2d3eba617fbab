import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing
import Walmart
import WalmartSandbox

/// Walmart's webhook deliveries as the worker's endpoint reads them (docs/channels.md, "Notifications (webhooks)"):
/// the HMAC signature and basic credentials, the payload, and the subscriptions made at start.
@Suite struct WalmartWebhookTests {
    static let body = #"{"source":{"eventType":"PO_CREATED","eventId":"evt-1","eventTime":"2026-11-20T08:00:00.000Z"},"#
        + #""payload":{"purchaseOrderId":"PO-1"}}"#
    /// `Fake.start` in epoch seconds, the form Walmart's "Security and authenticity" page gives `WM_SEC.TIMESTAMP`.
    static let timestamp = "1795161600"
    /// Computed with OpenSSL, not with the code under test:
    /// `H=$(printf '%s' "$BODY" | openssl dgst -sha256 -hex | awk '{print $2}')`;
    /// `printf 'POST\n/webhooks/walmart\n1795161600\n%s' "$H" | openssl dgst -sha256 -hmac wm-fake-secret-0001 -binary | base64`.
    static let knownSignature = "ICvcKqaSWmQ08/NaT8QqziEtjhlcYIrCA2I+eeukJgw="

    static let webhookURL = URL(string: "https://sync.example.com/webhooks/walmart") ?? Fake.endpoint

    func webhook(_ auth: WalmartWebhookSettings.Authentication = .hmac, secret: String = Fake.secret, clock: ManualClock = ManualClock(now: Fake.start),
                 transport: any Transport = UnusedWebhookTransport()) -> WalmartWebhook {
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: secret)
        return WalmartWebhook(channel: "walmart", settings: settings, webhook: WalmartWebhookSettings(url: Self.webhookURL, authentication: auth),
                              transport: transport, clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func delivery(body: String = WalmartWebhookTests.body, signature: String? = WalmartWebhookTests.knownSignature,
                  timestamp: String? = WalmartWebhookTests.timestamp, extra: [HeaderField] = []) -> WebhookDelivery {
        var headers = [HeaderField("Content-Type", "application/json")] + extra
        if let signature { headers.append(HeaderField("WM_SEC.SIGNATURE", signature)) }
        if let timestamp { headers.append(HeaderField("WM_SEC.TIMESTAMP", timestamp)) }
        return WebhookDelivery(method: "POST", target: "/webhooks/walmart", headers: headers, body: Array(body.utf8))
    }

    /// A signed delivery of `body`, signed by the code under test (for payload cases).
    func signed(_ body: String) -> WebhookDelivery {
        let signature = WalmartWebhookSignature.sign(method: "POST", target: "/webhooks/walmart", timestamp: Self.timestamp, body: Array(body.utf8),
                                                     secret: Fake.secret)
        return delivery(body: body, signature: signature)
    }

    func expectRefused(_ webhook: WalmartWebhook, _ delivery: WebhookDelivery, _ code: MarketSyncError.Code = .unauthorized,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let events = try webhook.events(in: delivery)
            Issue.record("accepted: \(events)", sourceLocation: sourceLocation)
        } catch let error as MarketSyncError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains(Fake.secret), sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a MarketSyncError: \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Signature

    @Test func theSignatureMatchesAVectorComputedWithOpenSSL() {
        #expect(WalmartWebhookSignature.sign(method: "POST", target: "/webhooks/walmart", timestamp: Self.timestamp,
                                             body: Array(Self.body.utf8), secret: Fake.secret) == Self.knownSignature)
    }

    @Test func aDeliverySignedWithTheClientSecretIsReadIntoOneEvent() throws {
        let events = try webhook().events(in: delivery())
        #expect(events == [ChannelEvent(channel: "walmart", id: "evt-1", type: "PO_CREATED", orderID: "PO-1",
                                        occurredAt: Date(timeIntervalSince1970: 1_795_161_600))])
    }

    @Test func aTamperedBodyAWrongSecretOrAMissingSignatureIsRefused() {
        let tampered = Self.body.replacingOccurrences(of: "PO-1", with: "PO-2")
        expectRefused(webhook(), delivery(body: tampered))
        expectRefused(webhook(secret: "another-secret"), delivery())
        expectRefused(webhook(), delivery(signature: nil))
        expectRefused(webhook(), delivery(timestamp: nil))
        // The path is signed too: the same signature for another channel's path does not pass.
        var elsewhere = delivery()
        elsewhere.target = "/webhooks/walmart?x=1"
        expectRefused(webhook(), elsewhere)
    }

    @Test func aTimestampMoreThanFiveMinutesFromTheClockIsStale() throws {
        let late = ManualClock(now: Fake.start.addingTimeInterval(301))
        expectRefused(webhook(clock: late), delivery())
        let early = ManualClock(now: Fake.start.addingTimeInterval(-301))
        expectRefused(webhook(clock: early), delivery())
        let within = ManualClock(now: Fake.start.addingTimeInterval(299))
        #expect(try webhook(clock: within).events(in: delivery()).count == 1)
        // A timestamp in epoch milliseconds names the same instant: read as such, signed as sent.
        let millis = "1795161600000"
        let signed = WalmartWebhookSignature.sign(method: "POST", target: "/webhooks/walmart", timestamp: millis,
                                                  body: Array(Self.body.utf8), secret: Fake.secret)
        #expect(try webhook(clock: within).events(in: delivery(signature: signed, timestamp: millis)).count == 1)
        expectRefused(webhook(clock: late), delivery(signature: signed, timestamp: millis))
    }

    @Test func basicAuthenticationTakesTheConfiguredUserAndPasswordOnly() throws {
        let basic = webhook(.basic(user: "hook", password: "hook-pass"))
        let good = "Basic " + Data("hook:hook-pass".utf8).base64EncodedString()
        let bad = "Basic " + Data("hook:wrong".utf8).base64EncodedString()
        #expect(try basic.events(in: delivery(signature: nil, extra: [HeaderField("Authorization", good)])).count == 1)
        expectRefused(basic, delivery(signature: nil, extra: [HeaderField("Authorization", bad)]))
        // A valid HMAC does not stand in for the configured basic credentials.
        expectRefused(basic, delivery())
    }

    // MARK: Payload

    @Test func otherEventTypesGiveNoEventsAndTheAutoCancellationIsRead() throws {
        #expect(try webhook().events(in: signed(#"{"source":{"eventType":"OFFER_UNPUBLISHED","eventId":"e"},"payload":{}}"#)).isEmpty)
        let cancelled = try webhook().events(in: signed(
            #"{"source":{"eventType":"PO_LINE_AUTOCANCELLED","eventId":"e-2","eventTime":1795161600000},"payload":{"purchaseOrderId":"PO-9"}}"#))
        #expect(cancelled.map(\.type) == ["PO_LINE_AUTOCANCELLED"])
        #expect(cancelled.first?.orderID == "PO-9")
        let updates = try webhook().events(in: signed(
            #"{"source":{"eventType":"ORDER_UPDATES","eventId":"e-3"},"payload":{"subEventType":"PO_CREATED","purchaseOrderId":"PO-3"}}"#))
        #expect(updates.map(\.type) == ["PO_CREATED"])
        // The top-level fields of the older payloads are read too.
        let flat = try webhook().events(in: signed(#"{"eventType":"PO_CREATED","eventId":"e-4","payload":{"purchaseOrderId":"PO-4"}}"#))
        #expect(flat.map(\.id) == ["e-4"])
    }

    @Test(arguments: [
        ("not json", "body"),
        (#"{"source":{"eventId":"e"}}"#, "source.eventType"),
        (#"{"source":{"eventType":"PO_CREATED"},"payload":{"purchaseOrderId":"PO-1"}}"#, "source.eventId"),
        (#"{"source":{"eventType":"PO_CREATED","eventId":"e"},"payload":{}}"#, "payload.purchaseOrderId"),
        (#"{"source":{"eventType":"PO_CREATED","eventId":"e","eventTime":"yesterday"},"payload":{"purchaseOrderId":"P"}}"#, "source.eventTime"),
    ])
    func aMalformedBodyIsAValidationErrorNamingTheField(body: String, field: String) {
        do {
            _ = try webhook().events(in: signed(body))
            Issue.record("accepted \(body)")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.key == field, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    // MARK: Subscriptions

    @Test func subscribingCreatesBothOrderEventsOnceWithTheConfiguredAuthentication() async throws {
        let clock = ManualClock(now: Fake.start)
        let sandbox = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: clock)
        let transport = HandlerTransport { await sandbox.handle($0) }
        try await webhook(clock: clock, transport: transport).ensureSubscribed()
        try await webhook(clock: clock, transport: transport).ensureSubscribed()
        #expect(sandbox.requestCount("getAllSubscriptions") == 2)
        #expect(sandbox.requestCount("createSubscription") == 1)
        let listed = try await adminJSON(sandbox, "/_sandbox/webhooks/subscriptions")["subscriptions"] as? [[String: Any]] ?? []
        #expect(Set(listed.compactMap { $0["eventType"] as? String }) == ["PO_CREATED", "PO_LINE_AUTOCANCELLED"])
        #expect(listed.allSatisfy { $0["eventUrl"] as? String == Self.webhookURL.absoluteString })
        #expect(listed.allSatisfy { ($0["authDetails"] as? [String: Any])?["authMethod"] as? String == "HMAC" })
        // Basic: the ones with HMAC do not count; two more are made, with the user and password.
        try await webhook(.basic(user: "hook", password: "hook-pass"), clock: clock, transport: transport).ensureSubscribed()
        #expect(sandbox.requestCount("createSubscription") == 2)
        let all = try await adminJSON(sandbox, "/_sandbox/webhooks/subscriptions")["subscriptions"] as? [[String: Any]] ?? []
        #expect(all.filter { ($0["authDetails"] as? [String: Any])?["userName"] as? String == "hook" }.count == 2)
    }

    @Test func subscriptionsNeedAToken() async throws {
        let sandbox = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: ManualClock(now: Fake.start))
        let listing = await sandbox.handle(WireRequest(method: "GET", url: Fake.endpoint.appending(path: "v3/webhooks/subscriptions"),
                                                       headers: [HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "s")]))
        #expect(listing.status == 401)
        do {
            try await webhook(secret: "wrong", transport: HandlerTransport { await sandbox.handle($0) }).ensureSubscribed()
            Issue.record("subscribed with a wrong secret")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
        }
    }

    func adminJSON(_ sandbox: WalmartSandbox, _ path: String) async throws -> [String: Any] {
        let response = await sandbox.handle(WireRequest(method: "GET", url: Fake.endpoint.appending(path: String(path.dropFirst()))))
        return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }
}

/// A transport for webhooks that never subscribe.
struct UnusedWebhookTransport: Transport {
    func send(_ request: WireRequest) async throws -> WireResponse {
        throw MarketSyncError(.protocolViolation, "unexpected request \(request.method) \(request.url)")
    }
}
