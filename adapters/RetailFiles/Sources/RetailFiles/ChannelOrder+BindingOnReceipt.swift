public import MarketSync

extension ChannelOrder {
    /// The order as a chain that is never answered means it: a purchase order sent to a supplier who exchanges no
    /// order response is binding as it arrives, so what waits for acceptance is ready to ship (the order and each
    /// line; a cancellation stays one). Without this, such an order would wait for an answer that never goes out
    /// and never reach the pick list.
    public func bindingOnReceipt() -> ChannelOrder {
        var order = self
        if order.state == .pendingAcceptance { order.state = .readyToShip }
        for index in order.lines.indices where order.lines[index].state == .pendingAcceptance {
            order.lines[index].state = .readyToShip
        }
        return order
    }
}
