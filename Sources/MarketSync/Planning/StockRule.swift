/// How a channel's offered quantity is derived: what is on hand less what open orders hold, never below zero.
public struct StockRule: Sendable, Hashable {
    public init() {}

    /// The quantity to offer.
    public func quantity(onHand: Int64, reserved: Int64) -> Int64 {
        max(0, onHand - reserved)
    }
}
