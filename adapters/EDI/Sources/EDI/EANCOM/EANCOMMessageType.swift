/// The EANCOM messages the codecs build or read, by their `UNH` message type (`0065`).
public enum EANCOMMessageType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Inventory report (`BGM+35`): our stock, sent.
    case invrpt = "INVRPT"
    /// Price/sales catalogue (`BGM+9`): our prices, sent.
    case pricat = "PRICAT"
    /// Purchase order (`BGM+220`): the chain's order, read.
    case orders = "ORDERS"
    /// Purchase order response (`BGM+231`): our answer to an order, sent.
    case ordrsp = "ORDRSP"

    /// Orders by type name, so settings print in a stable order.
    public static func < (lhs: EANCOMMessageType, rhs: EANCOMMessageType) -> Bool { lhs.rawValue < rhs.rawValue }
}
