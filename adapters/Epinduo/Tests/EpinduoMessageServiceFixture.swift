import Epinduo
@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing

/// A sink that records every event and answers as scripted: `.refused` for the first `refusals` deliveries, then
/// `.accepted` for a new id and `.duplicate` for one it took before. While `holding`, each delivery waits in the sink
/// until ``release()``.
final class ScriptedSink: ChannelEventSink {
    private struct State {
        var events: [ChannelEvent] = []
        var taken: Set<String> = []
        var refusals = 0
        var holding = false
        var held: [CheckedContinuation<Void, Never>] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    init(refusals: Int = 0, holding: Bool = false) {
        state = Mutex(State(refusals: refusals, holding: holding))
    }

    var events: [ChannelEvent] { state.withLock { $0.events } }

    func receive(_ event: ChannelEvent) async -> ChannelEventReceipt {
        let (hold, ready) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            state.events.append(event)
            let count = state.events.count
            let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= count }
            return (state.holding, ready)
        }
        ready.forEach { $0.resume() }
        if hold {
            await withCheckedContinuation { continuation in
                let released = state.withLock { state -> Bool in
                    guard state.holding else { return true }
                    state.held.append(continuation)
                    return false
                }
                if released { continuation.resume() }
            }
        }
        return state.withLock { state in
            if state.refusals > 0 {
                state.refusals -= 1
                return .refused("the test refuses it")
            }
            return state.taken.insert(event.id).inserted ? .accepted : .duplicate
        }
    }

    /// Lets every held delivery return, and the ones after it return at once.
    func release() {
        let held = state.withLock { state in
            state.holding = false
            defer { state.held.removeAll() }
            return state.held
        }
        held.forEach { $0.resume() }
    }

    /// Returns once `count` deliveries came in (returned or not).
    func waitForEvents(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.events.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// The reconnect wait's jitter source, which also tells the test that the client is about to wait (it is drawn
/// right before the wait, once the connection it follows has ended).
final class JitterProbe: Sendable {
    private let calls = Mutex<(count: Int, waiters: [(Int, CheckedContinuation<Void, Never>)])>((0, []))

    var draw: @Sendable () -> Double {
        { [self] in
            let ready = calls.withLock { calls -> [CheckedContinuation<Void, Never>] in
                calls.count += 1
                let count = calls.count
                let ready = calls.waiters.filter { $0.0 <= count }.map(\.1)
                calls.waiters.removeAll { $0.0 <= count }
                return ready
            }
            ready.forEach { $0.resume() }
            return 0
        }
    }

    var count: Int { calls.withLock { $0.count } }

    /// Returns once the client drew `count` waits.
    func waitForWaits(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = calls.withLock { calls -> Bool in
                if calls.count >= count { return true }
                calls.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// The Epinduo sandbox's message service on a loopback port and an `EpinduoMessageService` connected to it over a
/// real websocket, each on its own manual clock.
struct MessageServiceHarness {
    let sandboxClock = ManualClock(now: Fake.start)
    let clientClock = ManualClock(now: Fake.start)
    let sandbox: EpinduoSandbox
    let jitter = JitterProbe()
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Messages not acknowledged are sent again after this long on the sandbox's clock.
    static let redelivery = Duration.seconds(5)

    init() {
        sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, clock: sandboxClock)
    }

    /// Runs the sandbox's message service and a client with `secret` and `sign` handing events to `sink`, calls `body`,
    /// then stops both. `mainPort` replaces the main address's port (the backup is then the sandbox).
    func run(sink: ScriptedSink, secret: String = Fake.secret, sign: EpinduoMessageSign = .raw, mainPort: Int? = nil,
             _ body: (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, listening) = AsyncStream<Int>.makeStream()
            group.addTask {
                try await sandbox.runMessageService(port: 0, redeliverAfter: Self.redelivery, logger: Self.quiet) { listening.yield($0) }
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let sandboxURL = try #require(URL(string: "ws://127.0.0.1:\(port)/message"))
            let settings = EpinduoMessageSettings(
                url: try mainPort.map { try #require(URL(string: "ws://127.0.0.1:\($0)/message")) } ?? sandboxURL,
                backupURL: mainPort == nil ? nil : sandboxURL, clientID: Fake.clientID, clientSecret: secret, sign: sign,
                heartbeat: .seconds(600))
            let service = EpinduoMessageService(channel: "epinduo", settings: settings, clock: clientClock, logger: Self.quiet,
                                                jitter: jitter.draw)
            group.addTask { try await service.run(into: sink) }
            try await body(port)
            group.cancelAll()
        }
    }

    /// Adds order `orderSN` (one line of JAM-1) to the sandbox, which makes a message of it.
    func addOrder(_ orderSN: String) async throws {
        let body = """
        [{"order_sn": "\(orderSN)", "updated_at": \(Int64(sandboxClock.now().timeIntervalSince1970)),
          "items": [{"goods_id": 500, "sku_id": 1, "outer_id": "JAM-1", "goods_count": 2, "goods_price": 39.9}]}]
        """
        let response = await admin("POST", "/_sandbox/orders", body)
        try #require(response.status == 200)
    }

    /// Calls an admin endpoint of the sandbox.
    func admin(_ method: String, _ path: String, _ body: String = "") async -> WireResponse {
        await sandbox.handle(WireRequest(method: method, url: URL(string: "http://127.0.0.1:8931\(path)") ?? URL(fileURLWithPath: "/"),
                                         headers: [HeaderField("Content-Type", "application/json")], body: Data(body.utf8)))
    }

    /// Waits until the sandbox's admin view satisfies `predicate`.
    func waitForMessages(_ predicate: @escaping @Sendable (EpinduoSandboxMessages.Snapshot) -> Bool) async {
        await sandbox.messages.wait(until: predicate)
    }
}
