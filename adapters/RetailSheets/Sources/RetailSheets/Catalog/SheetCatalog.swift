public import MarketSync

/// The products a sheet may name, looked up by SKU (to fill names and barcodes when writing) and by SKU, item code
/// or GTIN (to link an order line when reading). GTINs match whatever their length (`04601234500012` is
/// `4601234500012`).
public struct SheetCatalog: Sendable {
    /// A lookup that found nothing, or more than one SKU.
    enum Lookup: Equatable {
        case found(SKU)
        case unknown
        case ambiguous([SKU])
    }

    private let bySKU: [SKU: SheetCatalogEntry]
    private let byListing: [String: [SKU]]
    private let byGTIN: [String: [SKU]]

    /// A catalog of `entries`; of two entries for one SKU the first counts.
    public init(_ entries: [SheetCatalogEntry]) {
        var bySKU: [SKU: SheetCatalogEntry] = [:]
        var byListing: [String: [SKU]] = [:]
        var byGTIN: [String: [SKU]] = [:]
        for entry in entries where bySKU[entry.sku] == nil {
            bySKU[entry.sku] = entry
            if let listing = entry.listing, !listing.isEmpty { byListing[listing, default: []].append(entry.sku) }
            if let gtin = entry.gtin { byGTIN[Self.gtinKey(gtin.digits), default: []].append(entry.sku) }
        }
        self.bySKU = bySKU
        self.byListing = byListing
        self.byGTIN = byGTIN
    }

    /// The catalog's products with their listings on `channel`.
    public init(products: [Product], channel: ChannelID) {
        self.init(products.map { SheetCatalogEntry(product: $0, channel: channel) })
    }

    /// The entry of `sku`, if the catalog has it.
    public func entry(for sku: SKU) -> SheetCatalogEntry? { bySKU[sku] }

    func lookup(sku text: String) -> Lookup {
        bySKU[SKU(text)] == nil ? .unknown : .found(SKU(text))
    }

    func lookup(listing: String) -> Lookup {
        Self.lookup(byListing[listing])
    }

    func lookup(gtin: GTIN) -> Lookup {
        Self.lookup(byGTIN[Self.gtinKey(gtin.digits)])
    }

    private static func lookup(_ skus: [SKU]?) -> Lookup {
        guard let skus, let first = skus.first else { return .unknown }
        return skus.count == 1 ? .found(first) : .ambiguous(skus.sorted())
    }

    /// A GTIN's digits padded to 14, so GTIN-8, -12, -13 and -14 forms of one number meet.
    private static func gtinKey(_ digits: String) -> String {
        String(repeating: "0", count: max(0, 14 - digits.count)) + digits
    }
}
