/// Puts imported products over the stored planning rows in memory, for a dry run that stores nothing.
struct PlanningOverlay {
    let products: [Product]
    let channel: ChannelID

    func apply(to rows: [PlanningRow]) -> [PlanningRow] {
        var byKey: [SKU: PlanningRow] = [:]
        for row in rows { byKey[row.sku] = row }
        for product in products {
            var row = byKey[product.sku] ?? PlanningRow(sku: product.sku, onHand: 0, reserved: 0, basePrice: product.basePrice, listing: nil)
            row.onHand = product.onHand
            row.basePrice = product.basePrice
            row.listing = product.listings[channel]
            byKey[product.sku] = row
        }
        return byKey.values.sorted { $0.sku < $1.sku }
    }
}
