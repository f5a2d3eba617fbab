/// An answer to one of the chain's orders, as read from a file of ours: the order and each line's decision.
public struct PartnerAnswer: Sendable, Hashable, Encodable {
    /// What the answer says of the order as a whole.
    public enum Decision: String, Sendable, Hashable, Encodable {
        /// Every line accepted (ORDRSP 29, 855 `AD`, a sheet with every line accepted).
        case accepted
        /// Every line refused (ORDRSP 27, 855 `RJ`).
        case refused
        /// Some lines accepted, some refused or changed (ORDRSP 4, 855 `AC`).
        case partlyAccepted = "partly_accepted"
    }

    /// The chain's order number the answer names.
    public var orderNumber: String
    /// The whole order's decision.
    public var decision: Decision
    /// Each line's decision; empty when the answer gives none (ORDRSP 29 and 27 carry no line detail).
    public var lines: [PartnerLineDecision]

    /// An answer as read.
    public init(orderNumber: String, decision: Decision, lines: [PartnerLineDecision]) {
        self.orderNumber = orderNumber
        self.decision = decision
        self.lines = lines
    }

    /// The decision the lines add up to.
    static func decision(of lines: [PartnerLineDecision]) -> Decision {
        if lines.allSatisfy(\.accepted) { return .accepted }
        if lines.allSatisfy({ !$0.accepted }) { return .refused }
        return .partlyAccepted
    }
}
