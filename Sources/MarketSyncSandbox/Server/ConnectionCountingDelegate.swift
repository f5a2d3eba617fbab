internal import HummingbirdCore

/// Counts the connections the server accepts, through Hummingbird's own hook on the listening channel; it never
/// refuses one.
struct ConnectionCountingDelegate: AvailableConnectionsDelegate {
    let counters: LoopbackServerCounters

    mutating func connectionOpened() {
        counters.connectionAccepted()
    }

    mutating func connectionClosed() {}

    func isAcceptingNewConnections() -> Bool { true }
}
