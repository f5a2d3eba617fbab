extension OrderLine {
    /// The state that decides what the line does: its own when the channel reports one per line, else its order's.
    public func effectiveState(orderState: OrderState) -> OrderState {
        state ?? orderState
    }

    /// Whether the line holds its units back from what is offered: while its effective state reserves
    /// (`OrderState.reservesStock`), unless the seller refused it (a refused line stops reserving as soon as the
    /// refusal is queued, before the channel has moved the line to `refused`). An accepted line reserves until it
    /// ships, is cancelled or is refunded.
    public func reservesStock(orderState: OrderState, refused: Bool = false) -> Bool {
        !refused && effectiveState(orderState: orderState).reservesStock
    }
}
