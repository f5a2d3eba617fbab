internal import Foundation
public import MarketSync

/// Reads the body of one Walmart webhook delivery into the events the worker acts on (docs/channels.md,
/// "Notifications (webhooks)"). The event's `eventType`, `eventId` and `eventTime` are read from `source` (the
/// published payloads) or, failing that, from the top level; the order from `payload.purchaseOrderId`. Walmart's
/// newer order event (`eventType: ORDER_UPDATES`) names the event in `payload.subEventType`.
public enum WalmartWebhookPayload {
    /// The order events the worker acts on: a new purchase order, and a line Walmart cancelled itself.
    public static let orderEvents: Set<String> = ["PO_CREATED", "PO_LINE_AUTOCANCELLED"]

    /// The events of `body` for `channel`: one for `PO_CREATED` or `PO_LINE_AUTOCANCELLED`, none for any other type.
    ///
    /// - Throws: `MarketSyncError` `.validation` naming what is wrong when the body is not a JSON object, has no
    ///   event type, or is an order event without `eventId` or `payload.purchaseOrderId`.
    public static func events(in body: [UInt8], channel: ChannelID) throws -> [ChannelEvent] {
        func invalid(_ message: String, _ field: String) -> MarketSyncError {
            MarketSyncError(.validation, "\(channel) webhook: \(message)", channel: channel, key: field)
        }
        guard let object = WalmartJSON.object(Data(body)) else {
            throw invalid("the body is not a JSON object (\(body.count) bytes)", "body")
        }
        let source = object["source"] as? [String: Any] ?? [:]
        func text(_ name: String) -> String? {
            (WalmartJSON.string(source[name]) ?? WalmartJSON.string(object[name])).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard var type = text("eventType") else { throw invalid("no source.eventType", "source.eventType") }
        let payload = object["payload"] as? [String: Any]
        if type == "ORDER_UPDATES", let sub = payload.flatMap({ WalmartJSON.string($0["subEventType"]) }) { type = sub }
        guard orderEvents.contains(type) else { return [] }
        guard let id = text("eventId") else { throw invalid("\(type) without source.eventId", "source.eventId") }
        guard let payload else { throw invalid("\(type) \(id) without a payload object", "payload") }
        guard let order = WalmartJSON.string(payload["purchaseOrderId"]) ?? WalmartJSON.wholeNumber(payload["purchaseOrderId"]).map(String.init),
              !order.isEmpty else {
            throw invalid("\(type) \(id) without payload.purchaseOrderId", "payload.purchaseOrderId")
        }
        var occurred: Date?
        if let time = source["eventTime"] ?? object["eventTime"] {
            guard let date = WalmartOrderDTO.date(time) ?? Self.isoDate(time) else {
                throw invalid("\(type) \(id): eventTime is neither epoch milliseconds nor an ISO 8601 time", "source.eventTime")
            }
            occurred = date
        }
        return [ChannelEvent(channel: channel, id: id, type: type, orderID: order, occurredAt: occurred)]
    }

    /// An ISO 8601 time with or without fractional seconds (`2026-11-20T08:00:00.000Z`).
    static func isoDate(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
