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

/// Where submitted batches are kept between the push and the channel's answer.
///
/// Contract: each method is one transaction. An item covered by an open submission at its current version is in
/// flight: `pendingOutbox` leaves it out (it is not sent twice) while the planner still sees its value as pending.
/// A newer version of the same key is pending again and is sent as usual; the old submission's results then
/// acknowledge the old version, which never overwrites the newer one.
public protocol SubmissionStore: Sendable {
    /// Records that `items` went out under `receipt`; the first status check is due at `nextPoll`.
    func recordSubmission(_ receipt: PushReceipt, channel: ChannelID, items: [OutboxItem], at date: Date, nextPoll: Date) async throws
    /// The open submissions of a channel, oldest first.
    func submissions(for channel: ChannelID) async throws -> [Submission]
    /// The channel is still processing: ask again at `nextPoll` (counts one more poll).
    func reschedule(_ receipt: PushReceipt, channel: ChannelID, nextPoll: Date) async throws
    /// The channel answered for every item; the submission is closed (acknowledgements are recorded separately).
    func closeSubmission(_ receipt: PushReceipt, channel: ChannelID) async throws
}
