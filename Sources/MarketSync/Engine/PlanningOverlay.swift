/// Puts imported products over the stored planning input in memory, for a dry run that stores nothing.
struct PlanningOverlay {
    let products: [Product]

    func apply(to input: PlanningInput) -> PlanningInput {
        var result = input
        var index: [SKU: Int] = [:]
        for (i, sku) in input.skus.enumerated() { index[sku.sku] = i }
        var warehouseIndex: [String: Int32] = [:]
        for (i, name) in input.warehouses.enumerated() { warehouseIndex[name] = Int32(i) }
        for product in products {
            let lotStart = Int32(result.lots.count)
            for lot in product.lots {
                let warehouse: Int32
                if let known = warehouseIndex[lot.warehouse] {
                    warehouse = known
                } else {
                    warehouse = Int32(result.warehouses.count)
                    result.warehouses.append(lot.warehouse)
                    warehouseIndex[lot.warehouse] = warehouse
                }
                result.lots.append(LotState(warehouse: warehouse, quantity: lot.quantity,
                                            expiresOnDay: lot.expiresOn.map(SyncEngine.day), producedOnDay: lot.producedOn.map(SyncEngine.day)))
            }
            let state = SKUState(sku: product.sku, basePriceMinor: product.basePrice.minorUnits,
                                 reserved: index[product.sku].map { input.skus[$0].reserved } ?? 0,
                                 lotStart: lotStart, lotCount: Int32(product.lots.count))
            let i: Int
            if let known = index[product.sku] {
                i = known
                result.skus[i] = state
            } else {
                i = result.skus.count
                result.skus.append(state)
                for c in result.channels.indices { result.channels[c].states.append(OfferState(listing: nil)) }
            }
            for c in result.channels.indices {
                result.channels[c].states[i].listing = product.listings[result.channels[c].channel]
            }
        }
        return result
    }
}
