internal import Epinduo
internal import Foundation
internal import Synchronization

/// The sandbox's message service state (docs/channels.md, "Message service"): a `Common` message for every order the
/// sandbox creates or changes, kept until the client acknowledges it, sent to every connected client of the mall,
/// sent again to whoever is connected when a connection opens or when it was not acknowledged within the redelivery
/// timeout. It records what it sent and what was acknowledged, for the admin view.
///
/// Messages are made only once a message service runs (``enable()``): a sandbox serving only the router keeps none.
public final class EpinduoSandboxMessages: Sendable {
    /// What the admin view shows: `GET /_sandbox/messages`.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// Message ids in the order they were sent, a message sent again listed again.
        public var sent: [String]
        /// Message ids in the order their `Ack` came.
        public var acked: [String]
        /// Ids of messages not acknowledged yet, oldest first.
        public var pending: [String]
        /// Clients connected now.
        public var connections: Int
        /// Connections made since the sandbox started (refused ones not counted).
        public var connectionsMade: Int
        /// Connections refused for a wrong sign or client id.
        public var refused: Int
        /// Heartbeats answered.
        public var heartbeats: Int
        /// The next this many messages are sent twice.
        public var duplicateNext: Int

        enum CodingKeys: String, CodingKey {
            case sent, acked, pending, connections, heartbeats, refused
            case connectionsMade = "connections_made", duplicateNext = "duplicate_next"
        }
    }

    struct Pending {
        var frame: EpinduoMessageFrame
        var lastSentAt: Date
    }

    struct State {
        var enabled = false
        var nextID: Int64 = 7_100_000_000_000_000_001
        var pending: [String: Pending] = [:]
        var order: [String] = []
        var sent: [String] = []
        var acked: [String] = []
        var connections: [Int: AsyncStream<String>.Continuation] = [:]
        var nextConnection = 0
        var connectionsMade = 0
        var refused = 0
        var heartbeats = 0
        var duplicateNext = 0
        var waiters: [(predicate: @Sendable (Snapshot) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

        var snapshot: Snapshot {
            Snapshot(sent: sent, acked: acked, pending: order.filter { pending[$0] != nil }, connections: connections.count,
                     connectionsMade: connectionsMade, refused: refused, heartbeats: heartbeats, duplicateNext: duplicateNext)
        }
    }

    /// The mall every message names (the sandbox serves one shop: `pdd.mall.info.get` answers the same id).
    public static let mallID = "10001"

    let state = Mutex(State())

    init() {}

    /// Starts making messages (a message service is running).
    func enable() {
        change { $0.enabled = true }
    }

    /// What was sent and acknowledged so far.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }

    /// Returns once the admin view satisfies `predicate` (a test's hook: wait for an `Ack`, a connection, a redelivery).
    public func wait(until predicate: @escaping @Sendable (Snapshot) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if predicate(state.snapshot) { return true }
                state.waiters.append((predicate, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Makes a `Common` message about order `orderSN` of `type` at `date` and sends it to every connected client.
    func publish(orderSN: String, type: String, at date: Date) {
        change { state in
            guard state.enabled else { return }
            let id = String(state.nextID)
            state.nextID += 1
            let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            let content = "{\"mall_id\":\(Self.mallID),\"tid\":\(EpinduoMessageFrame.quoted(orderSN))}"
            let frame = EpinduoMessageFrame(commandType: "Common", id: id, time: millis, sendTime: millis,
                                            message: .init(type: type, mallID: Self.mallID, content: content))
            state.pending[id] = Pending(frame: frame, lastSentAt: date)
            state.order.append(id)
            let copies = state.duplicateNext > 0 ? 2 : 1
            if copies == 2 { state.duplicateNext -= 1 }
            for _ in 0..<copies { Self.send(frame, in: &state) }
        }
    }

    /// Registers a connection; it is sent every message not acknowledged yet, then every new one.
    func connect() -> (id: Int, frames: AsyncStream<String>) {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let id = change { state -> Int in
            let id = state.nextConnection
            state.nextConnection += 1
            state.connectionsMade += 1
            state.connections[id] = continuation
            for messageID in state.order {
                guard let pending = state.pending[messageID] else { continue }
                continuation.yield(pending.frame.text)
                state.sent.append(messageID)
            }
            return id
        }
        return (id, stream)
    }

    /// Forgets a connection that ended.
    func disconnect(_ id: Int) {
        let continuation = change { $0.connections.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// Counts a connection refused for its sign.
    func refuse() {
        change { $0.refused += 1 }
    }

    /// Answers a client's `HeartBeat` on its connection.
    func heartbeat(from id: Int, timeMs: Int64) {
        change { state in
            state.heartbeats += 1
            state.connections[id]?.yield(EpinduoMessageFrame.heartBeat(timeMs: timeMs).text)
        }
    }

    /// Takes a client's `Ack`: the message is not sent again.
    func acknowledge(_ id: String) {
        change { state in
            guard state.pending.removeValue(forKey: id) != nil else { return }
            state.acked.append(id)
            state.order.removeAll { $0 == id }
        }
    }

    /// Sends again every message sent `timeout` or longer before `now` and not acknowledged, if anyone is connected.
    func redeliver(now: Date, timeout: Duration) {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        change { state in
            guard !state.connections.isEmpty else { return }
            for id in state.order {
                guard let pending = state.pending[id], now.timeIntervalSince(pending.lastSentAt) >= seconds else { continue }
                state.pending[id]?.lastSentAt = now
                Self.send(pending.frame, in: &state)
            }
        }
    }

    /// Sends `text` as it is, as one text frame, to every connected client (the admin switch that tests how a client
    /// takes frames it cannot read); returns how many clients it went to.
    @discardableResult
    func sendRaw(_ text: String) -> Int {
        change { state in
            for continuation in state.connections.values { continuation.yield(text) }
            return state.connections.count
        }
    }

    /// Ends every connection (the admin switch that tests reconnects); returns how many there were.
    @discardableResult
    func dropConnections() -> Int {
        let dropped = change { state -> [AsyncStream<String>.Continuation] in
            defer { state.connections.removeAll() }
            return Array(state.connections.values)
        }
        dropped.forEach { $0.finish() }
        return dropped.count
    }

    /// Sends each of the next `count` messages twice (the admin switch that tests duplicate deliveries).
    func duplicate(next count: Int) {
        change { $0.duplicateNext = max(0, count) }
    }

    private static func send(_ frame: EpinduoMessageFrame, in state: inout State) {
        guard let id = frame.id else { return }
        for continuation in state.connections.values { continuation.yield(frame.text) }
        if !state.connections.isEmpty { state.sent.append(id) }
    }

    /// Runs `body` on the state, then wakes the waiters whose condition now holds.
    @discardableResult
    private func change<T: Sendable>(_ body: (inout State) -> T) -> T {
        let (result, ready) = state.withLock { state -> (T, [CheckedContinuation<Void, Never>]) in
            let result = body(&state)
            guard !state.waiters.isEmpty else { return (result, []) }
            let snapshot = state.snapshot
            var ready: [CheckedContinuation<Void, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.predicate(snapshot) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return (result, ready)
        }
        ready.forEach { $0.resume() }
        return result
    }
}
