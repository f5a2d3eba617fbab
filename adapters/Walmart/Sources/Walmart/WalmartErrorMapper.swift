internal import Foundation
internal import MarketSync

/// Reads a Walmart answer into its JSON object, or maps it to a `MarketSyncError` (docs/channels.md, "Errors and
/// throttling"). The body is read before a 200 is trusted: `errors[]` also comes inside 200 answers.
///
/// - 429, or `REQUEST_THRESHOLD_VIOLATED` → `.rateLimited`, waiting what `Retry-After` says, else what
///   `X-Next-Replenishment-Time` says, else 60 s;
/// - 500–599 and `SYSTEM_ERROR`, `INVALID_SYSTEM_STATE`, `DOWNSTREAM_SYSTEM_TIME_OUT`, `RESOURCE_IS_LOCKED.*` (423)
///   → `.channelUnavailable` (retryable);
/// - 401, 403, `UNAUTHORIZED`, `FORBIDDEN.*` → `.unauthorized` (the call layer takes a new token once first);
/// - a header, method or media type Walmart refuses (`INVALID_REQUEST_HEADER`, `MISSING_REQUEST_HEADER`,
///   `METHOD_NOT_ALLOWED`, `INVALID_ACCEPT_TYPE`, `UNSUPPORTED_MEDIA_TYPE`, `URI_NOT_FOUND`) → `.protocolViolation`:
///   the request is wrong whatever the item, so no item is parked for it;
/// - any other code (`INVALID_REQUEST_*`, `MISSING_REQUEST_PARAM`, `MALFORMED_REQUEST_CONTENT`, `CONTENT_NOT_FOUND`,
///   413 for a feed file too big) → `.validation` keyed by the error's `field`, else its code;
/// - a 2xx body that is not a JSON object (a gateway's HTML page, an answer cut off) → `.garbledResponse`
///   (retryable), quoting a short, masked excerpt;
/// - another status without a readable body → `.protocolViolation` naming it.
struct WalmartErrorMapper: Sendable {
    /// The channel errors are reported for.
    var channel: ChannelID
    /// Values never quoted from a body (the client secret).
    var secrets: [String]

    /// Codes meaning the request itself is malformed (a header, method or media type), not an item's value.
    static let requestShapeCodes: Set<String> = [
        "INVALID_REQUEST_HEADER", "MISSING_REQUEST_HEADER", "METHOD_NOT_ALLOWED", "INVALID_ACCEPT_TYPE",
        "UNSUPPORTED_MEDIA_TYPE", "URI_NOT_FOUND",
    ]
    /// Codes meaning Walmart's side is failing for a while.
    static let unavailableCodes: Set<String> = ["SYSTEM_ERROR", "INVALID_SYSTEM_STATE", "DOWNSTREAM_SYSTEM_TIME_OUT"]
    /// The throttling code.
    static let throttleCode = "REQUEST_THRESHOLD_VIOLATED"
    /// The code of a partial result (HTTP 206): what came is kept.
    static let partialCode = "SOME_CONTENT_NOT_FOUND"
    /// What Walmart answers when nothing matches a read.
    static let notFoundCode = "CONTENT_NOT_FOUND"
    /// The wait after a 429 that says nothing about when to come back (docs/channels.md: "else backs off from 60 s").
    static let defaultThrottleWait: Duration = .seconds(60)

    /// The answer's JSON object, or the mapped error. `extraSecrets` (the token in use) are masked like `secrets`.
    func object(of response: WireResponse, operation: String, sku: SKU?, key: String?, now: Date,
                extraSecrets: [String] = []) throws(MarketSyncError) -> [String: Any] {
        let object = WalmartJSON.object(response.body)
        var entries = object.map(WalmartGatewayError.entries(in:)) ?? []
        let success = (200...299).contains(response.status)
        if success { entries.removeAll { $0.baseCode == Self.partialCode } }
        let subject = "\(channel) \(operation)"
        if response.status == 429 || entries.contains(where: { $0.baseCode == Self.throttleCode }) {
            throw MarketSyncError(.rateLimited, "\(subject) throttled (HTTP \(response.status)\(entries.first.map { " \($0.code)" } ?? ""))",
                                  channel: channel, sku: sku, key: key,
                                  retryAfter: Self.retryAfter(response, now: now) ?? Self.defaultThrottleWait,
                                  underlying: entries.first)
        }
        if success {
            guard let object else {
                let excerpt = ResponseExcerpt.make(response.body, redacting: secrets + extraSecrets)
                throw MarketSyncError(.garbledResponse, "\(subject): HTTP \(response.status) with a body that is not a JSON object "
                                      + "(\(response.body.count) bytes): \"\(excerpt)\"", channel: channel, sku: sku, key: key)
            }
            if let first = entries.first { throw error(for: first, status: response.status, subject: subject, sku: sku, key: key, extraSecrets: extraSecrets) }
            return object
        }
        if (500...599).contains(response.status) || response.status == 423 {
            throw MarketSyncError(.channelUnavailable, "\(subject) failed with HTTP \(response.status)"
                                  + (entries.first.map { " \(text($0, extraSecrets))" } ?? ""),
                                  channel: channel, sku: sku, key: key, retryAfter: Self.retryAfter(response, now: now),
                                  underlying: entries.first)
        }
        if response.status == 401 || response.status == 403 {
            throw MarketSyncError(.unauthorized, "\(subject) refused with HTTP \(response.status)"
                                  + (entries.first.map { " \(text($0, extraSecrets))" } ?? ""),
                                  channel: channel, sku: sku, key: key, underlying: entries.first)
        }
        if let first = entries.first { throw error(for: first, status: response.status, subject: subject, sku: sku, key: key, extraSecrets: extraSecrets) }
        let excerpt = ResponseExcerpt.make(response.body, redacting: secrets + extraSecrets)
        if response.status == 413 {
            throw MarketSyncError(.validation, "\(subject): HTTP 413, the feed file is larger than Walmart takes", channel: channel,
                                  sku: sku, key: key ?? "file")
        }
        throw MarketSyncError(.protocolViolation, "\(subject) answered HTTP \(response.status) without Walmart's errors[]"
                              + (excerpt.isEmpty ? "" : ": \"\(excerpt)\""), channel: channel, sku: sku, key: key)
    }

    /// The error one `errors[]` entry maps to, for an answer of `status`.
    func error(for entry: WalmartGatewayError, status: Int, subject: String, sku: SKU?, key: String?,
               extraSecrets: [String] = []) -> MarketSyncError {
        let message = "\(subject): HTTP \(status) \(text(entry, extraSecrets))"
        // Walmart suffixes some codes with the API that answered (`CONTENT_NOT_FOUND.GMP_ORDER_API`).
        let base = entry.baseCode
        if base == "UNAUTHORIZED" || base == "FORBIDDEN" {
            return MarketSyncError(.unauthorized, message, channel: channel, sku: sku, key: key, underlying: entry)
        }
        if Self.unavailableCodes.contains(base) || base == "RESOURCE_IS_LOCKED" {
            return MarketSyncError(.channelUnavailable, message, channel: channel, sku: sku, key: key, underlying: entry)
        }
        if Self.requestShapeCodes.contains(base) {
            return MarketSyncError(.protocolViolation, message, channel: channel, sku: sku, key: entry.field ?? entry.code, underlying: entry)
        }
        return MarketSyncError(.validation, message, channel: channel, sku: sku, key: entry.field ?? entry.code, underlying: entry)
    }

    /// An entry's text for a message: its code, field and a short masked excerpt of its description.
    private func text(_ entry: WalmartGatewayError, _ extraSecrets: [String]) -> String {
        var out = entry.code
        if let field = entry.field { out += " (\(field))" }
        if let text = entry.text { out += ": \(ResponseExcerpt.make(text, redacting: secrets + extraSecrets))" }
        return out
    }

    /// How long the answer asks to wait: `Retry-After` in seconds; else `X-Next-Replenishment-Time` (epoch
    /// milliseconds when it is that large, else seconds), as Walmart's supplier APIs document it; nil when neither.
    static func retryAfter(_ response: WireResponse, now: Date) -> Duration? {
        if let text = response.header("Retry-After")?.trimmingWhitespace(), let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        if let text = response.header("X-Next-Replenishment-Time")?.trimmingWhitespace(), let value = Double(text), value.isFinite, value >= 0 {
            if value > 1e11 {
                let wait = value / 1000 - now.timeIntervalSince1970
                return .milliseconds(Int64((max(wait, 0) * 1000).rounded(.up)))
            }
            return .milliseconds(Int64((value * 1000).rounded(.up)))
        }
        return nil
    }
}
