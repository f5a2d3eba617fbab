/// The three kinds of work a channel has, each on its own schedule in the worker (`schedule.stock`,
/// `schedule.prices`, `schedule.orders`, each defaulting to `schedule.every`).
public enum WorkKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Sending queued stock values.
    case stock
    /// Sending queued prices.
    case prices
    /// Pulling orders (and the deep re-scan), then sending the answers about orders (acceptances,
    /// acknowledgements, shipments).
    case orders

    /// The outbox kinds this work sends.
    public var outboxKinds: Set<OutboxKind> {
        switch self {
        case .stock: [.stock]
        case .prices: [.price]
        case .orders: [.shipment, .acceptance, .acknowledgement]
        }
    }

    /// In declaration order (stock, prices, orders), so lists of kinds print the same way every time.
    public static func < (lhs: WorkKind, rhs: WorkKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
