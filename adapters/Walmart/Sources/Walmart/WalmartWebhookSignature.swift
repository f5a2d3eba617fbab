public import Foundation
internal import MarketSyncCrypto

/// The HMAC scheme of a Walmart webhook delivery (docs/channels.md, "Notifications (webhooks)"), as Walmart's
/// "Security and authenticity" page describes it for webhook deliveries: `WM_SEC.SIGNATURE` is
/// Base64(HMAC-SHA256(secret, `METHOD\nPATH_AND_QUERY\nWM_SEC.TIMESTAMP\n` + lowercase hex(SHA-256(raw body)))),
/// `WM_SEC.TIMESTAMP` epoch seconds. That page is written for seller-performance events; the subscription reference
/// says only "HMACSHA256 of complete response, using clientSecret as key" in the header named `authHeaderName`, so
/// whether order events use the same string is **unconfirmed**, and so is the key being the API client secret.
public enum WalmartWebhookSignature {
    /// The header carrying the signature.
    public static let signatureHeader = "WM_SEC.SIGNATURE"
    /// The header carrying the signing time, epoch seconds (milliseconds are read too).
    public static let timestampHeader = "WM_SEC.TIMESTAMP"
    /// How far the signing time may be from the receiver's clock, either way.
    public static let tolerance: TimeInterval = 5 * 60

    /// The string signed: method, path and query, timestamp and the body's SHA-256 in lowercase hex, one a line.
    public static func canonical(method: String, target: String, timestamp: String, body: some Sequence<UInt8>) -> String {
        method.uppercased() + "\n" + target + "\n" + timestamp + "\n" + lowercaseHex(Digest.sha256(Data(body)))
    }

    /// The Base64 signature of a delivery signed with `secret`.
    public static func sign(method: String, target: String, timestamp: String, body: some Sequence<UInt8>, secret: String) -> String {
        let text = canonical(method: method, target: target, timestamp: timestamp, body: body)
        return Digest.hmacSHA256(key: Data(secret.utf8), Data(text.utf8)).base64EncodedString()
    }

    /// The signing time a `WM_SEC.TIMESTAMP` value names: epoch seconds, as Walmart documents it, or epoch
    /// milliseconds when the number is that large; nil when it is not a whole number.
    public static func date(ofTimestamp text: String) -> Date? {
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), value >= 0 else { return nil }
        return value > 100_000_000_000 ? Date(timeIntervalSince1970: TimeInterval(value) / 1000) : Date(timeIntervalSince1970: TimeInterval(value))
    }

    /// Whether two texts are equal, in time that depends on their lengths only (not on where they first differ).
    public static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func lowercaseHex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
