/// Which guard held a price back. Only a change above `max_change` may be approved; a price below the floor or
/// above the ceiling never goes out (change the rule or the base price).
public enum PriceGuard: String, Sendable, Hashable, Codable, CaseIterable {
    /// The price is below the channel's floor.
    case floor
    /// The price is above the channel's ceiling.
    case ceiling
    /// The change from the acknowledged price exceeds `max_change`: `marketsync approve` lets it through.
    case maxChange = "max_change"

    /// Whether `marketsync approve` can let a price held by this guard through.
    public var isApprovable: Bool { self == .maxChange }
}
