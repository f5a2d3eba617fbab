/// Applies a channel's rules to the planning rows and diffs the result against what the channel holds: the
/// value waiting in the outbox if any, else the last acknowledged one. Pure and synchronous.
public struct Planner: Sendable {
    public init() {}

    /// The plan for one channel.
    public func plan(_ rows: [PlanningRow], channel: ChannelID, rules: ChannelRules, capabilities: ChannelCapabilities) -> ChannelPlan {
        var changes: [PlannedChange] = []
        var unchanged = 0
        var unlisted = 0
        for row in rows {
            guard row.listing != nil else {
                unlisted += 1
                continue
            }
            var changed = false
            if capabilities.pushesStock {
                let quantity = rules.stock.quantity(onHand: row.onHand, reserved: row.reserved)
                let current = row.pendingQuantity ?? row.acknowledgedQuantity
                if current != quantity {
                    changes.append(PlannedChange(sku: row.sku, listing: row.listing, value: .stock(from: current, to: quantity)))
                    changed = true
                }
            }
            if capabilities.pushesPrices {
                let price = rules.price.price(for: row.basePrice)
                let current = row.pendingPrice ?? row.acknowledgedPrice
                if current != price {
                    changes.append(PlannedChange(sku: row.sku, listing: row.listing, value: .price(from: current, to: price)))
                    changed = true
                }
            }
            if !changed { unchanged += 1 }
        }
        return ChannelPlan(channel: channel, changes: changes, unchanged: unchanged, unlisted: unlisted)
    }
}
