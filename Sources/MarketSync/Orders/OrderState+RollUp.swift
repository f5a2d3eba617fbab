extension OrderState {
    /// How far along the life cycle a state is, for rolling lines up: the order stands where its least advanced
    /// live line stands.
    var progress: Int {
        switch self {
        case .unknown: 0
        case .pendingAcceptance: 1
        case .awaitingPayment: 2
        case .readyToShip: 3
        case .shipped: 4
        case .delivered: 5
        case .returnOrRefundInProgress: 6
        case .refunded: 7
        case .closed: 8
        case .incident, .cancelled, .refused: 9
        }
    }

    /// The order's state from its lines' states, for a channel that reports one per line:
    /// - any line in `incident` makes the order `incident`; any line `unknown` makes it `unknown` (never guessed);
    /// - lines cancelled or refused are set aside: with none left, the order is `refused` when any line was
    ///   refused and `cancelled` otherwise;
    /// - a refund under way on any live line makes the order `returnOrRefundInProgress`;
    /// - otherwise the order stands where its least advanced live line stands (one line still waiting for
    ///   acceptance keeps the whole order there);
    /// - no lines at all gives nil: the caller keeps the order-level state the channel reported.
    public static func rollUp(_ lines: [OrderState]) -> OrderState? {
        guard !lines.isEmpty else { return nil }
        if lines.contains(.incident) { return .incident }
        if lines.contains(.unknown) { return .unknown }
        let live = lines.filter { $0 != .cancelled && $0 != .refused }
        guard !live.isEmpty else { return lines.contains(.refused) ? .refused : .cancelled }
        if live.contains(.returnOrRefundInProgress) { return .returnOrRefundInProgress }
        return live.min { $0.progress < $1.progress }
    }
}
