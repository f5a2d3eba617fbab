internal import Epinduo
internal import Foundation
internal import Hummingbird
internal import HummingbirdWebSocket
public import Logging
internal import MarketSync
internal import NIOCore
internal import NIOWebSocket

extension EpinduoSandbox {
    /// The path the message service answers on; a client connects to `/message/{client_id}/{timestamp_ms}/{sign}`.
    public static let messagePath = "/message"

    /// Runs the sandbox's message service, a websocket server on 127.0.0.1:`port` (0 picks a free port), until the task
    /// is cancelled; `listening` is called with the bound port once it accepts connections.
    ///
    /// A connection whose client id or sign is wrong (either sign encoding is accepted: docs/channels.md, "Message
    /// service") is upgraded and closed at once with close code 1008 (policy violation) and the reason `sign invalid`
    /// (how the platform refuses is unconfirmed). An accepted one is sent every message not acknowledged yet, then
    /// every new one; its `HeartBeat`s are answered, its `Ack`s recorded. Messages not acknowledged within
    /// `redeliverAfter` (on the sandbox's clock, checked every second of it) are sent again.
    public func runMessageService(port: Int, redeliverAfter: Duration = .seconds(30), logger: Logger,
                                  listening: @escaping @Sendable (Int) async -> Void) async throws {
        messages.enable()
        var serverLogger = logger
        // The path carries a sign: keep the server's own request logs out.
        serverLogger.logLevel = max(logger.logLevel, .info)
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 20, autoPing: .disabled))) {
                [self] head, _, _ in
                let accepted = acceptsMessageConnection(path: head.path ?? "")
                return .upgrade([:]) { inbound, outbound, _ in
                    guard accepted else {
                        self.messages.refuse()
                        try await outbound.close(.policyViolation, reason: "sign invalid")
                        return
                    }
                    try await self.serveMessages(inbound, outbound)
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? port) },
            logger: serverLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                while true {
                    try await self.clock.sleep(for: .seconds(1))
                    self.messages.redeliver(now: self.clock.now(), timeout: redeliverAfter)
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// One accepted connection: frames from ``EpinduoSandboxMessages`` out, heartbeats and acks in, until either side
    /// ends it (the admin's drop ends the outgoing frames, which closes the connection).
    func serveMessages(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async throws {
        let (id, frames) = messages.connect()
        defer { messages.disconnect(id) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in frames { try await outbound.write(.text(text)) }
                try await outbound.close(.goingAway, reason: "dropped")
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case let .text(text) = message, let frame = EpinduoMessageFrame(text: text) else { continue }
                    switch frame.commandType {
                    case "HeartBeat":
                        self.messages.heartbeat(from: id, timeMs: Int64((self.clock.now().timeIntervalSince1970 * 1000).rounded(.down)))
                    case "Ack":
                        if let messageID = frame.id { self.messages.acknowledge(messageID) }
                    default: continue
                    }
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Whether `/message/{client_id}/{timestamp_ms}/{sign}` names this sandbox's client with a right sign, in either
    /// encoding. The sign is everything after the timestamp: Base64 may hold `/`, and the clients do not escape it.
    func acceptsMessageConnection(path: String) -> Bool {
        var rest = Substring(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard rest.hasPrefix(Self.messagePath + "/") else { return false }
        rest = rest.dropFirst(Self.messagePath.count + 1)
        guard let slash = rest.firstIndex(of: "/") else { return false }
        let client = String(rest[..<slash])
        rest = rest[rest.index(after: slash)...]
        guard let second = rest.firstIndex(of: "/"), let timestamp = Int64(rest[..<second]) else { return false }
        let given = String(rest[rest.index(after: second)...])
        guard client == clientID, !given.isEmpty else { return false }
        let candidates = [given, given.removingPercentEncoding ?? given]
        return EpinduoMessageSign.allCases.contains { encoding in
            candidates.contains(encoding.sign(clientID: client, timestampMs: timestamp, secret: clientSecret))
        }
    }
}
