import Foundation
import MarketSync
@testable import MarketSyncSandbox
@testable import MarketSyncWire
import Testing

@Suite("RecordingTransport")
struct RecordingTransportTests {
    @Test func recordsThroughCurlAndLoopbackWithSecretsRedacted() async throws {
        try await withLoopbackServer({ request in
            // Echo the credential back nested, as some sandboxes do, and hand out a new token.
            let echoed = request.header("Authorization") ?? ""
            let body = """
            {"access_token":"SECRET-SERVER-TOKEN-abcdef","result":{"ok":true,"seen":"\(echoed)"},"url":"a/b"}
            """
            return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json"),
                                                      HeaderField("Date", "Mon, 01 Jan 2024 00:00:00 GMT"),
                                                      HeaderField("X-Request-Id", "r-1")],
                                body: Data(body.utf8))
        }) { _, port in
            try await recordAndCheck(port: port)
        }
    }

    private func recordAndCheck(port: UInt16) async throws {
        let recorder = RecordingTransport(recording: CurlTransport(), rules: EpinduoLikeRequest.rules, channel: "epinduo",
                                          verifyingSecret: EpinduoLikeRequest.fakeSecret, cassetteSecret: EpinduoLikeRequest.cassetteSecret)
        var request = EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001", port: Int(port))
        request.url = try #require(URL(string: "http://127.0.0.1:\(port)/api/router?data_type=JSON&client_secret=SECRET-QUERY-555555"))
        let response = try await recorder.send(request)
        #expect(response.status == 200)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cassette-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("epinduo.json")
        try recorder.write(to: file)
        let text = try String(contentsOf: file, encoding: .utf8)

        for secret in ["SECRET-ACCESS-TOKEN-123456", "SECRET-BEARER-987654", "SECRET-QUERY-555555", "SECRET-SERVER-TOKEN-abcdef",
                       EpinduoLikeRequest.fakeSecret] {
            #expect(!text.contains(secret), "the cassette must not contain \(secret)")
        }
        #expect(text.contains(#"["access_token", "<redacted>"]"#))
        #expect(text.contains(#"["Authorization", "<redacted>"]"#))
        #expect(text.contains(#"["client_secret", "<redacted>"]"#))
        #expect(text.contains(#"["sign", "<volatile>"]"#))
        #expect(text.contains(#"["timestamp", "<volatile>"]"#))
        #expect(text.contains(#"["sku_id", "200001"]"#))
        #expect(text.contains(#""signature": "valid""#))
        #expect(text.contains(#""signingSecret": "CASSETTE-OWN-SECRET""#))
        #expect(text.contains(#""url": "a/b""#), "slashes are not escaped")
        #expect(!text.contains("127.0.0.1"), "host and port are not recorded")
        #expect(!text.contains("Date"))
        #expect(!text.contains("Content-Length"))
        #expect(text.contains("X-Request-Id"))

        let cassette = try Cassette(contentsOf: file)
        let interaction = try #require(cassette.interactions.first)
        #expect(interaction.request.path == "/api/router")
        #expect(interaction.request.query == [CassetteField("data_type", "JSON"), CassetteField("client_secret", "<redacted>")])
        #expect(interaction.request.signature == .valid)
        guard case .json(.object(let members))? = interaction.response.body else {
            Issue.record("the response body should be recorded as JSON")
            return
        }
        #expect(members["access_token"] == .string("<redacted>"))
        // The whole echoed header value was a secret value, so it is replaced whole.
        #expect(members["result"] == .object(["ok": .bool(true), "seen": .string("<redacted>")]))
    }

    /// A webhook subscription carries its password inside `events[].authDetails`, and the channel echoes it in its
    /// answer: the cassette holds neither, and a replay with another password still matches the recorded request.
    @Test func nestedJSONSecretsAreRedactedAndReplayByPresence() async throws {
        let rules = CassetteRules(secretParameters: ["password", "access_token"])
        func subscription(password: String, url: String = "https://example.test/hook") -> WireRequest {
            let body = """
            {"events":[{"eventType":"PO_CREATED","eventUrl":"\(url)","authDetails":{"authMethod":"BASIC_AUTH","userName":"hook","password":"\(password)"}}]}
            """
            return WireRequest(method: "POST", url: URL(string: "http://127.0.0.1:1/v3/webhooks/subscriptions")!,
                               headers: [HeaderField("Content-Type", "application/json")], body: Data(body.utf8))
        }
        let echo = ClosureTransport { request in
            let answer = #"{"status":"ok","token":{"access_token":"NESTED-TOKEN-424242"},"echo":"#
                + String(decoding: request.body, as: UTF8.self) + "}"
            return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")], body: Data(answer.utf8))
        }
        let recorder = RecordingTransport(recording: echo, rules: rules)
        _ = try await recorder.send(subscription(password: "HOOK-PASSWORD-777777"))
        let cassette = recorder.cassette()
        let text = String(decoding: try cassette.jsonData(), as: UTF8.self)
        #expect(!text.contains("HOOK-PASSWORD-777777"), "the nested password reaches neither the request nor the echo")
        #expect(!text.contains("NESTED-TOKEN-424242"), "a token nested in the answer is redacted")
        #expect(text.contains("BASIC_AUTH") && text.contains("PO_CREATED"), "the rest of the body is kept")

        let replayer = ReplayingTransport(cassette: cassette, rules: rules)
        let replayed = try await replayer.send(subscription(password: "ANOTHER-PASSWORD-1"))
        #expect(replayed.status == 200)
        // A nested value that is not secret still has to match.
        let other = ReplayingTransport(cassette: cassette, rules: rules)
        await #expect(throws: (any Error).self) {
            _ = try await other.send(subscription(password: "HOOK-PASSWORD-777777", url: "https://elsewhere.test/hook"))
        }
    }

    @Test func storedRequestsAreSignedWithTheCassettesOwnSecretAndKeepTheirVerdict() async throws {
        let echo = ClosureTransport { request in
            // A channel that echoes what it was sent, its signing secret and the request's signature.
            WireResponse(status: 200, body: Data("seen \(String(decoding: request.body, as: UTF8.self)) with \(EpinduoLikeRequest.fakeSecret)".utf8))
        }
        let recorder = RecordingTransport(recording: echo, rules: EpinduoLikeRequest.rules, verifyingSecret: EpinduoLikeRequest.fakeSecret)
        let own = try #require(recorder.cassetteSecret)
        #expect(own.hasPrefix("cassette-") && own.count == 41)
        let accepted = EpinduoLikeRequest.make(type: "t", sku: "1")
        let refused = EpinduoLikeRequest.make(type: "t", sku: "2", secret: "CLIENT-WRONG-SECRET")
        _ = try await recorder.send(accepted)
        _ = try await recorder.send(refused)
        let cassette = recorder.cassette()
        #expect(cassette.signingSecret == own)
        #expect(cassette.interactions.map(\.request.signature) == [.valid, .invalid])
        // What is stored verifies with the cassette's secret exactly when the channel took it.
        let check = TestFormSigner()
        #expect(check.isSignatureValid(check.resigned(accepted, secret: own), secret: own))
        #expect(!check.isSignatureValid(check.resigned(refused, secret: "refused-" + own), secret: own))
        let text = String(decoding: try cassette.jsonData(), as: UTF8.self)
        #expect(!text.contains(EpinduoLikeRequest.fakeSecret), "the live channel's secret is scrubbed, even echoed")
        for signature in [accepted, refused].compactMap({ TestFormSigner.fields(of: $0).first { $0.0 == "sign" }?.1 }) {
            #expect(!text.contains(signature), "a live signature is scrubbed, even echoed")
        }
    }

    @Test func aCassetteSecretEqualToTheLiveOneIsReplaced() {
        let same = RecordingTransport(recording: ClosureTransport { _ in WireResponse(status: 200) }, rules: EpinduoLikeRequest.rules,
                                      verifyingSecret: "LIVE-SECRET-123", cassetteSecret: "LIVE-SECRET-123")
        #expect(same.cassetteSecret != nil && same.cassetteSecret != "LIVE-SECRET-123")
        let unchecked = RecordingTransport(recording: ClosureTransport { _ in WireResponse(status: 200) }, rules: .standard,
                                           verifyingSecret: "LIVE-SECRET-123")
        #expect(unchecked.cassetteSecret == nil && unchecked.cassette().signingSecret == nil)
    }

    @Test func failedSendsAreNotRecorded() async throws {
        struct Failing: Transport {
            func send(_ request: WireRequest) async throws -> WireResponse {
                throw MarketSyncError(.transport, "down")
            }
        }
        let recorder = RecordingTransport(recording: Failing())
        await #expect(throws: MarketSyncError.self) {
            _ = try await recorder.send(EpinduoLikeRequest.make(type: "t", sku: "1"))
        }
        #expect(recorder.cassette().interactions.isEmpty)
    }
}
