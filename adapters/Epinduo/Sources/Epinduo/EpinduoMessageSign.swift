internal import Foundation
internal import MarketSyncCrypto

/// The sign of a message-service connection (docs/channels.md, "Message service"): Base64 of the MD5 of
/// `client_id + timestamp_ms + client_secret`. Open-source clients disagree on what is Base64-encoded, the raw
/// 16-byte digest or its 32-character lowercase hex text, so both are offered.
public enum EpinduoMessageSign: String, Sendable, Hashable, CaseIterable {
    /// Base64 of the raw digest (24 characters).
    case raw
    /// Base64 of the lowercase hex text of the digest (44 characters).
    case hex

    /// The sign for `clientID` at `timestampMs` with `secret`. The result is a secret in its own right: it opens the
    /// shop's message stream until the platform stops accepting the timestamp.
    public func sign(clientID: String, timestampMs: Int64, secret: String) -> String {
        let digest = Digest.md5(Data("\(clientID)\(timestampMs)\(secret)".utf8))
        switch self {
        case .raw: return digest.base64EncodedString()
        case .hex: return Data(digest.map { String(format: "%02x", $0) }.joined().utf8).base64EncodedString()
        }
    }
}
