public import Foundation
public import MarketSync

/// Which stored orders a person asked for: a channel, some states, a time since when.
public struct OrderFilter: Sendable, Hashable {
    /// Only this channel's orders; every channel's when nil.
    public var channel: ChannelID?
    /// Only orders in one of these states; every state when empty.
    public var states: Set<OrderState>
    /// Only orders the channel changed at or after this instant (their `updatedAt`); any time when nil.
    public var since: Date?

    /// A filter; with no argument it lets every order through.
    public init(channel: ChannelID? = nil, states: Set<OrderState> = [], since: Date? = nil) {
        self.channel = channel
        self.states = states
        self.since = since
    }

    /// Whether `stored` passes every part of the filter.
    public func matches(_ stored: StoredOrder) -> Bool {
        if let channel, stored.channel != channel { return false }
        if !states.isEmpty, !states.contains(stored.order.state) { return false }
        if let since, stored.order.updatedAt < since { return false }
        return true
    }

    /// The orders of `store` that pass, oldest first (by when they were placed, else last changed; then by
    /// channel and id).
    public func orders(in store: any OrderQueryStore) async throws -> [StoredOrder] {
        try await store.storedOrders(of: channel.map { [$0] }).filter(matches).sorted(by: Self.chronologically)
    }

    /// Oldest first: placed (else last changed), then channel, then order id.
    static func chronologically(_ lhs: StoredOrder, _ rhs: StoredOrder) -> Bool {
        let left = lhs.order.placedAt ?? lhs.order.updatedAt, right = rhs.order.placedAt ?? rhs.order.updatedAt
        if left != right { return left < right }
        if lhs.channel != rhs.channel { return lhs.channel < rhs.channel }
        return lhs.order.id < rhs.order.id
    }
}
