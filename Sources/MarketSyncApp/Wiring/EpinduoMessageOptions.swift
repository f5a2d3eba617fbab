internal import Epinduo
internal import Foundation
internal import MarketSync
internal import MarketSyncConfig

/// Reads `options.message_service.*` of an Epinduo channel (docs/operations.md, "Epinduo's message service").
enum EpinduoMessageOptions {
    /// The message service's settings, nil when `options.message_service.url` is not set (the service is off).
    /// Throws `.config` naming the key: an address that is not `wss://` (or `ws://` on 127.0.0.1, the sandbox), a
    /// `backup_url` without a `url`, a `sign` other than `raw` or `hex`, a `heartbeat` outside 1 s to 5 min.
    static func settings(_ settings: ChannelSettings) throws -> EpinduoMessageSettings? {
        let options = settings.options
        guard let urlText = options["message_service.url"]?.text.trimmingWhitespace() else {
            if options["message_service.backup_url"] != nil {
                throw settings.configError("needs options.message_service.url", key: "options.message_service.backup_url")
            }
            return nil
        }
        let url = try address(urlText, settings: settings, key: "options.message_service.url")
        let backup = try options["message_service.backup_url"].map {
            try address($0.text.trimmingWhitespace(), settings: settings, key: "options.message_service.backup_url")
        }
        var sign = EpinduoMessageSign.raw
        if let value = options["message_service.sign"] {
            guard let parsed = EpinduoMessageSign(rawValue: value.text.trimmingWhitespace().lowercased()) else {
                throw settings.configError("\"\(value.text)\" must be raw or hex", key: "options.message_service.sign")
            }
            sign = parsed
        }
        var heartbeat = EpinduoMessageSettings.defaultHeartbeat
        if let value = options["message_service.heartbeat"] {
            guard let parsed = ConfigLoader.duration(value.text), parsed >= .seconds(1), parsed <= .seconds(300) else {
                throw settings.configError("\"\(value.text)\" must be a duration from 1s to 5m (10s)", key: "options.message_service.heartbeat")
            }
            heartbeat = parsed
        }
        return EpinduoMessageSettings(url: url, backupURL: backup, clientID: settings.credentials["client_id"] ?? "",
                                      clientSecret: settings.credentials["client_secret"] ?? "", sign: sign, heartbeat: heartbeat)
    }

    /// A `wss://` address, or `ws://` on 127.0.0.1 only (the local sandbox: the sign must not cross a network in clear).
    static func address(_ text: String, settings: ChannelSettings, key: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            throw settings.configError("\"\(text)\" is not a websocket address (wss://host/path)", key: key)
        }
        switch scheme {
        case "wss": return url
        case "ws" where host == "127.0.0.1": return url
        case "ws": throw settings.configError("ws:// is allowed only for 127.0.0.1 (the sandbox); use wss://", key: key)
        default: throw settings.configError("\"\(text)\" must start with wss://", key: key)
        }
    }
}
