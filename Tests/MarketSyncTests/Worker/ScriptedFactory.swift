import Foundation
import Logging
import MarketSync
import MarketSyncApp
import Synchronization

/// Builds channels of `adapter: scripted` for worker tests: one `ScriptedAdapter` per channel, kept across
/// reloads, each built adapter wrapped so every call records the `token` credential it was built with.
final class ScriptedFactory: AdapterFactory {
    let name = "scripted"
    let requiredCredentials = ["token"]
    let knownOptions: Set<String> = []
    var signingCredential: String? { nil }
    private let adapters = Mutex<[ChannelID: ScriptedAdapter]>([:])
    /// Every push and pull, in order: the channel and the token its adapter carried.
    let calls = Mutex<[(channel: ChannelID, token: String)]>([])

    func adapter(_ channel: ChannelID) -> ScriptedAdapter {
        adapters.withLock { table in
            if let adapter = table[channel] { return adapter }
            let adapter = ScriptedAdapter(channel: channel)
            table[channel] = adapter
            return adapter
        }
    }

    /// The tokens of the calls made to `channel`, in order.
    func tokens(_ channel: ChannelID) -> [String] {
        calls.withLock { $0.filter { $0.channel == channel }.map(\.token) }
    }

    func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        TokenRecordingAdapter(base: adapter(settings.id), token: settings.credentials["token"] ?? "", factory: self)
    }

    func cassetteRules(signatureCheck: Bool) -> CassetteRules { CassetteRules() }

    private let streams = Mutex<[ChannelID: ScriptedEventStream]>([:])

    /// Channel `channel`'s event stream (one per channel, kept across reloads): a test delivers events through it.
    func eventStream(_ channel: ChannelID) -> ScriptedEventStream {
        streams.withLock { table in
            if let stream = table[channel] { return stream }
            let stream = ScriptedEventStream(channel: channel)
            table[channel] = stream
            return stream
        }
    }

    /// Channel `a` has an event stream; `b` has none.
    func makeEventSource(_ settings: ChannelSettings, clock: any SyncClock, logger: Logger) throws -> (any ChannelEventSource)? {
        settings.id == "a" ? eventStream(settings.id) : nil
    }

    func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? { nil }
}

/// A scripted channel built with one token: forwards every call, recording the token on pushes and pulls.
struct TokenRecordingAdapter: ChannelAdapter {
    let base: ScriptedAdapter
    let token: String
    let factory: ScriptedFactory

    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }

    private func record() { factory.calls.withLock { $0.append((base.channel, token)) } }

    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        record()
        return try await base.pushStock(updates)
    }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        record()
        return try await base.pushPrices(updates)
    }
    func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        try await base.status(of: receipt, for: items)
    }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        record()
        return try await base.pullOrders(in: window, after: continuation)
    }
    func orders(withIDs ids: [String]) async throws -> [ChannelOrder]? {
        record()
        return try await base.orders(withIDs: ids)
    }
    func settle(_ settlements: [OrderSettlement]) async throws { try await base.settle(settlements) }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func respond(_ response: OrderResponse) async throws { try await base.respond(response) }
    func verifyAccess() async throws { try await base.verifyAccess() }
}

/// A channel's event stream in a test: while the worker keeps it open, `deliver` hands an event to the worker's sink
/// and returns its receipt; it counts how often it was opened and closed.
final class ScriptedEventStream: ChannelEventSource {
    let channel: ChannelID
    private let sink = Mutex<(any ChannelEventSink)?>(nil)
    let opened = Mutex(0)
    let closed = Mutex(0)

    init(channel: ChannelID) { self.channel = channel }

    func run(into sink: any ChannelEventSink) async throws {
        self.sink.withLock { $0 = sink }
        opened.withLock { $0 += 1 }
        defer { closed.withLock { $0 += 1 } }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the stream was opened `count` times in all.
    func waitForOpen(count: Int) async {
        while opened.withLock({ $0 }) < count { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func deliver(_ event: ChannelEvent) async -> ChannelEventReceipt {
        guard let sink = sink.withLock({ $0 }) else { return .refused("the stream is not open") }
        return await sink.receive(event)
    }
}
