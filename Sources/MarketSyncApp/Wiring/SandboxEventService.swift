public import Foundation
public import Logging

/// A channel sandbox that also pushes events the way its channel does (Epinduo's message service, a websocket on
/// its own port): `marketsync sandbox` runs it beside the sandbox's HTTP server.
public protocol SandboxEventService: Sendable {
    /// Runs the event service on 127.0.0.1:`port` (0 picks a free port) until the task is cancelled; `listening` gets
    /// the address clients connect to once it is bound.
    func runEventService(port: Int, logger: Logger, listening: @escaping @Sendable (URL) async -> Void) async throws
}
