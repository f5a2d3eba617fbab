public import Logging
public import MarketSync

/// Turns the engine's updates into file lines: the GTIN is the catalog's `listing:<channel>` when it is one (the
/// number the chain knows the product by, and what its orders name), else the product's own GTIN; a price line also
/// gets the product's name in the configured language. An update whose SKU cannot go into a file (no GTIN, an
/// identifier the syntax cannot carry) fails alone with `.validation`, naming the SKU; the rest of the file goes.
public struct OfferResolver: Sendable {
    let channel: ChannelID
    let records: any RetailRecords
    let names: ProductNameSource
    /// Why the syntax cannot carry a SKU (too long, a character outside the set), or nil when it can.
    let skuProblem: @Sendable (SKU) -> String?
    let logger: Logger

    /// A resolver for `channel`'s lines, reading products from `records`, naming them from `names`, refusing a SKU
    /// `skuProblem` gives a reason for.
    public init(channel: ChannelID, records: any RetailRecords, names: ProductNameSource, skuProblem: @escaping @Sendable (SKU) -> String?,
                logger: Logger) {
        self.channel = channel
        self.records = records
        self.names = names
        self.skuProblem = skuProblem
        self.logger = logger
    }

    /// The lines for `updates`, and a failed result for each update (not carried) that cannot be a line. A carried
    /// value that cannot be one any more (its GTIN was removed) is left out and logged.
    public func resolve<Value: Sendable>(_ updates: [(item: Int64, sku: SKU, listing: String?, value: Value, carried: Bool)],
                                  needsName: Bool) async throws -> (lines: [ResolvedOffer<Value>], failed: [ItemResult]) {
        var lines: [ResolvedOffer<Value>] = []
        var failed: [ItemResult] = []
        for update in updates {
            let product = needsName || Self.gtin(update.listing) == nil ? try await records.product(update.sku) : nil
            let problem: String?
            var gtin: GTIN?
            if let reason = skuProblem(update.sku) {
                problem = reason
            } else if let found = Self.gtin(update.listing) ?? product?.gtin {
                gtin = found
                problem = nil
            } else {
                problem = "no GTIN: set the catalog's listing:\(channel) (or gtin) column to the GTIN the chain knows the product by"
            }
            guard let gtin, problem == nil else {
                let reason = problem ?? "no GTIN"
                if update.carried {
                    logger.warning("an unchanged value cannot be repeated in the file", metadata: [
                        LogKey.channel: "\(channel)", LogKey.sku: "\(update.sku)", LogKey.errorMessage: "\(reason)",
                    ])
                } else {
                    failed.append(ItemResult(item: update.item, sku: update.sku,
                                             error: MarketSyncError(.validation, reason, channel: channel, sku: update.sku)))
                }
                continue
            }
            lines.append(ResolvedOffer(item: update.item, sku: update.sku, gtin: gtin, name: product.flatMap { names.name(of: $0) },
                                       value: update.value, carried: update.carried))
        }
        return (lines, failed)
    }

    /// The listing as a GTIN, when it is one (check digit verified).
    public static func gtin(_ listing: String?) -> GTIN? {
        guard let listing else { return nil }
        return try? GTIN(validating: listing.trimmingWhitespace())
    }
}
