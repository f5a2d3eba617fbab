public import Foundation

/// The outbox: what waits to be sent to each channel, and what each channel acknowledged.
///
/// Contract: every method is one transaction. Versions come from one sequence that only grows, so a newer entry
/// for a key always carries a greater version; an acknowledgement of an older version never overwrites a newer one.
public protocol OutboxStore: Sendable {
    /// What a channel last acknowledged, ordered by SKU.
    func acknowledgedOffers(for channel: ChannelID) async throws -> [AcknowledgedOffer]
    /// Writes drafts to the outbox in one transaction. A draft supersedes a pending or parked entry with the
    /// same channel, key and kind; every written entry gets a version greater than any before it.
    func enqueue(_ drafts: [OutboxDraft], at date: Date) async throws -> [OutboxItem]
    /// Entries waiting to be sent to a channel, oldest first.
    /// Those in flight under an open submission at their current version are left out (see `SubmissionStore`).
    func pendingOutbox(for channel: ChannelID) async throws -> [OutboxItem]
    /// Entries parked after a permanent failure (every channel when nil).
    func failedOutbox(for channel: ChannelID?) async throws -> [OutboxItem]
    /// Records that the channel accepted these entries: the acknowledged value is updated unless a newer
    /// version is already acknowledged, and each entry leaves the outbox unless a newer one superseded it. An
    /// older version acknowledged after a newer one with another value means two sends raced and the channel may
    /// hold the older value: the acknowledged value is then forgotten, so the next plan sends the current one.
    func acknowledge(_ items: [OutboxItem], at date: Date) async throws
    /// Records a failed attempt. A permanent failure parks the entry (status `failed`) with the reason.
    /// Nothing changes when a newer version superseded the entry.
    func recordFailure(_ item: OutboxItem, reason: String, permanent: Bool, at date: Date) async throws
    /// Puts parked entries back in the queue; returns how many.
    func requeueFailed(for channel: ChannelID?) async throws -> Int
}
