/// One difference between the plan and what the channel holds (acknowledged or already queued).
public struct PlannedChange: Sendable, Hashable {
    /// What changes: `from` is what the channel holds as far as marketsync knows (the value waiting in
    /// the outbox, else the acknowledged one; nil when neither), `to` the planned value.
    public enum Value: Sendable, Hashable {
        /// Stock, in units.
        case stock(from: Int64?, to: Int64)
        /// Price, in the channel's currency.
        case price(from: Money?, to: Money)
    }
    /// The merchant's SKU.
    public var sku: SKU
    /// The channel's listing id of the SKU (the planner skips SKUs without one).
    public var listing: String?
    /// The change.
    public var value: Value

    /// A change as given.
    public init(sku: SKU, listing: String?, value: Value) {
        self.sku = sku
        self.listing = listing
        self.value = value
    }
}

/// The plan for one channel after the diff: what changes, and how many SKUs need nothing.
public struct ChannelPlan: Sendable {
    /// The channel planned for.
    public var channel: ChannelID
    /// The differences to queue, in the input's SKU order (a SKU's stock before its price).
    public var changes: [PlannedChange]
    /// SKUs whose planned stock and price equal what the channel holds.
    public var unchanged: Int
    /// SKUs with no listing on this channel (not offered there).
    public var unlisted: Int
    /// Price changes a guard held back (floor, ceiling, max change).
    public var held: [HeldPrice]

    /// A plan; nothing held unless given.
    public init(channel: ChannelID, changes: [PlannedChange], unchanged: Int, unlisted: Int, held: [HeldPrice] = []) {
        self.channel = channel
        self.changes = changes
        self.unchanged = unchanged
        self.unlisted = unlisted
        self.held = held
    }

    /// The outbox drafts that carry the changes.
    public var drafts: [OutboxDraft] {
        changes.map { change in
            switch change.value {
            case let .stock(_, to):
                OutboxDraft(channel: channel, key: change.sku.rawValue, listing: change.listing, payload: .stock(quantity: to))
            case let .price(_, to):
                OutboxDraft(channel: channel, key: change.sku.rawValue, listing: change.listing, payload: .price(to))
            }
        }
    }
}

/// A price the guards did not let through, with why.
public struct HeldPrice: Sendable, Hashable {
    /// The SKU whose price was held.
    public var sku: SKU
    /// The price the channel acknowledged last (nil: never acknowledged).
    public var from: Money?
    /// The price the rules derived and the guard held.
    public var to: Money
    /// Which guard held it.
    public var guardKind: PriceGuard
    /// Why, for people.
    public var reason: String
    /// A held price as the planner records it.
    public init(sku: SKU, from: Money?, to: Money, guardKind: PriceGuard, reason: String) {
        self.sku = sku
        self.from = from
        self.to = to
        self.guardKind = guardKind
        self.reason = reason
    }
}
