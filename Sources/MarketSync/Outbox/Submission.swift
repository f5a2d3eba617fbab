public import Foundation

/// A batch a channel took for later processing: its receipt, the outbox items it covers as they were sent, and
/// when to ask about it next. Kept in the store, so a restart goes on asking.
public struct Submission: Sendable, Hashable {
    /// The channel that took the batch.
    public var channel: ChannelID
    /// The channel's receipt, asked about with `status(of:for:)`.
    public var receipt: PushReceipt
    /// The items as sent (payload and version), whatever the outbox holds for their keys now.
    public var items: [OutboxItem]
    /// When the batch went out.
    public var submittedAt: Date
    /// When the engine asks the channel next.
    public var nextPollAt: Date
    /// How many times it has asked so far.
    public var polls: Int

    /// A submission as the store gives it back.
    public init(channel: ChannelID, receipt: PushReceipt, items: [OutboxItem], submittedAt: Date, nextPollAt: Date, polls: Int) {
        self.channel = channel
        self.receipt = receipt
        self.items = items
        self.submittedAt = submittedAt
        self.nextPollAt = nextPollAt
        self.polls = polls
    }
}
