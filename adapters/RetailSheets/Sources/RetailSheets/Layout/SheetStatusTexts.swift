/// The words an order response writes in its `status` column (`accepted_text:`, `refused_text:`).
public struct SheetStatusTexts: Sendable, Hashable {
    /// For a line with units accepted (`accepted` unless configured; `接受` in a Chinese sheet).
    public var accepted: String
    /// For a line refused whole (`refused` unless configured; `拒绝` in a Chinese sheet).
    public var refused: String

    /// The texts given; English by default.
    public init(accepted: String = "accepted", refused: String = "refused") {
        self.accepted = accepted
        self.refused = refused
    }
}
