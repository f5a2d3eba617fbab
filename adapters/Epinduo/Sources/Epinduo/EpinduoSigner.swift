internal import Foundation
internal import MarketSyncCrypto

/// Signs Epinduo router calls the Pinduoduo way (docs/channels.md, "Every call"): every parameter except `sign`, keys
/// sorted by ASCII byte order, joined as `k1v1k2v2…` with no separators, the client secret on both ends, MD5,
/// uppercase hex.
///
/// Complex values (arrays, objects such as `sku_price_list`) must already be JSON strings: encode them with
/// ``EpinduoSigner/jsonString(_:)`` so what is signed is exactly what is sent.
public struct EpinduoSigner: Sendable, CustomStringConvertible {
    private let secret: String

    /// A signer holding the app's client secret.
    public init(secret: String) {
        self.secret = secret
    }

    /// The uppercase hex MD5 signature of `parameters` (the `sign` key, if present, is left out).
    public func sign(_ parameters: [String: String]) -> String {
        var text = secret
        for key in Self.sortedKeys(parameters) where key != "sign" {
            text += key
            text += parameters[key] ?? ""
        }
        text += secret
        return Digest.md5(Data(text.utf8)).uppercaseHex
    }

    /// Whether `parameters["sign"]` is the signature of the other parameters.
    public func isValid(_ parameters: [String: String]) -> Bool {
        guard let given = parameters["sign"] else { return false }
        // Clients in the wild send the hex in either case; the digest is what matters.
        return given.uppercased() == sign(parameters)
    }

    /// Keys in ASCII byte order (not locale or Unicode collation: the server compares bytes).
    static func sortedKeys(_ parameters: [String: String]) -> [String] {
        parameters.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Encodes a complex parameter value as compact JSON with sorted keys, the form it is signed and sent in
    /// (the exact normalisation the platform expects is unconfirmed: docs/channels.md, "Every call").
    static func jsonString(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Never shows the secret.
    public var description: String { "EpinduoSigner(secret: <redacted>)" }
}
