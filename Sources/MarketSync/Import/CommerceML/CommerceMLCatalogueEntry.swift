/// A checked `Товар`: its SKU and what its catalogue part sets, kept from `import.xml` until its offer is read.
struct CommerceMLCatalogueEntry: Sendable {
    /// The product's SKU (`Артикул` or `Ид`, as configured).
    var sku: SKU
    /// The line of the `Товар` in `import.xml`.
    var line: Int
    /// Names, barcode, unit and listings: set whole by a full catalogue, only as given by a delta.
    var patch: ProductPatch
    /// Marked deleted in 1C: its stock goes to zero, and no new product is made of it.
    var deleted: Bool
    /// Its offer has been read.
    var offered = false

    /// Checks `record`: a product without `Ид`, SKU or name, or with a bad barcode, is a problem naming the field.
    /// `full`: the catalogue is a full one, so a field it leaves out is cleared, not kept.
    static func make(_ record: CommerceMLProductRecord, settings: CommerceMLSettings, full: Bool,
                     propertyNames: [String: String]) -> Result<CommerceMLCatalogueEntry, RowProblem> {
        guard !record.id.isEmpty else { return .failure(RowProblem("Ид is empty")) }
        let skuText: String
        switch settings.sku {
        case .article:
            guard let article = record.article, !article.isEmpty else {
                return .failure(RowProblem("Артикул is empty (or key products on Ид: sku: id)"))
            }
            skuText = article
        case .id:
            skuText = record.id
        }
        let sku = SKU(skuText)
        guard skuText.count <= 64, !skuText.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            return .failure(RowProblem("the SKU \"\(skuText)\" must be at most 64 characters without spaces", sku: sku))
        }
        guard let name = record.name, !name.isEmpty else { return .failure(RowProblem("Наименование is empty", sku: sku)) }
        var patch = ProductPatch()
        patch.nameRU = .set(name)
        if let barcode = record.barcode, !barcode.isEmpty {
            do { patch.gtin = .set(try GTIN(validating: barcode)) } catch {
                return .failure(RowProblem("Штрихкод \"\(barcode)\": \(error.description)", sku: sku))
            }
        } else if full {
            patch.gtin = .set(nil)
        }
        if let unit = record.unit, !unit.isEmpty {
            patch.unit = .set(unit)
        } else if full {
            patch.unit = .set("pcs")
        }
        if let field = settings.nameZH {
            if let zh = value(named: field, in: record, propertyNames: propertyNames), !zh.isEmpty {
                patch.nameZH = .set(zh)
            } else if full {
                patch.nameZH = .set("")
            }
        }
        for (channel, field) in settings.listings {
            let listing: String?
            switch field {
            case .sku: listing = skuText
            case .id: listing = record.id
            case let .value(named): listing = value(named: named, in: record, propertyNames: propertyNames)
            }
            if let listing, !listing.isEmpty {
                patch.listings[channel] = .some(listing)
            } else if full {
                patch.listings[channel] = .some(nil)
            }
        }
        if record.deleted { patch.lots = .set([]) }
        return .success(CommerceMLCatalogueEntry(sku: sku, line: record.line, patch: patch, deleted: record.deleted))
    }

    /// The value of the requisite named `name`, else of the property the classifier calls `name`.
    static func value(named name: String, in record: CommerceMLProductRecord, propertyNames: [String: String]) -> String? {
        if let requisite = record.requisites[name] { return requisite }
        for (id, value) in record.properties where propertyNames[id] == name { return value }
        return nil
    }
}
