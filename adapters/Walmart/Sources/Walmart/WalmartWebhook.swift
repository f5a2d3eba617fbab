internal import Foundation
public import Logging
public import MarketSync

/// How the worker's endpoint checks and reads Walmart's webhook deliveries, and how it subscribes to them
/// (docs/channels.md, "Notifications (webhooks)").
///
/// Authentication, as configured: HMAC (``WalmartWebhookSignature``: `WM_SEC.SIGNATURE` over the method, path and
/// query, `WM_SEC.TIMESTAMP` and the body's SHA-256, keyed by the client secret, compared in constant time; a
/// timestamp more than 5 minutes from the clock is stale) or BASIC (`Authorization: Basic` with the configured user
/// and password). Any failure is `.unauthorized` with a message that names no secret.
public struct WalmartWebhook: ChannelWebhook {
    /// The channel whose deliveries it reads.
    public let channel: ChannelID
    /// The public URL and the authentication.
    public let webhook: WalmartWebhookSettings

    let settings: WalmartSettings
    let client: WalmartClient
    let clock: any SyncClock
    let logger: Logger

    /// A webhook reader for one seller account; `transport` reaches Walmart's API (to subscribe).
    public init(channel: ChannelID, settings: WalmartSettings, webhook: WalmartWebhookSettings, transport: any Transport,
                clock: any SyncClock, logger: Logger) {
        self.channel = channel
        self.settings = settings
        self.webhook = webhook
        self.clock = clock
        self.logger = logger
        var secrets = [settings.clientSecret]
        if case let .basic(_, password) = webhook.authentication { secrets.append(password) }
        client = WalmartClient(channel: channel, settings: settings, transport: transport, clock: clock, logger: logger,
                               tokens: WalmartTokenCache(), errors: WalmartErrorMapper(channel: channel, secrets: secrets),
                               correlationID: { UUID().uuidString })
    }

    /// Checks the delivery's authentication, then reads its events (``WalmartWebhookPayload``).
    public func events(in delivery: WebhookDelivery) throws -> [ChannelEvent] {
        try authenticate(delivery)
        return try WalmartWebhookPayload.events(in: delivery.body, channel: channel)
    }

    /// Throws `.unauthorized` unless the delivery carries the configured authentication.
    func authenticate(_ delivery: WebhookDelivery) throws {
        func refused(_ why: String) -> MarketSyncError {
            MarketSyncError(.unauthorized, "\(channel) webhook: \(why)", channel: channel, key: "webhook")
        }
        switch webhook.authentication {
        case let .basic(user, password):
            guard let header = delivery.header("Authorization") else { throw refused("no Authorization header") }
            let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            guard WalmartWebhookSignature.constantTimeEquals(header.trimmingCharacters(in: .whitespaces), expected) else {
                throw refused("wrong basic credentials")
            }
        case .hmac:
            guard let signature = delivery.header(WalmartWebhookSignature.signatureHeader)?.trimmingCharacters(in: .whitespaces),
                  !signature.isEmpty else {
                throw refused("no \(WalmartWebhookSignature.signatureHeader) header")
            }
            guard let timestamp = delivery.header(WalmartWebhookSignature.timestampHeader)?.trimmingCharacters(in: .whitespaces),
                  let signedAt = WalmartWebhookSignature.date(ofTimestamp: timestamp) else {
                throw refused("no readable \(WalmartWebhookSignature.timestampHeader) header")
            }
            let skew = abs(signedAt.timeIntervalSince(clock.now()))
            guard skew <= WalmartWebhookSignature.tolerance else {
                throw refused("stale \(WalmartWebhookSignature.timestampHeader) (\(Int(skew)) s from now)")
            }
            let expected = WalmartWebhookSignature.sign(method: delivery.method, target: delivery.target, timestamp: timestamp,
                                                        body: delivery.body, secret: settings.clientSecret)
            guard WalmartWebhookSignature.constantTimeEquals(signature, expected) else { throw refused("signature does not match") }
        }
    }
}
