public import Foundation

/// Price changes a guard held back, and the approvals that let them through: what the planner writes and the
/// `approve` command reads and approves.
///
/// Contract: each method is one transaction. An approval is of one exact price and is used once.
public protocol HeldChangeStore: Sendable {
    /// Replaces the held changes of `channel` for the SKUs planned in this pass (`planned`, nil = all) with
    /// `held`, in one transaction.
    func replaceHeldChanges(_ held: [HeldChange], channel: ChannelID, planned: [SKU]?) async throws
    /// Held changes, every channel when nil, ordered by channel and SKU.
    func heldChanges(for channel: ChannelID?) async throws -> [HeldChange]
    /// Approves held price changes (all of the channel's when `skus` is nil): each becomes an approval of that
    /// exact price, which the next plan may push past the guard; returns how many.
    func approveHeldChanges(channel: ChannelID, skus: [SKU]?, at date: Date) async throws -> Int
}
