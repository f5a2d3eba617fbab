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
    func settle(_ settlements: [OrderSettlement]) async throws { try await base.settle(settlements) }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func respond(_ response: OrderResponse) async throws { try await base.respond(response) }
    func verifyAccess() async throws { try await base.verifyAccess() }
}
