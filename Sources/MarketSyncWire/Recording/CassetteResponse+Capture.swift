internal import Foundation
internal import MarketSync

extension CassetteResponse {
    /// Headers that describe the connection rather than the answer, dropped from cassettes.
    static let noiseHeaders: Set<String> = ["date", "connection", "keep-alive", "content-length", "transfer-encoding"]

    /// The response as a cassette holds it: noise headers dropped, secret headers and JSON members (at any depth) redacted.
    init(capturing response: WireResponse, rules: CassetteRules) {
        let headers = response.headers
            .filter { !Self.noiseHeaders.contains($0.name.lowercased()) }
            .map { CassetteField($0.name, rules.isSecretHeader($0.name) ? Cassette.redacted : $0.value) }
        var body = CassetteBody(capturing: response.body, contentType: response.header("Content-Type"), allowForm: false)
        if case .json(let value)? = body { body = .json(rules.redactingSecrets(value)) }
        self.init(status: response.status, headers: headers, body: body)
    }

    /// The response rebuilt for a replay.
    func wireResponse() -> WireResponse {
        WireResponse(status: status, headers: headers.map { HeaderField($0.name, $0.value) }, body: body?.data() ?? Data())
    }
}
