import Foundation
import MarketSync
@testable import MarketSyncWire
import Testing

@Suite("ReplayingTransport")
struct ReplayingTransportTests {
    /// Records two calls (quantity then price) against an in-memory channel.
    private func recordedCassette() async throws -> Cassette {
        let live = ClosureTransport { request in
            let text = String(decoding: request.body, as: UTF8.self)
            let type = text.contains("quantity") ? "quantity" : "price"
            return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json; charset=utf-8")],
                                body: Data(#"{"type":"\#(type)","success":true,"list":[1,2.5,"x/y"]}"#.utf8))
        }
        let recorder = RecordingTransport(recording: live, rules: EpinduoLikeRequest.rules, channel: "epinduo",
                                          verifyingSecret: EpinduoLikeRequest.fakeSecret, cassetteSecret: EpinduoLikeRequest.cassetteSecret)
        _ = try await recorder.send(EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001"))
        _ = try await recorder.send(EpinduoLikeRequest.make(type: "pdd.goods.price.update", sku: "200001"))
        return recorder.cassette()
    }

    @Test func replaysWhenVolatileTimestampAndSignDiffer() async throws {
        let replayer = ReplayingTransport(cassette: try await recordedCassette(), rules: EpinduoLikeRequest.rules)
        // Another time, another signature, another token, another port: still the same call.
        let request = EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001", timestamp: "1800000000",
                                              accessToken: "OTHER-TOKEN-000000", secret: EpinduoLikeRequest.cassetteSecret, port: 9)
        let response = try await replayer.send(request)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"list":[1,2.5,"x/y"],"success":true,"type":"quantity"}"#)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(replayer.unusedInteractions() == [1])
    }

    @Test func servesTheFirstUnusedMatchInRecordedOrder() async throws {
        var cassette = try await recordedCassette()
        cassette.interactions.append(cassette.interactions[0])
        cassette.interactions[2].response.status = 503
        let replayer = ReplayingTransport(cassette: cassette, rules: EpinduoLikeRequest.rules)
        let request = EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001", secret: EpinduoLikeRequest.cassetteSecret)
        #expect(try await replayer.send(request).status == 200)
        #expect(try await replayer.send(request).status == 503)
        let error = try await #require(throws: MarketSyncError.self) { _ = try await replayer.send(request) }
        #expect(error.message.contains("already used"))
    }

    @Test func mismatchNamesTheNearestAndWhatDiffers() async throws {
        let replayer = ReplayingTransport(cassette: try await recordedCassette(), rules: EpinduoLikeRequest.rules)
        let request = EpinduoLikeRequest.make(type: "pdd.goods.price.update", sku: "200002", accessToken: "LIVE-TOKEN-424242",
                                              secret: EpinduoLikeRequest.cassetteSecret)
        let error = try await #require(throws: MarketSyncError.self) { _ = try await replayer.send(request) }
        #expect(error.code == .cassette)
        #expect(error.message.contains("nearest is #1 POST /api/router (type=pdd.goods.price.update)"))
        #expect(error.message.contains(#"form sku_id: recorded "200001", sent "200002""#))
        #expect(!error.message.contains("LIVE-TOKEN-424242"))
        #expect(!error.message.contains("SECRET-BEARER"))
        #expect(replayer.unusedInteractions() == [0, 1], "a failed match uses nothing")
    }

    @Test func unusedInteractionsAreReported() async throws {
        let replayer = ReplayingTransport(cassette: try await recordedCassette(), rules: EpinduoLikeRequest.rules)
        _ = try await replayer.send(EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001", secret: EpinduoLikeRequest.cassetteSecret))
        #expect(replayer.unusedInteractions() == [1])
        let error = try #require(throws: MarketSyncError.self) { try replayer.assertAllUsed() }
        #expect(error.code == .cassette)
        #expect(error.message.contains("#1 POST /api/router (type=pdd.goods.price.update)"))
        _ = try await replayer.send(EpinduoLikeRequest.make(type: "pdd.goods.price.update", sku: "200001", secret: EpinduoLikeRequest.cassetteSecret))
        try replayer.assertAllUsed()
    }

    @Test func signatureVerdictMismatchIsDetected() async throws {
        let replayer = ReplayingTransport(cassette: try await recordedCassette(), rules: EpinduoLikeRequest.rules)
        // Signed with a different secret: every other field matches, the verdict does not.
        let request = EpinduoLikeRequest.make(type: "pdd.goods.quantity.update", sku: "200001", secret: "WRONG-SECRET")
        let error = try await #require(throws: MarketSyncError.self) { _ = try await replayer.send(request) }
        #expect(error.message.contains("signature does not verify with the cassette's secret"))
        #expect(error.message.contains("nearest is #0"))
        // Without a signature check in the rules, the same request replays.
        var lenient = EpinduoLikeRequest.rules
        lenient.signature = nil
        let unchecked = ReplayingTransport(cassette: try await recordedCassette(), rules: lenient)
        #expect(try await unchecked.send(request).status == 200)
    }

    @Test func jsonBodiesMatchStructurallyWithVolatileKeysByPresence() async throws {
        let rules = CassetteRules(volatileParameters: ["requestTime"])
        let live = ClosureTransport { _ in WireResponse(status: 202) }
        let recorder = RecordingTransport(recording: live, rules: rules)
        let url = try #require(URL(string: "https://api.example.test/v1/offers?shop=7&page=1"))
        let json = [HeaderField("Content-Type", "application/json"), HeaderField("X-Api-Version", "2")]
        _ = try await recorder.send(WireRequest(method: "PUT", url: url, headers: json,
                                                body: Data(#"{"offers":[{"sku":"A","qty":3}],"requestTime":"t1"}"#.utf8)))
        let replayer = ReplayingTransport(cassette: recorder.cassette(), rules: rules)

        let reordered = WireRequest(method: "PUT", url: url, headers: json.reversed(),
                                    body: Data(#"{"requestTime":"t2","offers":[{"qty":3,"sku":"A"}]}"#.utf8))
        #expect(try await replayer.send(reordered).status == 202)

        let replayer2 = ReplayingTransport(cassette: recorder.cassette(), rules: rules)
        let changed = WireRequest(method: "PUT", url: try #require(URL(string: "https://x.test/v1/offers?page=1&shop=7")),
                                  headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Api-Version", "3")],
                                  body: Data(#"{"offers":[{"sku":"A","qty":4}]}"#.utf8))
        let error = try await #require(throws: MarketSyncError.self) { _ = try await replayer2.send(changed) }
        #expect(error.message.contains("query: parameters sent in a different order"))
        #expect(error.message.contains(#"json offers: recorded [{"qty":3,"sku":"A"}], sent [{"qty":4,"sku":"A"}]"#))
        #expect(error.message.contains("json requestTime: recorded, not sent"))
        #expect(error.message.contains(#"header X-Api-Version: recorded "2", sent "3""#))
    }

    @Test func emptyCassetteSaysSo() async throws {
        let replayer = ReplayingTransport(cassette: Cassette())
        let error = try await #require(throws: MarketSyncError.self) {
            _ = try await replayer.send(WireRequest(method: "GET", url: try #require(URL(string: "http://h/x"))))
        }
        #expect(error.message.contains("no recorded interaction matches GET /x"))
        #expect(error.message.contains("no interactions"))
    }
}
