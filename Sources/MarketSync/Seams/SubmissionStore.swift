public import Foundation

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
