import Foundation
import MarketSync
import MarketSyncWire

/// A live stand-in for cassette tests: answers every request with a closure.
struct ClosureTransport: Transport {
    let answer: @Sendable (WireRequest) -> WireResponse
    func send(_ request: WireRequest) async throws -> WireResponse { answer(request) }
}

/// A tiny request signer for tests: `sign` = djb2 of the secret and the other form fields sorted by name.
/// Deterministic across processes (unlike `Hasher`).
struct TestFormSigner: RequestSignatureCheck {
    static func signature(of fields: [(String, String)], secret: String) -> String {
        let text = secret + fields.filter { $0.0 != "sign" }.sorted { $0.0 < $1.0 }.map { "\($0.0)\($0.1)" }.joined() + secret
        let hash = text.utf8.reduce(UInt64(5381)) { $0 &* 33 &+ UInt64($1) }
        return String(hash, radix: 16, uppercase: true)
    }

    static func fields(of request: WireRequest) -> [(String, String)] {
        let text = String(decoding: request.body, as: UTF8.self)
        return text.split(separator: "&").map { piece in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func encode(_ fields: [(String, String)]) -> Data {
        Data(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&").utf8)
    }

    func isSignatureValid(_ request: WireRequest, secret: String) -> Bool {
        let fields = Self.fields(of: request)
        guard let sign = fields.first(where: { $0.0 == "sign" })?.1 else { return false }
        return sign == Self.signature(of: fields, secret: secret)
    }

    func resigned(_ request: WireRequest, secret: String) -> WireRequest {
        var fields = Self.fields(of: request)
        guard let index = fields.firstIndex(where: { $0.0 == "sign" }) else { return request }
        fields[index].1 = Self.signature(of: fields, secret: secret)
        var copy = request
        copy.body = Self.encode(fields)
        return copy
    }
}

enum EpinduoLikeRequest {
    static let rules = CassetteRules(
        secretHeaders: ["Authorization"],
        secretParameters: ["access_token", "client_secret"],
        volatileParameters: ["timestamp", "sign"],
        signature: TestFormSigner())

    /// The secret the live channel checks signatures with in these tests.
    static let fakeSecret = "FAKE-SANDBOX-SECRET"
    /// The cassette's own secret in these tests.
    static let cassetteSecret = "CASSETTE-OWN-SECRET"

    /// A signed `application/x-www-form-urlencoded` call like the marketplace's router API takes.
    static func make(type: String, sku: String, quantity: Int = 12, timestamp: String = "1700000000",
                     accessToken: String = "SECRET-ACCESS-TOKEN-123456", secret: String = fakeSecret,
                     port: Int = 8080) -> WireRequest {
        var fields = [("type", type), ("client_id", "demo-client"), ("access_token", accessToken),
                      ("timestamp", timestamp), ("sku_id", sku), ("quantity", "\(quantity)")]
        fields.append(("sign", TestFormSigner.signature(of: fields, secret: secret)))
        // Force-unwrap of a literal test URL: a programmer error if it fails.
        let url = URL(string: "http://127.0.0.1:\(port)/api/router?data_type=JSON")!
        return WireRequest(method: "POST", url: url,
                           headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"),
                                     HeaderField("Authorization", "Bearer SECRET-BEARER-987654")],
                           body: TestFormSigner.encode(fields))
    }
}
