/// One difference between the plan and what the channel holds (acknowledged or already queued).
public struct PlannedChange: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case stock(from: Int64?, to: Int64)
        case price(from: Money?, to: Money)
    }
    public var sku: SKU
    public var listing: String?
    public var value: Value

    public init(sku: SKU, listing: String?, value: Value) {
        self.sku = sku
        self.listing = listing
        self.value = value
    }
}

/// The plan for one channel after the diff: what changes, and how many SKUs need nothing.
public struct ChannelPlan: Sendable {
    public var channel: ChannelID
    public var changes: [PlannedChange]
    /// SKUs whose planned stock and price equal what the channel holds.
    public var unchanged: Int
    /// SKUs with no listing on this channel (not offered there).
    public var unlisted: Int
    /// Price changes a guard held back (floor, ceiling, max change).
    public var held: [HeldPrice]

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
    public init(sku: SKU, from: Money?, to: Money, guardKind: PriceGuard, reason: String) {
        self.sku = sku
        self.from = from
        self.to = to
        self.guardKind = guardKind
        self.reason = reason
    }
}
