public import Foundation

/// How to reach one app's message service, the platform's websocket of shop events (docs/channels.md, "Message
/// service"). Never prints the client secret: `description` and reflection show it redacted.
public struct EpinduoMessageSettings: Sendable, CustomStringConvertible, CustomReflectable {
    /// The service's address without the credentials, e.g. `wss://message-api.example.com/message`; the client
    /// appends `/{client_id}/{timestamp_ms}/{sign}`.
    public var url: URL
    /// The address tried when `url` cannot be reached (the platform's backup host), if any.
    public var backupURL: URL?
    /// The app's client ID.
    public var clientID: String
    /// The app's client secret; it only ever goes into the sign.
    public var clientSecret: String
    /// What the sign Base64-encodes.
    public var sign: EpinduoMessageSign
    /// How often a `HeartBeat` is sent; a connection that brought no frame for three of these is dropped and made
    /// again.
    public var heartbeat: Duration

    /// 10 seconds, the interval the open-source clients use (docs/channels.md, "Message service").
    public static let defaultHeartbeat = Duration.seconds(10)

    /// Settings with documented defaults.
    public init(url: URL, backupURL: URL? = nil, clientID: String, clientSecret: String, sign: EpinduoMessageSign = .raw,
                heartbeat: Duration = EpinduoMessageSettings.defaultHeartbeat) {
        self.url = url
        self.backupURL = backupURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.sign = sign
        self.heartbeat = heartbeat
    }

    /// The settings with the secret redacted.
    public var description: String {
        "EpinduoMessageSettings(url: \(url.absoluteString), backupURL: \(backupURL?.absoluteString ?? "none"), clientID: \(clientID), "
            + "clientSecret: <redacted>, sign: \(sign), heartbeat: \(heartbeat))"
    }

    /// Reflection shows the same redacted fields, so `dump(settings)` cannot leak the secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "url": url.absoluteString, "backupURL": backupURL?.absoluteString as Any, "clientID": clientID,
            "clientSecret": "<redacted>", "sign": sign, "heartbeat": heartbeat,
        ], displayStyle: .struct)
    }

    /// The address to connect to at `timestampMs`: `{url}/{client_id}/{timestamp_ms}/{sign}`. A secret: never logged.
    func connectAddress(_ base: URL, timestampMs: Int64) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return "\(text)/\(clientID)/\(timestampMs)/\(sign.sign(clientID: clientID, timestampMs: timestampMs, secret: clientSecret))"
    }
}
