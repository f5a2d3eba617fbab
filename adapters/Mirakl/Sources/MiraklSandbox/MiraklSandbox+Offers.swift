internal import Foundation
internal import MarketSync
internal import Mirakl

extension MiraklSandbox {
    /// OF21: the shop's offers, ordered by SKU, paged by `offset`/`max`, filtered by `sku`.
    static func listOffers(_ world: MiraklSandboxState, _ query: [String: String]) -> WireResponse {
        let page: (offset: Int, max: Int)
        switch paging(query) {
        case let .success(value): page = value
        case let .failure(answer): return answer.response
        }
        var offers = world.offers.values.sorted { $0.shopSKU < $1.shopSKU }
        if let sku = query["sku"], !sku.isEmpty { offers = offers.filter { $0.shopSKU == sku } }
        let slice = offers.dropFirst(page.offset).prefix(page.max)
        return json(200, ["offers": slice.map { $0.of21(currency: world.settings.currency) }, "total_count": offers.count])
    }

    /// OF24: takes the offers as one import and answers 201 with its id at once; the offers change when the import
    /// completes (``advanceImports(_:now:)``). An armed import fault goes with it.
    static func importOffers(_ world: inout MiraklSandboxState, _ body: Data, now: Int64) -> WireResponse {
        guard let object = object(body), let entries = object["offers"] as? [Any], !entries.isEmpty else {
            return error(400, code: "VALIDATION_ERROR", "the body must be {\"offers\": [ … ]} with at least one offer")
        }
        var lines: [MiraklSandboxOfferLine] = []
        for (index, entry) in entries.enumerated() {
            guard let offer = entry as? [String: Any], let line = MiraklSandboxOfferLine(json: offer) else {
                return error(400, code: "VALIDATION_ERROR", "offers[\(index)]: shop_sku is required")
            }
            lines.append(line)
        }
        let id = world.nextImportID
        world.nextImportID += 1
        let fault = world.importFault
        world.importFault = nil
        let runsAt = now + world.settings.waitingSeconds
        world.imports[String(id)] = MiraklSandboxImport(
            importID: id, createdAt: now, runsAt: runsAt, completesAt: runsAt + world.settings.runningSeconds, lines: lines,
            failing: fault?.failSKUs ?? [:], failReason: fault?.failImport, outcome: nil)
        return json(201, ["import_id": id])
    }

    /// Applies, in id order, every import whose time has come; an import never completes before an earlier one.
    static func advanceImports(_ world: inout MiraklSandboxState, now: Int64) {
        let open = world.imports.values.filter { $0.outcome == nil }.sorted { $0.importID < $1.importID }
        for var entry in open {
            guard entry.completesAt <= now else { return }
            entry.outcome = apply(entry, to: &world)
            world.imports[String(entry.importID)] = entry
        }
    }

    /// Applies one import's lines: each line sets every field of its offer (missing fields reset), creates the offer
    /// (needs `product_id` and `product_id_type`) or deletes it (`update_delete: delete`); a failing line changes
    /// nothing and goes into the error report.
    static func apply(_ entry: MiraklSandboxImport, to world: inout MiraklSandboxState) -> MiraklSandboxImport.Outcome {
        var outcome = MiraklSandboxImport.Outcome(failed: entry.failReason != nil, inserted: 0, updated: 0, deleted: 0, errors: [])
        guard entry.failReason == nil else { return outcome }
        for (index, line) in entry.lines.enumerated() {
            func fail(_ message: String) {
                outcome.errors.append(.init(line: index + 1, sku: line.shopSKU, price: line.price, quantity: line.quantity, message: message))
            }
            if let message = entry.failing[line.shopSKU] { fail(message); continue }
            if let problem = line.problem { fail(problem); continue }
            let existing = world.offers[line.shopSKU]
            if line.updateDelete?.lowercased() == "delete" {
                guard existing != nil else { fail("The offer to delete does not exist"); continue }
                world.offers[line.shopSKU] = nil
                outcome.deleted += 1
                continue
            }
            if let updateDelete = line.updateDelete, !updateDelete.isEmpty, updateDelete.lowercased() != "update" {
                fail("update_delete must be empty, update or delete")
                continue
            }
            if let existing {
                world.offers[line.shopSKU] = existing.applying(line)
                outcome.updated += 1
                continue
            }
            guard let productID = line.productID, !productID.isEmpty, let productIDType = line.productIDType, !productIDType.isEmpty else {
                fail("The product_id and product_id_type are required to create an offer")
                continue
            }
            guard let stateCode = line.stateCode, !stateCode.isEmpty else { fail("The state_code is required to create an offer"); continue }
            let created = MiraklSandboxOffer(
                offerID: world.nextOfferID, shopSKU: line.shopSKU, productID: productID, productIDType: productIDType, price: nil,
                quantity: 0, stateCode: stateCode, allowQuoteRequests: false, additionalFields: [:])
            world.nextOfferID += 1
            world.offers[line.shopSKU] = created.applying(line)
            outcome.inserted += 1
        }
        return outcome
    }

    /// OF02: where an import stands at `now` (404 for an id it never gave).
    static func importStatus(_ world: MiraklSandboxState, _ id: String, now: Int64) -> WireResponse {
        guard let entry = world.imports[id] else { return error(404, code: "IMPORT_NOT_FOUND", "import \(id) not found") }
        return json(200, entry.of02(at: now))
    }

    /// OF03: the error report of a completed import with failed lines, as semicolon CSV (404 while there is none; what
    /// Mirakl answers then is unconfirmed).
    static func errorReport(_ world: MiraklSandboxState, _ id: String) -> WireResponse {
        guard let report = world.imports[id]?.errorReport else {
            return error(404, code: "ERROR_REPORT_NOT_FOUND", "import \(id) has no error report")
        }
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "text/csv;charset=UTF-8")], body: Data(report.utf8))
    }
}

extension MiraklSandboxOffer {
    /// The memberwise form with every optional field absent unless given.
    init(offerID: Int64, shopSKU: String, productID: String, productIDType: String, price: String?, quantity: Int64, stateCode: String,
         allowQuoteRequests: Bool, additionalFields: [String: String]) {
        self.init(offerID: offerID, shopSKU: shopSKU, productID: productID, productIDType: productIDType, price: price, quantity: quantity,
                  stateCode: stateCode, description: nil, internalDescription: nil, priceAdditionalInfo: nil, leadtimeToShip: nil,
                  logisticClass: nil, minOrderQuantity: nil, maxOrderQuantity: nil, packageQuantity: nil, minQuantityAlert: nil,
                  availableStarted: nil, availableEnded: nil, allowQuoteRequests: allowQuoteRequests, productTaxCode: nil,
                  additionalFields: additionalFields)
    }
}
