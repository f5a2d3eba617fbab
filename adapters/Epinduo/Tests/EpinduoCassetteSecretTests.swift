@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
@testable import MarketSyncSandbox
import MarketSyncTesting
@testable import MarketSyncWire
import Testing

/// Recording Epinduo traffic over libcurl against the sandbox on a loopback port: the cassette holds a secret of its
/// own, never the one the sandbox and the adapter share, and replaying it verifies every signature with its own.
@Suite("Epinduo cassettes: a secret of their own")
struct EpinduoCassetteSecretTests {
    static let secret = "known-secret-of-the-recording-5d1e"
    static let token = "known-token-of-the-recording-0b77"

    func adapter(_ transport: any Transport, secret: String, clock: ManualClock) -> EpinduoAdapter {
        let settings = EpinduoSettings(baseURL: URL(string: "http://127.0.0.1:8931/api/router") ?? URL(fileURLWithPath: "/"),
                                       clientID: Fake.clientID, clientSecret: secret, accessToken: Self.token, pageSize: 1)
        return EpinduoAdapter(channel: "epinduo", settings: settings, transport: transport, clock: clock,
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The calls recorded and replayed: a stock push, a price push, and an order listing over two pages.
    func calls(_ adapter: EpinduoAdapter) async throws {
        #expect(try await adapter.completedStock([StockUpdate(sku: "NUT", listing: "100:201", quantity: 4)]).allSatisfy { $0.error == nil })
        #expect(try await adapter.completedPrices([PriceUpdate(sku: "NUT", listing: "100:201", price: Money(minorUnits: 990, currency: .cny))])
            .allSatisfy { $0.error == nil })
        let window = OrderWindow(start: Date(timeIntervalSince1970: 1_704_067_200), end: Date(timeIntervalSince1970: 1_704_069_000))
        var continuation: OrderContinuation?
        var read: [String] = []
        repeat {
            let page = try await adapter.pullOrders(in: window, after: continuation)
            read += page.orders.map(\.id)
            continuation = page.next
        } while continuation != nil
        #expect(Set(read) == ["A1", "A2"])
    }

    @Test func recordedCassetteHoldsNoSecretOfTheRecordingAndReplaysWithItsOwn() async throws {
        let clock = ManualClock(now: Fake.start)
        let sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Self.secret, accessToken: Self.token, clock: clock)
        sandbox.upsertOrders(["A1", "A2"].enumerated().map { index, number in
            EpinduoSandboxOrder(orderSN: number, updatedAt: 1_704_067_260 + Int64(index) * 60,
                                items: [.init(goodsID: "100", skuID: "201", outerID: "NUT", goodsCount: 1, goodsPriceFen: 990)])
        })
        let server = LoopbackHTTPServer { await sandbox.handle($0) }
        let port = try await server.start()
        let recorder = RecordingTransport(recording: PortTransport(base: CurlTransport(), port: port),
                                          rules: EpinduoAdapter.cassetteRules(signingCheck: true), channel: "epinduo",
                                          verifyingSecret: Self.secret)
        do {
            try await calls(adapter(recorder, secret: Self.secret, clock: clock))
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
        let bytes = try recorder.cassette().jsonData()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains(Self.secret), "the cassette holds the recording's secret")
        #expect(!text.contains(Self.token), "the cassette holds the recording's access token")
        let cassette = try Cassette(jsonData: bytes)
        let own = try #require(cassette.signingSecret)
        #expect(own != Self.secret)
        #expect(cassette.interactions.count == 5)
        #expect(cassette.interactions.allSatisfy { $0.request.signature == .valid })

        // Replay: the adapter signs with the cassette's secret, and every signature verifies with it.
        let replaying = ReplayingTransport(cassette: cassette, rules: EpinduoAdapter.cassetteRules(signingCheck: true))
        try await calls(adapter(replaying, secret: own, clock: clock))
        try replaying.assertAllUsed()
        // Signing with the recording's secret does not: the cassette does not know it.
        let other = ReplayingTransport(cassette: cassette, rules: EpinduoAdapter.cassetteRules(signingCheck: true))
        let error = try await #require(throws: MarketSyncError.self) {
            _ = try await adapter(other, secret: Self.secret, clock: clock).completedStock([StockUpdate(sku: "NUT", listing: "100:201", quantity: 4)])
        }
        #expect(error.message.contains("signature does not verify with the cassette's secret"))
    }

    @Test func resigningKeepsTheFieldsAndChangesOnlyTheSignature() throws {
        var fields = ["client_id": Fake.clientID, "access_token": Self.token, "timestamp": "1700000000", "type": "t", "quantity": "3"]
        fields["sign"] = EpinduoSigner(secret: Self.secret).sign(fields)
        let request = WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:1/api/router")),
                                  headers: [HeaderField("Content-Type", EpinduoForm.contentType)], body: EpinduoForm.encode(fields))
        let check = EpinduoSignatureCheck()
        let resigned = check.resigned(request, secret: "cassette-own")
        #expect(check.isSignatureValid(request, secret: Self.secret) && !check.isSignatureValid(request, secret: "cassette-own"))
        #expect(check.isSignatureValid(resigned, secret: "cassette-own") && !check.isSignatureValid(resigned, secret: Self.secret))
        var after = try #require(EpinduoForm.decode(resigned.body))
        #expect(after["sign"] != fields["sign"])
        after["sign"] = fields["sign"]
        #expect(after == fields)
        // Nothing to sign again in an unsigned request.
        var unsigned = request
        unsigned.body = EpinduoForm.encode(fields.filter { $0.key != "sign" })
        #expect(check.resigned(unsigned, secret: "cassette-own").body == unsigned.body)
    }
}

/// Sends to the loopback port: the adapter's base URL names a fixed port, the server got a free one.
struct PortTransport: Transport {
    let base: any Transport
    let port: UInt16
    func send(_ request: WireRequest) async throws -> WireResponse {
        var copy = request
        var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        components?.port = Int(port)
        copy.url = components?.url ?? request.url
        return try await base.send(copy)
    }
}
