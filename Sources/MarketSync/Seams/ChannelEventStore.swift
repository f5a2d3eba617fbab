public import Foundation

/// The events channels delivered, by id, so a delivery made twice is acted on once.
///
/// Contract: recording is one transaction and atomic across processes sharing the store: of two handles recording
/// the same channel and id at once, exactly one gets true.
public protocol ChannelEventStore: Sendable {
    /// Records the event unless its channel and id were recorded before; true when it is new. Records older than
    /// `keepFor` before `date` may be dropped at the same time (a channel redelivers for hours, not weeks).
    func recordEvent(_ event: ChannelEvent, at date: Date, keepFor: Duration) async throws -> Bool
}
