internal import CoreMetrics
public import Logging
public import MarketSync

/// Takes one webhook delivery for a channel and says how to answer it, without HTTP: the route hands it the raw
/// request and writes out the answer.
///
/// - 200 `{"accepted": N, "duplicate": M}` once every event was received (none for a kind the worker does not act
///   on, so the channel stops sending it);
/// - 401 `{"error": "authentication failed"}` whatever failed (the reason goes to the log only);
/// - 400 with the reason when the body cannot be read;
/// - 404 when the channel has no webhook;
/// - 503 when the sink refused an event (nothing recorded for it), so the channel delivers it again.
///
/// Every refusal counts in `marketsync_webhook_rejections_total{channel, reason}` (`reason`: `unauthorized`,
/// `malformed`, `no_webhook`, `refused`, `too_large`); a channel the worker does not know is counted as `unknown`, so
/// no caller can grow the metric's labels.
public struct WebhookReceiver: Sendable {
    /// How the endpoint answers.
    public struct Answer: Sendable, Hashable {
        /// The HTTP status.
        public var status: Int
        /// The JSON body's fields: counts, or `error`.
        public var counts: [String: Int]
        /// The `error` text, if refused.
        public var error: String?
    }

    /// The channels' webhooks and the sink.
    public let intake: WebhookIntake
    /// Where refusals are logged.
    public let logger: Logger

    /// A receiver over `intake`.
    public init(intake: WebhookIntake, logger: Logger) {
        self.intake = intake
        self.logger = logger
    }

    /// The answer to `delivery`, made to `/webhooks/{channel}`.
    public func receive(channel name: String, _ delivery: WebhookDelivery) async -> Answer {
        let channel = ChannelID(name)
        guard let webhook = intake.webhook(channel) else {
            return reject(nil, "no_webhook", status: 404, error: "no webhook for channel \(name.prefix(64))")
        }
        let events: [ChannelEvent]
        do {
            events = try webhook.events(in: delivery)
        } catch let error as MarketSyncError where error.code == .unauthorized {
            return reject(channel, "unauthorized", status: 401, error: "authentication failed", detail: error.message)
        } catch let error as MarketSyncError {
            return reject(channel, "malformed", status: 400, error: error.message)
        } catch {
            return reject(channel, "malformed", status: 400, error: "the delivery cannot be read")
        }
        var accepted = 0, duplicate = 0
        var refusal: String?
        for event in events {
            switch await intake.sink.receive(event) {
            case .accepted: accepted += 1
            case .duplicate: duplicate += 1
            case let .refused(reason): refusal = refusal ?? reason
            }
        }
        if let refusal {
            var answer = reject(channel, "refused", status: 503, error: refusal)
            answer.counts = ["accepted": accepted, "duplicate": duplicate]
            return answer
        }
        return Answer(status: 200, counts: ["accepted": accepted, "duplicate": duplicate], error: nil)
    }

    /// A body over the endpoint's limit, for `channel` (known or not).
    func tooLarge(channel name: String, limit: Int) -> Answer {
        let channel = intake.webhook(ChannelID(name)) == nil ? nil : ChannelID(name)
        return reject(channel, "too_large", status: 413, error: "request body over \(limit) bytes")
    }

    /// Counts and logs a refusal; `detail` (never a secret) goes to the log only.
    private func reject(_ channel: ChannelID?, _ reason: String, status: Int, error: String, detail: String? = nil) -> Answer {
        Counter(label: "marketsync_webhook_rejections_total",
                dimensions: [("channel", channel?.rawValue ?? "unknown"), ("reason", reason)]).increment()
        logger.warning("webhook delivery refused", metadata: [
            LogKey.channel: "\(channel?.rawValue ?? "unknown")", "webhook.reason": "\(reason)", LogKey.httpStatus: "\(status)",
            LogKey.errorMessage: "\(detail ?? error)",
        ])
        return Answer(status: status, counts: [:], error: error)
    }
}
