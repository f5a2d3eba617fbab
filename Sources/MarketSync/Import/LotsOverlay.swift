/// Lots files' lots waiting for a streamed catalog source (``StreamedCatalogSource``): each SKU's lots replace
/// the ones the source gives, and a SKU the source does not give is rejected, naming its lots file.
public struct LotsOverlay: Sendable {
    /// The lots of each SKU.
    public var lots: [SKU: [StockLot]]
    /// The lots file each SKU came from.
    public var sources: [SKU: String]

    /// An overlay; empty by default.
    public init(lots: [SKU: [StockLot]] = [:], sources: [SKU: String] = [:]) {
        self.lots = lots
        self.sources = sources
    }

    /// Whether it names no SKU.
    public var isEmpty: Bool { lots.isEmpty }
}
