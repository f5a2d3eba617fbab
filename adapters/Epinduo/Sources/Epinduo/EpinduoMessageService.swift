internal import Foundation
internal import HummingbirdWSClient
public import Logging
public import MarketSync
internal import Synchronization

/// The platform's message service: a websocket on which it pushes the shop's events (docs/channels.md, "Message
/// service"). Each `Common` message becomes a ``ChannelEvent`` (the message id, its type and the order number its
/// content names) handed to the sink; the message is acknowledged (`Ack`) only once the sink returned `.accepted` or
/// `.duplicate`, so one the worker refused stays unacknowledged and the platform sends it again.
///
/// It sends `HeartBeat` every ``EpinduoMessageSettings/heartbeat``, drops a connection that brought no frame for three
/// of those, and connects again after a growing wait (``EpinduoReconnectBackoff``), trying the backup address when
/// the one it used cannot be reached. Every wait is on the injected clock. The address with the sign is a secret:
/// it is never logged, and the websocket library gets a logger that does not go below `info`.
public struct EpinduoMessageService: ChannelEventSource {
    /// The channel the events are for.
    public let channel: ChannelID
    let settings: EpinduoMessageSettings
    let clock: any SyncClock
    let logger: Logger
    let jitter: @Sendable () -> Double

    /// The service for `channel`; nothing is opened until ``run(into:)``. `jitter` draws in `0..<1` for the reconnect
    /// wait (random by default).
    public init(channel: ChannelID, settings: EpinduoMessageSettings, clock: any SyncClock, logger: Logger,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.channel = channel
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.jitter = jitter
    }

    /// Connects, hands events to `sink`, and connects again whenever the connection ends, until the task is cancelled.
    public func run(into sink: any ChannelEventSink) async throws {
        var backoff = EpinduoReconnectBackoff()
        var useBackup = false
        while !Task.isCancelled {
            var outcome = await session(address(backup: useBackup), sink: sink)
            if outcome.framesRead == 0, settings.backupURL != nil, !Task.isCancelled {
                // The address gave nothing: try the other one at once, and stay on whichever works.
                useBackup.toggle()
                outcome = await session(address(backup: useBackup), sink: sink)
            }
            if Task.isCancelled { return }
            if outcome.framesRead > 0 { backoff.reset() }
            let wait = backoff.next(jitter: jitter())
            logger.info("epinduo message service reconnects", metadata: [
                "sync.channel": "\(channel)", "epinduo.wait_ms": "\(wait.milliseconds)",
                "epinduo.attempt": "\(backoff.failures)",
            ])
            do {
                try await clock.sleep(for: wait)
            } catch {
                return
            }
        }
    }

    /// What one connection came to.
    struct SessionOutcome {
        /// Frames read on it (heartbeat answers included): none means the address or the credentials did not work.
        var framesRead = 0
    }

    /// The main address, or the backup one when there is one and `backup` is set.
    func address(backup: Bool) -> URL {
        backup ? (settings.backupURL ?? settings.url) : settings.url
    }

    /// One connection, from the handshake to its end; never throws (every end is logged and answered by a reconnect).
    func session(_ base: URL, sink: any ChannelEventSink) async -> SessionOutcome {
        let host = base.host ?? "?"
        let state = EpinduoMessageSessionState(now: clock.now())
        let address = settings.connectAddress(base, timestampMs: Self.milliseconds(clock.now()))
        var quiet = logger
        // The library logs its own steps at debug and trace; the address (with the sign) must never reach a log.
        quiet.logLevel = max(logger.logLevel, .info)
        let client = WebSocketClient(url: address, configuration: .init(maxFrameSize: 1 << 20, closeTimeout: .seconds(2)),
                                     logger: quiet) { inbound, outbound, _ in
            logger.info("epinduo message service connected", metadata: ["sync.channel": "\(channel)", "epinduo.host": "\(host)"])
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await keepAlive(outbound, state: state) }
                group.addTask { try await read(inbound, outbound, state: state, sink: sink) }
                // Whichever ends first (the server closed, the line went quiet) ends the connection.
                _ = try await group.next()
                group.cancelAll()
            }
        }
        do {
            let close = try await client.run()
            // A close before any frame is how a refused sign shows (docs/channels.md, "Message service").
            let level: Logger.Level = state.framesRead == 0 && !Task.isCancelled ? .warning : .info
            logger.log(level: level, "epinduo message service connection ended", metadata: [
                "sync.channel": "\(channel)", "epinduo.host": "\(host)", "epinduo.frames": "\(state.framesRead)",
                "epinduo.close_code": "\(close.map { "\($0.closeCode)" } ?? "none")", "epinduo.close_reason": "\(close?.reason ?? "")",
            ])
        } catch {
            // The error names the host at most (never the path); its type is enough to tell what went wrong.
            logger.log(level: Task.isCancelled ? .debug : .warning, "epinduo message service connection failed", metadata: [
                "sync.channel": "\(channel)", "epinduo.host": "\(host)", "error.type": "\(type(of: error))",
            ])
        }
        return SessionOutcome(framesRead: state.framesRead)
    }

    /// Sends `HeartBeat` every heartbeat interval; ends the connection (by throwing) once no frame came for three.
    func keepAlive(_ outbound: WebSocketOutboundWriter, state: EpinduoMessageSessionState) async throws {
        while true {
            try await clock.sleep(for: settings.heartbeat)
            let now = clock.now()
            if now.timeIntervalSince(state.lastFrameAt) * 1000 >= Double(3 * settings.heartbeat.milliseconds) {
                logger.warning("epinduo message service went quiet", metadata: [
                    "sync.channel": "\(channel)", "epinduo.quiet_s": "\(Int(now.timeIntervalSince(state.lastFrameAt)))",
                ])
                throw EpinduoMessageSessionState.Quiet()
            }
            try await outbound.write(.text(EpinduoMessageFrame.heartBeat(timeMs: Self.milliseconds(now)).text))
        }
    }

    /// Reads frames until the server closes: each `Common` message to the sink, then its `Ack` if the sink took it.
    func read(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, state: EpinduoMessageSessionState,
              sink: any ChannelEventSink) async throws {
        for try await message in inbound.messages(maxSize: 1 << 20) {
            guard case let .text(text) = message, let frame = EpinduoMessageFrame(text: text) else {
                logger.warning("epinduo message service sent a frame it cannot read", metadata: [
                    "sync.channel": "\(channel)", "epinduo.frame": "\(Self.size(message))",
                ])
                continue
            }
            state.frameRead(at: clock.now())
            switch frame.commandType {
            case "Common": try await deliver(frame, outbound, sink: sink)
            case "HeartBeat", "Ack": continue
            default:
                logger.info("epinduo message service sent a command", metadata: [
                    "sync.channel": "\(channel)", "epinduo.command": "\(frame.commandType)",
                ])
            }
        }
    }

    /// Hands one `Common` message to the sink and acknowledges it only when the sink recorded it (or had already).
    func deliver(_ frame: EpinduoMessageFrame, _ outbound: WebSocketOutboundWriter, sink: any ChannelEventSink) async throws {
        guard let id = frame.id, !id.isEmpty, let message = frame.message, !message.type.isEmpty else {
            logger.warning("epinduo message service sent a message without an id or type", metadata: ["sync.channel": "\(channel)"])
            return
        }
        let orderID = frame.orderNumber
        if orderID == nil {
            logger.debug("epinduo message names no order", metadata: [
                "sync.channel": "\(channel)", "epinduo.message_id": "\(id)", "epinduo.type": "\(message.type)",
            ])
        }
        let event = ChannelEvent(channel: channel, id: id, type: message.type, orderID: orderID,
                                 occurredAt: frame.time.map { Date(timeIntervalSince1970: Double($0) / 1000) })
        let receipt = await sink.receive(event)
        switch receipt {
        case .accepted, .duplicate:
            try await outbound.write(.text(frame.ackText(timeMs: Self.milliseconds(clock.now()))))
        case let .refused(reason):
            // Not acknowledged: the platform sends it again.
            logger.warning("epinduo message not taken", metadata: [
                "sync.channel": "\(channel)", "epinduo.message_id": "\(id)", "epinduo.type": "\(message.type)",
                "epinduo.reason": "\(reason)",
            ])
        }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// What a frame was, for a log: `text, N bytes` or `binary` (never its content).
    static func size(_ message: WebSocketMessage) -> String {
        switch message {
        case let .text(text): "text, \(text.utf8.count) bytes"
        case .binary: "binary"
        }
    }
}

/// What one connection has seen, shared by its reader and its heartbeat.
final class EpinduoMessageSessionState: Sendable {
    private struct Values {
        var lastFrameAt: Date
        var framesRead = 0
    }

    private let values: Mutex<Values>

    /// The connection ended because no frame came for three heartbeat intervals.
    struct Quiet: Error {}

    init(now: Date) {
        values = Mutex(Values(lastFrameAt: now))
    }

    var lastFrameAt: Date { values.withLock { $0.lastFrameAt } }
    var framesRead: Int { values.withLock { $0.framesRead } }

    func frameRead(at date: Date) {
        values.withLock {
            $0.lastFrameAt = date
            $0.framesRead += 1
        }
    }
}
