import Foundation
import MarketSync
import MarketSyncSandbox
import MarketSyncWire
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
        let recorder = RecordingTransport(recording: CurlTransport(), rules: EpinduoLikeRequest.rules,
                                          channel: "epinduo", signingSecret: EpinduoLikeRequest.fakeSecret)
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

        for secret in ["SECRET-ACCESS-TOKEN-123456", "SECRET-BEARER-987654", "SECRET-QUERY-555555", "SECRET-SERVER-TOKEN-abcdef"] {
            #expect(!text.contains(secret), "the cassette must not contain \(secret)")
        }
        #expect(text.contains(#"["access_token", "<redacted>"]"#))
        #expect(text.contains(#"["Authorization", "<redacted>"]"#))
        #expect(text.contains(#"["client_secret", "<redacted>"]"#))
        #expect(text.contains(#"["sign", "<volatile>"]"#))
        #expect(text.contains(#"["timestamp", "<volatile>"]"#))
        #expect(text.contains(#"["sku_id", "200001"]"#))
        #expect(text.contains(#""signature": "valid""#))
        #expect(text.contains(#""signingSecret": "FAKE-SANDBOX-SECRET""#))
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
