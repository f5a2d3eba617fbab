internal import Foundation
internal import Logging
public import MarketSync

extension MiraklAdapter {
    /// Sets the stock of each SKU with one OF24 import of whole offer records: each record as the adapter holds it
    /// (read back with OF21 on the first push of the process) with the new quantity merged in, so the price and the
    /// other fields stay as they are (OF24 resets every field not sent: docs/channels.md, "Offers: stock and prices").
    ///
    /// Answers `.submitted` with the `import_id`; `status(of:for:)` reads the outcome. An update the channel could
    /// never take (a negative quantity) fails alone: the batch answers `.completed`, that item rejected and the others
    /// retryable, so the engine sends them again at once without it.
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let problems = updates.compactMap { update -> ItemResult? in
            guard update.quantity < 0 else { return nil }
            return ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                .validation, "stock quantity must not be negative", channel: channel, sku: update.sku, key: "quantity"))
        }
        if !problems.isEmpty { return withoutRejected(problems, all: updates.map { ($0.item, $0.sku, $0.carried) }) }
        return try await submit(updates.map { ($0.sku, $0.listing) }) { record, index in
            record.quantity = updates[index].quantity
        }
    }

    /// Sets the price of each SKU with one OF24 import of whole offer records, the new price merged into each (the
    /// quantity and the other fields stay as they are). Prices are in the operator's currency, written with two
    /// decimals. Answers as ``pushStock(_:)`` does.
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        let problems = updates.compactMap { update -> ItemResult? in
            if update.price.currency != settings.currency {
                return ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                    .validation, "\(channel) prices are in \(settings.currency), not \(update.price.currency)", channel: channel,
                    sku: update.sku, key: "price"))
            }
            guard update.price.minorUnits > 0 else {
                return ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                    .validation, "price must be positive", channel: channel, sku: update.sku, key: "price"))
            }
            return nil
        }
        if !problems.isEmpty { return withoutRejected(problems, all: updates.map { ($0.item, $0.sku, $0.carried) }) }
        return try await submit(updates.map { ($0.sku, $0.listing) }) { record, index in
            record.price = updates[index].price
        }
    }

    /// The rejected items' results, and every other item a retryable error, so the engine sends the rest again
    /// without them (an import covers what it carries, so a rejected item cannot ride along).
    private func withoutRejected(_ rejected: [ItemResult], all: [(Int64, SKU, Bool)]) -> PushOutcome {
        let failed = Set(rejected.map(\.item))
        let others = all.filter { !$0.2 && !failed.contains($0.0) }.map { item, sku, _ in
            ItemResult(item: item, sku: sku, error: MarketSyncError(
                .channelUnavailable, "not sent: another item of the batch was rejected; sent again without it", channel: channel, sku: sku))
        }
        return .completed(rejected + others)
    }

    /// Merges each SKU's change into its whole record and sends the records as one OF24 import, through the gate (one
    /// import at a time, spaced by `importInterval`).
    private func submit(_ offers: [(sku: SKU, listing: String?)],
                        change: @escaping @Sendable (inout MiraklOfferRecord, Int) -> Void) async throws -> PushOutcome {
        guard !offers.isEmpty else { return .completed([]) }
        var references: [String: String] = [:]
        for offer in offers { if let listing = offer.listing, !listing.isEmpty { references[offer.sku.rawValue] = listing } }
        let listings = references
        return try await gate.run { () async throws -> PushOutcome in
            if !book.isLoaded { book.load(try await offersOnTheChannel()) }
            let leadtime = settings.leadtimeToShip.map(Int64.init)
            let records = book.update(offers.map(\.sku.rawValue), make: { newRecord($0, productID: listings[$0]) }) { record, index in
                change(&record, index)
                if let leadtime { record.leadtimeToShip = leadtime }
            }
            // One entry per SKU: the record after the last change of that SKU in the batch.
            var seen: Set<String> = []
            let offers = records.reversed().filter { seen.insert($0.shopSKU).inserted }.reversed().map(\.of24)
            let response = try await send(.of24, "POST", "/api/offers", json: .object([("offers", .array(Array(offers)))]))
            let subject = "import of \(offers.count) offers"
            let answer = try errors.object(response, call: .of24, subject: subject)
            guard let id = MiraklJSON.id(answer["import_id"]) else {
                throw errors.unreadable(response.body, call: .of24, field: "import_id")
            }
            logger.debug("mirakl import submitted", metadata: [
                LogKey.channel: "\(channel)", MiraklLogKey.importID: "\(id)", LogKey.count: "\(offers.count)",
            ])
            return .submitted(PushReceipt(id))
        }
    }

    /// A record for an offer the channel does not have yet: the adapter creates it with `product_id` (the catalog's
    /// listing for the channel, the product's reference on the operator's side: an EAN with `product_id_type: EAN`;
    /// else the SKU) and the configured `product_id_type` and `state_code`.
    private func newRecord(_ sku: String, productID: String?) -> MiraklOfferRecord {
        MiraklOfferRecord(shopSKU: sku, creates: true, productID: productID ?? sku, productIDType: settings.productIDType,
                          stateCode: settings.stateCode, leadtimeToShip: settings.leadtimeToShip.map(Int64.init))
    }

    /// Every offer of the shop, read with OF21 (`GET /api/offers`, `offset`/`max` paging until `total_count`).
    func offersOnTheChannel() async throws -> [MiraklOfferRecord] {
        var records: [MiraklOfferRecord] = []
        var offset = 0
        while true {
            let response = try await send(.of21, "GET", "/api/offers",
                                          query: [("max", String(settings.offerPageSize)), ("offset", String(offset))])
            let answer = try errors.object(response, call: .of21)
            guard let offers = answer["offers"] as? [Any] else {
                throw errors.unreadable(response.body, call: .of21, field: "offers")
            }
            for entry in offers {
                guard let object = entry as? [String: Any],
                      let record = MiraklOfferRecord(of21: object, currency: settings.currency, defaultStateCode: settings.stateCode) else {
                    throw errors.unreadable(response.body, call: .of21, field: "offers[].shop_sku")
                }
                records.append(record)
            }
            offset += offers.count
            let total = MiraklJSON.integer(answer["total_count"]).map(Int.init)
            if offers.isEmpty || offset >= (total ?? (offers.count < settings.offerPageSize ? offset : Int.max)) { break }
        }
        return records
    }
}
