/// What waits for a person: open order incidents and, per channel, held prices, parked items and incidents. Read by
/// inspection commands (`incidents`, the status page) and the run summary.
///
/// Contract: every method is one read transaction and changes nothing.
public protocol IncidentStore: Sendable {
    /// Open incidents of a channel (every channel when nil), oldest first.
    func openIncidents(for channel: ChannelID?) async throws -> [OrderIncident]
    /// What waits for a person on `channel`: held prices, parked items, open incidents.
    func waitingWork(for channel: ChannelID) async throws -> WaitingWork
}
