public import Foundation

/// A price change the max-change guard (or a floor/ceiling guard) held back instead of pushing.
public struct HeldChange: Sendable, Hashable {
    /// The channel the price was planned for.
    public var channel: ChannelID
    /// The merchant's SKU.
    public var sku: SKU
    /// The price the channel last acknowledged; nil when it never acknowledged one.
    public var from: Money?
    /// The price the rules derived, in the channel's currency: the exact price an approval lets through.
    public var to: Money
    /// Which guard held it: only a `maxChange` hold can be approved.
    public var guardKind: PriceGuard
    /// Why it was held, for people: `change +42% exceeds max_change 30%`.
    public var reason: String
    /// When the plan that held it was written.
    public var heldAt: Date

    /// A held change as the engine records it.
    public init(channel: ChannelID, sku: SKU, from: Money?, to: Money, guardKind: PriceGuard, reason: String, heldAt: Date) {
        self.channel = channel
        self.sku = sku
        self.from = from
        self.to = to
        self.guardKind = guardKind
        self.reason = reason
        self.heldAt = heldAt
    }
}

/// Where the planner's last full or incremental pass of a channel got to.
public struct PlanMark: Sendable, Hashable {
    /// The store's change sequence the pass saw.
    public var sequence: Int64
    /// A digest of the channel's rules then; different rules mean a full replan.
    public var rulesDigest: String
    /// A mark for a pass that saw `sequence` under rules with `rulesDigest`.
    public init(sequence: Int64, rulesDigest: String) {
        self.sequence = sequence
        self.rulesDigest = rulesDigest
    }
}

/// The planning side of the store: the flat planning input for all channels at once (allocation spans
/// channels), change tracking for incremental plans, held changes and approvals (`HeldChangeStore`), and version
/// checks.
///
/// Contract: each method is one transaction: a read sees one committed state, a failed write leaves the store as
/// it was.
public protocol PlanningStore: HeldChangeStore {
    /// The planner's input for these channels, SKUs ordered by SKU. With `changedSince`, only SKUs whose change
    /// sequence is above it (catalog import changed them, or an order changed their reservation), plus SKUs with
    /// a lot expiring before day `expiringBefore` (days since 1970) when given.
    func planningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?) async throws -> PlanningInput
    /// The planner's input for these channels and only these SKUs (those in the catalog; the others are left
    /// out), ordered by SKU, read as `planningInput` reads it: what deciding a few orders needs, at a cost in
    /// proportion to them, not to the catalog.
    func planningInput(channels: [ChannelID], skus: [SKU]) async throws -> PlanningInput
    /// The current value of the change sequence (0 for an empty store).
    func changeSequence() async throws -> Int64
    /// The last pass recorded for a channel.
    /// nil before the first: the next plan is then a full one.
    func planMark(for channel: ChannelID) async throws -> PlanMark?
    /// Records a pass.
    func setPlanMark(_ mark: PlanMark, for channel: ChannelID) async throws

    /// For the outbox ids given, the version each still has (absent: acknowledged or superseded and gone).
    func outboxVersions(of ids: [Int64]) async throws -> [Int64: Int64]
}
