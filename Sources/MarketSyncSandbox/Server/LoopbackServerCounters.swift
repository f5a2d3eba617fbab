internal import Synchronization

/// What a loopback server has seen: connections accepted and requests answered (tests use them to see keep-alive
/// at work). Shared by the server, its connection delegate and its counting middleware.
final class LoopbackServerCounters: Sendable {
    private let connections = Atomic<Int>(0)
    private let requests = Atomic<Int>(0)

    init() {}

    /// Connections accepted so far.
    var acceptedConnections: Int { connections.load(ordering: .relaxed) }

    /// Requests that reached the responder so far (a request Hummingbird's parser refused is not among them).
    var handledRequests: Int { requests.load(ordering: .relaxed) }

    func connectionAccepted() {
        connections.add(1, ordering: .relaxed)
    }

    func requestReceived() {
        requests.add(1, ordering: .relaxed)
    }
}
