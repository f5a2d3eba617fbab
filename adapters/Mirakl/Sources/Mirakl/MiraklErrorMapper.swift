internal import Foundation
internal import MarketSync

/// Maps Mirakl's answers to `MarketSyncError` codes by HTTP status (docs/channels.md, "Errors and throttling"): the
/// error body's field names are unconfirmed, so the status decides and whatever `code`/`message` the body carries
/// only goes into the reason text, masked and cut short.
struct MiraklErrorMapper: Sendable, CustomReflectable {
    /// The channel errors are reported for.
    var channel: ChannelID
    /// Values never quoted from a body (the shop's key).
    var secrets: [String]

    /// Reflection leaves the secrets out, so `dump` of an adapter cannot show the key.
    var customMirror: Mirror {
        Mirror(self, children: ["channel": channel, "secrets": "<redacted>"], displayStyle: .struct)
    }

    /// Throws the mapped error for a status outside 2xx; returns for 2xx.
    ///
    /// - 401/403 → `.unauthorized` (stops the channel);
    /// - 429 → `.rateLimited` with `Retry-After` seconds;
    /// - 5xx → `.channelUnavailable`, retryable;
    /// - 400 and 404 → `.validation` about `subject` (an order, an import), with the body's reason;
    /// - anything else → `.protocolViolation`.
    func check(_ response: WireResponse, call: MiraklCall, subject: String? = nil, sku: SKU? = nil) throws(MarketSyncError) {
        let status = response.status
        guard !(200...299).contains(status) else { return }
        let about = subject.map { " (\($0))" } ?? ""
        switch status {
        case 401, 403:
            throw MarketSyncError(.unauthorized, "\(channel) \(call): the API key was refused (HTTP \(status))", channel: channel,
                                  sku: sku, key: "credentials.api_key")
        case 429:
            throw MarketSyncError(.rateLimited, "\(channel) \(call): throttled (HTTP 429)", channel: channel, sku: sku,
                                  retryAfter: Self.retryAfter(response))
        case 500...599:
            throw MarketSyncError(.channelUnavailable, "\(channel) \(call): HTTP \(status)\(about)", channel: channel, sku: sku,
                                  retryAfter: Self.retryAfter(response))
        case 400, 404:
            throw MarketSyncError(.validation, "\(channel) \(call)\(about): HTTP \(status) \(reason(response.body))",
                                  channel: channel, sku: sku, key: subject)
        default:
            throw MarketSyncError(.protocolViolation, "\(channel) \(call)\(about): unexpected HTTP \(status) \(reason(response.body))",
                                  channel: channel, sku: sku, key: subject)
        }
    }

    /// The top-level JSON object of a 2xx answer (after ``check(_:call:subject:sku:)``), or `.garbledResponse` for a
    /// body that is not one: Mirakl answers JSON, so an HTML page or a cut-off answer comes from between us and it,
    /// and the call is retried like a 5xx.
    func object(_ response: WireResponse, call: MiraklCall, subject: String? = nil, sku: SKU? = nil) throws(MarketSyncError) -> [String: Any] {
        try check(response, call: call, subject: subject, sku: sku)
        guard let object = MiraklJSON.object(response.body) else {
            throw garbled(response, call: call, sku: sku)
        }
        return object
    }

    /// `.garbledResponse` naming the call and quoting a short, masked excerpt of the body.
    func garbled(_ response: WireResponse, call: MiraklCall, sku: SKU? = nil) -> MarketSyncError {
        MarketSyncError(.garbledResponse, "\(channel) \(call): HTTP \(response.status) with a body that is not the documented JSON "
                        + "(\(response.body.count) bytes): \"\(excerpt(response.body))\"", channel: channel, sku: sku)
    }

    /// `.protocolViolation`: a readable answer that is not what the documentation says (a field missing or of another
    /// type), naming the call, the field and a short excerpt. Never retried: the same answer would come again.
    func unreadable(_ body: Data, call: MiraklCall, field: String, subject: String? = nil) -> MarketSyncError {
        let about = subject.map { " \($0)" } ?? ""
        return MarketSyncError(.protocolViolation, "\(channel) \(call): answered\(about) without a readable \(field): \"\(excerpt(body))\"",
                               channel: channel, key: field)
    }

    /// A short, masked quote of `body`.
    func excerpt(_ body: Data) -> String {
        ResponseExcerpt.make(body, redacting: secrets)
    }

    /// The reason an error body gives: its `code` and `message` (also inside `errors[]`) when it is JSON, else an
    /// excerpt; masked either way.
    func reason(_ body: Data) -> String {
        guard let object = MiraklJSON.object(body) else { return "\"\(excerpt(body))\"" }
        var parts: [String] = []
        for key in ["code", "message"] {
            if let text = object[key] as? String, !text.isEmpty { parts.append(text) }
        }
        for entry in object["errors"] as? [Any] ?? [] {
            guard let error = entry as? [String: Any] else { continue }
            for key in ["code", "field", "message"] {
                if let text = error[key] as? String, !text.isEmpty { parts.append(text) }
            }
        }
        let text = parts.isEmpty ? String(decoding: body, as: UTF8.self) : parts.joined(separator: ": ")
        return "\"\(ResponseExcerpt.make(Data(text.utf8), redacting: secrets))\""
    }

    /// `Retry-After` in seconds (Mirakl sends seconds; the HTTP-date form is ignored).
    static func retryAfter(_ response: WireResponse) -> Duration? {
        guard let text = response.header("Retry-After")?.trimmingWhitespace(), let seconds = Int64(text), seconds >= 0 else {
            return nil
        }
        return .seconds(seconds)
    }
}
