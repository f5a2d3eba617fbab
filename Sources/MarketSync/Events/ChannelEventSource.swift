/// A channel's own stream of events that the worker keeps open (a websocket the platform pushes order events on).
///
/// Contract: `run` connects, hands every event to `sink` (acknowledging it to the channel only once `sink` returned
/// `.accepted` or `.duplicate`), keeps the connection alive (heartbeats), reconnects with a growing wait when it
/// drops, and returns only when the task is cancelled. It throws only for a setting that can never work (a
/// malformed address); a lost connection or rejected credentials are logged and retried. It must not log
/// credentials.
public protocol ChannelEventSource: Sendable {
    /// The channel whose events it brings.
    var channel: ChannelID { get }
    /// Runs until cancelled, handing each event to `sink`.
    func run(into sink: any ChannelEventSink) async throws
}
