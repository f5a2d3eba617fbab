@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

@Suite("Epinduo message service over a loopback websocket", .serialized, .timeLimit(.minutes(1)))
struct EpinduoMessageServiceTests {
    @Test func aMessageReachesTheSinkAndIsAcknowledgedOnlyAfterTheSinkReturned() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink(holding: true)
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            try await harness.addOrder("240101-777")
            await sink.waitForEvents(1)
            let event = try #require(sink.events.first)
            let sent = harness.sandbox.messages.snapshot.sent
            #expect(sent.count == 1)
            #expect(event == ChannelEvent(channel: "epinduo", id: sent[0], type: "pdd_trade_TradeConfirmed", orderID: "240101-777",
                                          occurredAt: Fake.start))
            // While the sink holds the event, a heartbeat goes out and is answered: an Ack written before the sink
            // returned would have reached the sandbox before it (one connection keeps the order of frames).
            await harness.clientClock.waitForSleepers(count: 1)
            harness.clientClock.advance(by: .seconds(600))
            await harness.waitForMessages { $0.heartbeats == 1 }
            #expect(harness.sandbox.messages.snapshot.acked.isEmpty)
            sink.release()
            await harness.waitForMessages { $0.acked == sent }
            #expect(harness.sandbox.messages.snapshot.pending.isEmpty)
        }
    }

    @Test func aRefusedMessageIsNotAcknowledgedAndComesAgain() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink(refusals: 1)
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            try await harness.addOrder("240101-778")
            await sink.waitForEvents(1)
            let id = try #require(sink.events.first?.id)
            // The sandbox sends again what was not acknowledged within its redelivery timeout.
            await harness.sandboxClock.waitForSleepers(count: 1)
            harness.sandboxClock.advance(by: MessageServiceHarness.redelivery)
            await sink.waitForEvents(2)
            #expect(sink.events.map(\.id) == [id, id])
            await harness.waitForMessages { $0.acked == [id] }
            #expect(harness.sandbox.messages.snapshot.sent == [id, id])
        }
    }

    @Test func aMessageSentTwiceIsAcknowledgedBothTimesAsADuplicate() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            #expect(await harness.admin("POST", "/_sandbox/messages/duplicate", #"{"times": 1}"#).status == 200)
            try await harness.addOrder("240101-779")
            await sink.waitForEvents(2)
            let id = try #require(sink.events.first?.id)
            #expect(sink.events.map(\.id) == [id, id])
            await harness.waitForMessages { $0.acked.count == 1 && $0.pending.isEmpty }
        }
    }

    @Test func aDroppedConnectionIsMadeAgainAfterAWaitOnTheClock() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            #expect(await harness.admin("POST", "/_sandbox/messages/drop").status == 200)
            // The client draws its wait once the connection ended, then sleeps it on its clock (1 s at most the first time).
            await harness.jitter.waitForWaits(1)
            await harness.clientClock.waitForSleepers(count: 1)
            harness.clientClock.advance(by: .seconds(1))
            await harness.waitForMessages { $0.connectionsMade == 2 && $0.connections == 1 }
            try await harness.addOrder("240101-780")
            await sink.waitForEvents(1)
            #expect(sink.events.map(\.orderID) == ["240101-780"])
            await harness.waitForMessages { $0.acked.count == 1 }
            #expect(harness.jitter.count == 1)
        }
    }

    @Test func messagesSentWhileDisconnectedArriveOnTheNextConnection() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            _ = await harness.admin("POST", "/_sandbox/messages/drop")
            await harness.jitter.waitForWaits(1)
            try await harness.addOrder("240101-781")
            await harness.clientClock.waitForSleepers(count: 1)
            harness.clientClock.advance(by: .seconds(1))
            await sink.waitForEvents(1)
            #expect(sink.events.map(\.orderID) == ["240101-781"])
            await harness.waitForMessages { $0.acked.count == 1 }
        }
    }

    @Test(arguments: EpinduoMessageSign.allCases)
    func theSandboxTakesEitherSignEncoding(_ sign: EpinduoMessageSign) async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink, sign: sign) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            try await harness.addOrder("240101-782")
            await sink.waitForEvents(1)
            await harness.waitForMessages { $0.acked.count == 1 }
        }
    }

    @Test func aWrongSignIsRefusedAndTheClientWaitsBeforeTryingAgain() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink, secret: "wrong-secret") { _ in
            await harness.waitForMessages { $0.refused == 1 }
            await harness.jitter.waitForWaits(1)
            let snapshot = harness.sandbox.messages.snapshot
            #expect(snapshot.connectionsMade == 0)
            #expect(snapshot.connections == 0)
            await harness.clientClock.waitForSleepers(count: 1)
            harness.clientClock.advance(by: .seconds(1))
            await harness.waitForMessages { $0.refused == 2 }
            #expect(sink.events.isEmpty)
        }
    }

    @Test func framesTheClientCannotReadAreSkipped() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            for frame in ["not json", "[1,2]", #"{"id": 5}"#, #"{"commandType":"Common","id":9}"#,
                          #"{"commandType":"Common","message":{"type":"pdd_trade_TradeConfirmed","mallID":1,"content":"{}"}}"#,
                          #"{"commandType":"Fail","time":1}"#] {
                #expect(await harness.admin("POST", "/_sandbox/messages/raw", frame).status == 200)
            }
            try await harness.addOrder("240101-783")
            await sink.waitForEvents(1)
            #expect(sink.events.map(\.orderID) == ["240101-783"])
            await harness.waitForMessages { $0.acked.count == 1 }
            #expect(harness.sandbox.messages.snapshot.connectionsMade == 1)
            #expect(harness.jitter.count == 0)
        }
    }

    @Test func theBackupAddressIsUsedWhenTheMainOneCannotBeReached() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        try await harness.run(sink: sink, mainPort: 1) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            try await harness.addOrder("240101-784")
            await sink.waitForEvents(1)
            await harness.waitForMessages { $0.acked.count == 1 }
            #expect(harness.jitter.count == 0)
        }
    }

    @Test func aShipmentAndAListingsChurnAreMessagesToo() async throws {
        let harness = MessageServiceHarness()
        let sink = ScriptedSink()
        try await harness.run(sink: sink) { _ in
            await harness.waitForMessages { $0.connections == 1 }
            try await harness.addOrder("240101-785")
            await sink.waitForEvents(1)
            let adapter = EpinduoFixture.adapter(to: harness.sandbox, clock: harness.sandboxClock, log: RequestLog())
            try await adapter.confirmShipment(Shipment(orderID: "240101-785", carrier: "44", trackingNumber: "SF100"))
            await sink.waitForEvents(2)
            #expect(sink.events.map(\.type) == ["pdd_trade_TradeConfirmed", "pdd_trade_TradeSellerShip"])
            #expect(sink.events.map(\.orderID) == ["240101-785", "240101-785"])
        }
    }
}

@Suite("Epinduo message service frames, sign and reconnect wait")
struct EpinduoMessageFrameTests {
    /// Computed independently: Base64 of MD5("client-demo" + "1700000000000" + "fake-secret-0001"), of the raw digest
    /// and of its lowercase hex text.
    @Test func theSignMatchesAnIndependentlyComputedVector() throws {
        #expect(EpinduoMessageSign.raw.sign(clientID: Fake.clientID, timestampMs: 1_700_000_000_000, secret: Fake.secret)
                == "t802ZmQqmQ3iRsGvTjtTiQ==")
        #expect(EpinduoMessageSign.hex.sign(clientID: Fake.clientID, timestampMs: 1_700_000_000_000, secret: Fake.secret)
                == "YjdjZDM2NjY2NDJhOTkwZGUyNDZjMWFmNGUzYjUzODk=")
        let settings = EpinduoMessageSettings(url: try #require(URL(string: "wss://message.example.com/message/")),
                                              clientID: Fake.clientID, clientSecret: Fake.secret)
        #expect(settings.connectAddress(settings.url, timestampMs: 1_700_000_000_000)
                == "wss://message.example.com/message/client-demo/1700000000000/t802ZmQqmQ3iRsGvTjtTiQ==")
        #expect(!"\(settings)".contains(Fake.secret))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(Fake.secret))
    }

    @Test func theSandboxChecksTheSignInThePath() {
        let sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, clock: ManualClock())
        #expect(sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000000/t802ZmQqmQ3iRsGvTjtTiQ=="))
        #expect(sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000000/YjdjZDM2NjY2NDJhOTkwZGUyNDZjMWFmNGUzYjUzODk="))
        // Base64 may hold a slash; clients do not escape it.
        #expect(sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000011/0KkgaFQq+/Lk8Z6cEWxfeg=="))
        #expect(sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000011/0KkgaFQq%2B%2FLk8Z6cEWxfeg%3D%3D"))
        #expect(!sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000001/t802ZmQqmQ3iRsGvTjtTiQ=="))
        #expect(!sandbox.acceptsMessageConnection(path: "/message/other-client/1700000000000/t802ZmQqmQ3iRsGvTjtTiQ=="))
        #expect(!sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000000/"))
        #expect(!sandbox.acceptsMessageConnection(path: "/message/client-demo/1700000000000"))
        #expect(!sandbox.acceptsMessageConnection(path: "/other/client-demo/1700000000000/t802ZmQqmQ3iRsGvTjtTiQ=="))
    }

    @Test func framesAreReadWithTheirIdsKeptDigitForDigit() throws {
        let text = #"{"id":123456789012345678901,"commandType":"Common","time":1700000000123,"sendTime":1700000000456,"#
            + #""message":{"type":"pdd_trade_TradeConfirmed","mallID":10001,"content":"{\"tid\":\"240101-1\",\"mall_id\":10001}"}}"#
        let frame = try #require(EpinduoMessageFrame(text: text))
        #expect(frame.commandType == "Common")
        #expect(frame.id == "123456789012345678901")
        #expect(frame.time == 1_700_000_000_123)
        #expect(frame.message?.mallID == "10001")
        #expect(frame.orderNumber == "240101-1")
        #expect(frame.ackText(timeMs: 1_700_000_001_000)
                == #"{"commandType":"Ack","time":1700000001000,"id":123456789012345678901,"sendTime":1700000000456,"#
                + #""type":"pdd_trade_TradeConfirmed","mallID":10001}"#)
        #expect(EpinduoMessageFrame(text: frame.text) == frame)
        #expect(EpinduoMessageFrame(text: "not json") == nil)
        #expect(EpinduoMessageFrame(text: #"{"id":1}"#) == nil)
        #expect(EpinduoMessageFrame.heartBeat(timeMs: 5).text == #"{"commandType":"HeartBeat","time":5}"#)
        // A content naming the order as order_sn, or naming none.
        var other = frame
        other.message?.content = #"{"order_sn":"240101-2"}"#
        #expect(other.orderNumber == "240101-2")
        other.message?.content = "not json"
        #expect(other.orderNumber == nil)
    }

    @Test func theReconnectWaitDoublesFromOneSecondToAMinuteWithJitter() {
        var backoff = EpinduoReconnectBackoff()
        #expect((0..<8).map { _ in backoff.next(jitter: 1) } == [1, 2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
        backoff.reset()
        #expect(backoff.next(jitter: 0) == .milliseconds(500))
        #expect(backoff.next(jitter: 0.5) == .milliseconds(1500))
    }
}
