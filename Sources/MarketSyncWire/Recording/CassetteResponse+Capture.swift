internal import Foundation
internal import MarketSync

extension CassetteResponse {
    /// Headers that describe the connection rather than the answer, dropped from cassettes.
    static let noiseHeaders: Set<String> = ["date", "connection", "keep-alive", "content-length", "transfer-encoding"]

    /// The response as a cassette holds it: noise headers dropped, secret headers and top-level JSON keys redacted.
    init(capturing response: WireResponse, rules: CassetteRules) {
        let headers = response.headers
            .filter { !Self.noiseHeaders.contains($0.name.lowercased()) }
            .map { CassetteField($0.name, rules.isSecretHeader($0.name) ? Cassette.redacted : $0.value) }
        var body = CassetteBody(capturing: response.body, contentType: response.header("Content-Type"), allowForm: false)
        if case .json(.object(var members))? = body {
            for key in members.keys where rules.isSecretParameter(key) { members[key] = .string(Cassette.redacted) }
            body = .json(.object(members))
        }
        self.init(status: response.status, headers: headers, body: body)
    }

    /// The response rebuilt for a replay.
    func wireResponse() -> WireResponse {
        WireResponse(status: status, headers: headers.map { HeaderField($0.name, $0.value) }, body: body?.data() ?? Data())
    }
}
