internal import Foundation
internal import MarketSync

/// Reads an Epinduo router response into its success envelope, or maps it to a `MarketSyncError`
/// (docs/channels.md, "Errors"): the body is parsed before HTTP 200 is trusted, because errors come back
/// as `error_response` with status 200.
struct EpinduoErrorMapper: Sendable {
    /// The channel errors are reported for.
    public var channel: ChannelID
    /// Values never quoted from a body (the shop's access token and client secret).
    var secrets: [String]

    /// Error codes that mean the call was throttled: 70031 "call too frequent" and 52101 "this API is throttled, try
    /// again later", from the platform's common error codes (docs/channels.md, "Errors"). Messages saying "too
    /// frequent" count too, as some gateways word it without a known code.
    static let throttleCodes: Set<Int> = [70031, 52101]
    /// Error codes that mean the credentials, the signature or the app's rights were refused, so every call would
    /// fail alike: 10016 client_id wrong or offline, 10019 access_token expired, 20004 sign check failed, 20005 IP not
    /// on the allow list, 20031 the shop has not granted this API, 20032 access_token or client_id wrong; and 10035,
    /// our sandbox's "access_token invalid".
    static let unauthorizedCodes: Set<Int> = [10016, 10019, 10035, 20004, 20005, 20031, 20032]
    /// Error codes the platform answers when an API is down for a while and asks to try again later: 52102, 52103
    /// (degraded), 70033 (maintenance).
    static let unavailableCodes: Set<Int> = [52102, 52103, 70033]

    /// A mapper for `channel`; `secrets` are masked wherever a body is quoted.
    public init(channel: ChannelID, secrets: [String] = []) {
        self.channel = channel
        self.secrets = secrets
    }

    /// The decoded top-level JSON object of a successful response, or the mapped error.
    ///
    /// - 429 → `.rateLimited` with `Retry-After` seconds; 5xx → `.channelUnavailable`;
    /// - an `error_response` (whatever the status) → ``error(for:sku:)``;
    /// - a 2xx whose body is not a JSON object (a gateway's HTML page, an answer cut off) → `.garbledResponse`,
    ///   retryable: the platform's answers are JSON, so such a body comes from between us and it, and the next try
    ///   usually gets through (stock and price calls are full overwrites, safe to send again);
    /// - another non-2xx status → `.protocolViolation` (401/403 without an error body → `.unauthorized`).
    func envelope(of response: WireResponse, method: String, sku: SKU? = nil) throws(MarketSyncError) -> [String: Any] {
        if response.status == 429 {
            throw MarketSyncError(.rateLimited, "\(method) throttled (HTTP 429)", channel: channel, sku: sku,
                                  retryAfter: Self.retryAfter(response))
        }
        if (500...599).contains(response.status) {
            throw MarketSyncError(.channelUnavailable, "\(method) failed with HTTP \(response.status)",
                                  channel: channel, sku: sku, retryAfter: Self.retryAfter(response))
        }
        let object = try? JSONSerialization.jsonObject(with: response.body)
        if let object = object as? [String: Any], let failure = EpinduoErrorResponse(envelope: object) {
            var mapped = error(for: failure, sku: sku)
            // A throttle answered with HTTP 200 may still say when to come back.
            if mapped.code == .rateLimited, mapped.retryAfter == nil { mapped.retryAfter = Self.retryAfter(response) }
            throw mapped
        }
        guard (200...299).contains(response.status) else {
            if response.status == 401 || response.status == 403 {
                throw MarketSyncError(.unauthorized, "\(method) refused with HTTP \(response.status)", channel: channel, sku: sku)
            }
            throw MarketSyncError(.protocolViolation, "\(method) answered HTTP \(response.status)", channel: channel, sku: sku)
        }
        guard let object = object as? [String: Any] else {
            // Only a short, masked excerpt is quoted: the body may carry buyer data.
            let excerpt = ResponseExcerpt.make(response.body, redacting: secrets)
            throw MarketSyncError(.garbledResponse, "\(channel) \(method): HTTP \(response.status) with a body that is not JSON "
                                  + "(\(response.body.count) bytes): \"\(excerpt)\"", channel: channel, sku: sku)
        }
        return object
    }

    /// The payload under the method's `*_response` key; fails with `.validation` when it says
    /// `is_success: false` (there is no partial-failure shape: docs/channels.md, "Errors").
    func successPayload(_ envelope: [String: Any], key: String?, method: String, sku: SKU?) throws(MarketSyncError) -> [String: Any] {
        let payload: [String: Any]?
        if let key, let exact = envelope[key] as? [String: Any] {
            payload = exact
        } else {
            // Method names are configuration, so the envelope key may differ from the Pinduoduo one:
            // take the one `*_response` object there is.
            let candidates = envelope.filter { $0.key.hasSuffix("_response") && $0.key != "error_response" }
            payload = candidates.count == 1 ? candidates.first?.value as? [String: Any] : nil
        }
        guard let payload else {
            throw MarketSyncError(.protocolViolation, "\(method) answered without a response envelope", channel: channel, sku: sku)
        }
        if EpinduoJSON.bool(payload["is_success"]) == false {
            throw MarketSyncError(.validation, "\(method) answered is_success=false", channel: channel, sku: sku,
                                  key: "is_success")
        }
        return payload
    }

    /// Maps an `error_response` (its `request_id` kept as the error's `channelRequestID`): throttling → `.rateLimited`; an API down for a while → `.channelUnavailable`;
    /// credential or signature errors → `.unauthorized`; anything else → `.validation` keyed by `sub_code` (or
    /// `error_code=N`).
    public func error(for failure: EpinduoErrorResponse, sku: SKU? = nil) -> MarketSyncError {
        let message = [failure.errorMessage, failure.subMessage ?? ""].filter { !$0.isEmpty }.joined(separator: ": ")
        let text = message.isEmpty ? "error_code=\(failure.errorCode)" : message
        let id = failure.requestID
        if Self.isThrottle(failure) {
            return MarketSyncError(.rateLimited, text, channel: channel, sku: sku, channelRequestID: id, underlying: failure)
        }
        if Self.unavailableCodes.contains(failure.errorCode) {
            return MarketSyncError(.channelUnavailable, text, channel: channel, sku: sku, channelRequestID: id, underlying: failure)
        }
        if Self.unauthorizedCodes.contains(failure.errorCode) {
            return MarketSyncError(.unauthorized, text, channel: channel, sku: sku,
                                   key: failure.subCode ?? "error_code=\(failure.errorCode)", channelRequestID: id, underlying: failure)
        }
        return MarketSyncError(.validation, text, channel: channel, sku: sku,
                               key: failure.subCode ?? "error_code=\(failure.errorCode)", channelRequestID: id, underlying: failure)
    }

    /// Whether an error response means "slow down".
    static func isThrottle(_ failure: EpinduoErrorResponse) -> Bool {
        if throttleCodes.contains(failure.errorCode) { return true }
        let text = "\(failure.errorMessage) \(failure.subMessage ?? "") \(failure.subCode ?? "")".lowercased()
        return text.contains("too frequent") || text.contains("频繁")
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by the platform and is ignored).
    static func retryAfter(_ response: WireResponse) -> Duration? {
        guard let text = response.header("Retry-After")?.trimmingWhitespace(), let seconds = Int64(text), seconds >= 0 else {
            return nil
        }
        return .seconds(seconds)
    }
}
