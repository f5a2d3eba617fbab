internal import Foundation
internal import Logging
internal import MarketSync

/// Log metadata keys of the Walmart adapter, declared once.
enum WalmartLogKey {
    /// The document's `operationId` of a call.
    static let operation = "walmart.operation"
    /// The `WM_QOS.CORRELATION_ID` sent with a call: what Walmart's support asks for.
    static let correlationID = "walmart.correlation_id"
}

/// Sends Walmart calls (docs/channels.md, "Every call"): takes a token with the client credentials and keeps it until
/// a minute before `expires_in` runs out (by the injected clock), adds the headers every call needs
/// (`WM_SEC.ACCESS_TOKEN`, a new `WM_QOS.CORRELATION_ID`, `WM_SVC.NAME`, `Accept`), and on a 401 takes a new token
/// once and sends the call again; a second 401 is `.unauthorized`.
struct WalmartClient: Sendable {
    let channel: ChannelID
    let settings: WalmartSettings
    let transport: any Transport
    let clock: any SyncClock
    let logger: Logger
    let tokens: WalmartTokenCache
    let errors: WalmartErrorMapper
    /// Makes the correlation id of each request (a new UUID unless a test says otherwise).
    let correlationID: @Sendable () -> String

    /// How long before its expiry a token is replaced (docs/channels.md: "60 s before `expires_in` runs out").
    static let refreshMargin: TimeInterval = 60

    /// Sends `request` with a valid token; on a 401 takes a new token and sends it once more. Returns the answer's
    /// JSON object or throws the mapped error.
    func call(_ request: WalmartRequest) async throws -> WalmartAnswer {
        var token = try await accessToken()
        var response = try await send(request, token: token)
        if response.status == 401 {
            tokens.discard(token)
            token = try await accessToken()
            response = try await send(request, token: token)
        }
        let object = try errors.object(of: response, operation: request.operation, sku: request.sku, key: request.key,
                                       now: clock.now(), extraSecrets: [token])
        return WalmartAnswer(object: object, status: response.status, body: response.body, channel: channel,
                             operation: request.operation, sku: request.sku, key: request.key,
                             secrets: [settings.clientSecret, token])
    }

    /// The token in use, or a new one (`tokenAPI`) when there is none or it runs out within a minute.
    func accessToken() async throws -> String {
        let started = clock.now()
        if let cached = tokens.token(at: started, margin: Self.refreshMargin) { return cached.value }
        let operation = "tokenAPI"
        let credentials = Data("\(settings.clientID):\(settings.clientSecret)".utf8).base64EncodedString()
        var request = WalmartRequest(operation, "POST", path: ["v3", "token"], body: Data("grant_type=client_credentials".utf8),
                                     contentType: "application/x-www-form-urlencoded")
        request.key = "credentials"
        let response = try await send(request, authorization: [HeaderField("Authorization", "Basic \(credentials)")])
        let object = try tokenObject(response, operation: operation)
        let answer = WalmartAnswer(object: object, status: response.status, body: response.body, channel: channel,
                                   operation: operation, sku: nil, key: "credentials", secrets: [settings.clientSecret])
        guard let value = WalmartJSON.string(object["access_token"]), !value.isEmpty else {
            throw answer.violation("no access_token in the token answer", field: "access_token")
        }
        let masked = WalmartAnswer(object: object, status: response.status, body: response.body, channel: channel,
                                   operation: operation, sku: nil, key: "credentials", secrets: [settings.clientSecret, value])
        guard WalmartJSON.string(object["token_type"]) != nil else {
            throw masked.violation("no token_type in the token answer", field: "token_type")
        }
        guard let expiresIn = WalmartJSON.int64(object["expires_in"]), expiresIn > 0 else {
            throw masked.violation("expires_in is not a positive whole number of seconds", field: "expires_in")
        }
        tokens.store(WalmartToken(value: value, expiresAt: started.addingTimeInterval(TimeInterval(expiresIn))))
        return value
    }

    /// The token answer's object. A refusal is about the credentials, never about the item being sent, so one Walmart
    /// words as a bad value (a 400) is `.unauthorized` too: no item is parked for it.
    private func tokenObject(_ response: WireResponse, operation: String) throws -> [String: Any] {
        do {
            return try errors.object(of: response, operation: operation, sku: nil, key: "credentials", now: clock.now())
        } catch {
            guard error.code == .validation else { throw error }
            throw MarketSyncError(.unauthorized, error.message, channel: channel, key: "credentials", underlying: error.underlying)
        }
    }

    /// One request with the token, as it went: the answer whatever its status.
    private func send(_ request: WalmartRequest, token: String) async throws -> WireResponse {
        try await send(request, authorization: [HeaderField("WM_SEC.ACCESS_TOKEN", token)])
    }

    private func send(_ request: WalmartRequest, authorization: [HeaderField]) async throws -> WireResponse {
        guard let url = request.url(under: settings.baseURL) else {
            throw MarketSyncError(.protocolViolation, "\(channel) \(request.operation): \"\(ResponseExcerpt.make(request.target, redacting: []))\" "
                                  + "does not make a URL", channel: channel, sku: request.sku, key: request.key)
        }
        let correlation = correlationID()
        var headers = authorization + [
            HeaderField("WM_QOS.CORRELATION_ID", correlation),
            HeaderField("WM_SVC.NAME", settings.serviceName),
            HeaderField("Accept", "application/json"),
        ]
        if let channelType = settings.channelType { headers.append(HeaderField("WM_CONSUMER.CHANNEL.TYPE", channelType)) }
        if let contentType = request.contentType { headers.append(HeaderField("Content-Type", contentType)) }
        let response = try await transport.send(WireRequest(method: request.method, url: url, headers: headers, body: request.body,
                                                            channel: channel))
        logger.debug("walmart call answered", metadata: [
            LogKey.channel: "\(channel)", WalmartLogKey.operation: "\(request.operation)",
            WalmartLogKey.correlationID: "\(correlation)", LogKey.httpStatus: "\(response.status)",
        ])
        return response
    }
}
