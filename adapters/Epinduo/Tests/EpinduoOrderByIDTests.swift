@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Testing

@Suite("Epinduo orders read by number")
struct EpinduoOrderByIDTests {
    @Test func readsEachOrderWithASignedCallAndLeavesOutOnesThePlatformDoesNotKnow() async throws {
        let fixture = EpinduoFixture()
        try await EpinduoOrderTests().seedOrders(fixture)
        let orders = try #require(try await fixture.adapter.orders(withIDs: ["240101-002", "NOPE-1", "240101-001"]))
        #expect(orders.map(\.id).sorted() == ["240101-001", "240101-002"])
        let two = try #require(orders.first { $0.id == "240101-002" })
        #expect(two.state == .readyToShip)
        #expect(two.lines.map(\.sku.rawValue) == ["JAM-2", "FISH-1"])
        #expect(two.lines.map(\.listing) == ["500:2", "600:7"])
        #expect(two.lines.map(\.quantity) == [2, 1])
        #expect(two.total == Money(minorUnits: 4590 * 2 + 15800, currency: .cny))
        #expect(orders.first { $0.id == "240101-001" }?.state == .cancelled)
        // One call per order, each signed like every call and accepted by the sandbox's signature check.
        let forms = fixture.log.all.map(\.form)
        #expect(forms.map { $0["type"] } == Array(repeating: "pdd.order.information.get", count: 3))
        #expect(Set(forms.compactMap { $0["order_sn"] }) == ["240101-002", "NOPE-1", "240101-001"])
        #expect(forms.allSatisfy { EpinduoSigner(secret: Fake.secret).isValid($0) })
    }

    @Test func theOrderIsTheSameAsItsListedCopy() async throws {
        let fixture = EpinduoFixture()
        try await EpinduoOrderTests().seedOrders(fixture)
        let window = OrderWindow(start: Date(timeIntervalSince1970: TimeInterval(EpinduoOrderTests.base)),
                                 end: Date(timeIntervalSince1970: TimeInterval(EpinduoOrderTests.base + 1800)))
        let listed = try await fixture.adapter.pullOrders(in: window, after: nil).orders
        let read = try #require(try await fixture.adapter.orders(withIDs: listed.map(\.id)))
        #expect(read.sorted { $0.id < $1.id } == listed.sorted { $0.id < $1.id })
    }

    @Test func aRefusedCallThrowsRatherThanLeavingTheOrderOut() async throws {
        let fixture = EpinduoFixture(adapterSecret: "wrong-secret")
        try await EpinduoOrderTests().seedOrders(fixture)
        await #expect(throws: MarketSyncError.self) {
            _ = try await fixture.adapter.orders(withIDs: ["240101-002"])
        }
    }

    @Test func theMethodNameIsConfigurable() async throws {
        var methods = EpinduoSettings.Methods()
        methods.orderInformation = "epinduo.order.detail"
        let clock = ManualClock(now: Fake.start)
        let sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, clock: clock,
                                     methods: methods)
        let log = RequestLog()
        let transport = HandlerTransport { request in
            log.append(request)
            return await sandbox.handle(request)
        }
        let settings = EpinduoSettings(baseURL: URL(string: "http://127.0.0.1:8931/api/router") ?? URL(fileURLWithPath: "/"),
                                       clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, methods: methods)
        let adapter = EpinduoAdapter(channel: "epinduo", settings: settings, transport: transport, clock: clock,
                                     logger: .init(label: "test"))
        let orders = try await adapter.orders(withIDs: ["240101-404"])
        #expect(orders?.isEmpty == true)
        #expect(log.all.map { $0.form["type"] } == ["epinduo.order.detail"])
    }
}
