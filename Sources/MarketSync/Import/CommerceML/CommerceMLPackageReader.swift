/// Joins a package's `import.xml` and `offers.xml` by product `Ид` into ``CatalogChange``s, streaming: the
/// catalogue is read first and kept as one small checked entry per product (``CommerceMLCatalogueEntry``); then each
/// offer is joined with its entry and handed on as soon as it is read, so the offers file (the large one) is never
/// held. Products the catalogue gives but no offer names are handed on last.
///
/// Full or delta is each file's own flag (`СодержитТолькоИзменения`): a full file sets every field it owns (a
/// barcode it leaves out is removed; an offer without a price of the configured type is a rejected row), a delta
/// only what it names. Products the package does not name stay as they are, as with every source. A product in a
/// full catalogue with no offer in a full offers file is a rejected row: its price and stock keep their last values.
struct CommerceMLPackageReader: Sendable {
    /// Which files, which price type, which fields.
    let settings: CommerceMLSettings

    /// Reads the package, handing each product to `change` and each rejected row to `reject`. Throws (before or
    /// while handing products on) when a file cannot be read at all: the caller's transaction then applies nothing.
    func read(change: (CatalogChange) throws -> Void, reject: (ImportReport.Rejection) -> Void) throws {
        var entries: [String: CommerceMLCatalogueEntry] = [:]
        var rejectedIDs: Set<String> = []
        var catalogue = CommerceMLCatalogueReader.Header()
        if let file = settings.importFile {
            catalogue = try readCatalogue(file, into: &entries, rejectedIDs: &rejectedIDs, reject: reject)
        }
        let catalogueFull = catalogue.hasCatalogue && !catalogue.onlyChanges
        var offersFull = false
        if let file = settings.offersFile {
            offersFull = try readOffers(file, entries: &entries, rejectedIDs: rejectedIDs, catalogueTypes: catalogue.priceTypes,
                                        change: change, reject: reject)
        }
        // What the catalogue gives and no offer named: names, barcode and unit only.
        guard let importFile = settings.importFile else { return }
        for (id, entry) in entries.filter({ !$0.value.offered }).sorted(by: { $0.value.line < $1.value.line }) {
            if settings.offersFile != nil, offersFull, catalogueFull, !entry.deleted {
                reject(.init(file: importFile, line: entry.line, element: "Ид \(id)", sku: entry.sku,
                             reason: "no offer in \(Self.fileName(settings.offersFile)): a full package gives each product's price; "
                                 + "its price and stock stay as they were"))
                continue
            }
            try change(CatalogChange(target: .sku(entry.sku), sourceKey: id, patch: entry.patch, onlyIfStored: entry.deleted,
                                     file: importFile, line: entry.line, element: "Ид \(id)"))
        }
    }

    /// Reads `import.xml` into checked entries by `Ид`; a product with a problem, and every copy of an `Ид` or SKU
    /// given twice, is rejected. Returns what the file says about itself (full or delta, its price types).
    private func readCatalogue(_ file: String, into entries: inout [String: CommerceMLCatalogueEntry], rejectedIDs: inout Set<String>,
                               reject: (ImportReport.Rejection) -> Void) throws -> CommerceMLCatalogueReader.Header {
        var skus: Set<SKU> = []
        var repeatedSKUs: Set<SKU> = []
        var repeatedIDs: [String: [Int]] = [:]
        var bad: [String: Int] = [:]
        var local = entries
        var rejections: [ImportReport.Rejection] = []
        let header = try CommerceMLCatalogueReader.read(path: file) { record, header in
            if let first = local[record.id]?.line ?? bad[record.id], !record.id.isEmpty {
                repeatedIDs[record.id, default: [first]].append(record.line)
                return
            }
            switch CommerceMLCatalogueEntry.make(record, settings: settings, full: !header.onlyChanges, propertyNames: header.propertyNames) {
            case let .success(entry):
                if !skus.insert(entry.sku).inserted { repeatedSKUs.insert(entry.sku) }
                local[record.id] = entry
            case let .failure(problem):
                bad[record.id] = record.line
                rejections.append(.init(file: file, line: record.line, element: record.id.isEmpty ? nil : "Ид \(record.id)",
                                        sku: problem.sku, reason: problem.reason))
            }
        }
        for (id, lines) in repeatedIDs {
            let sku = local.removeValue(forKey: id)?.sku
            rejectedIDs.insert(id)
            let list = lines.map(String.init).joined(separator: ", ")
            for line in lines {
                rejections.append(.init(file: file, line: line, element: "Ид \(id)", sku: sku,
                                        reason: "Ид appears more than once in the file (lines \(list))"))
            }
        }
        if !repeatedSKUs.isEmpty {
            var lines: [SKU: [(String, Int)]] = [:]
            for (id, entry) in local where repeatedSKUs.contains(entry.sku) { lines[entry.sku, default: []].append((id, entry.line)) }
            for (sku, copies) in lines {
                let list = copies.map { String($0.1) }.sorted().joined(separator: ", ")
                for (id, line) in copies {
                    local[id] = nil
                    rejectedIDs.insert(id)
                    rejections.append(.init(file: file, line: line, element: "Ид \(id)", sku: sku,
                                            reason: "SKU \(sku) belongs to more than one product of the file (lines \(list))"))
                }
            }
        }
        rejectedIDs.formUnion(bad.keys)
        for rejection in rejections.sorted(by: { ($0.line ?? 0) < ($1.line ?? 0) }) { reject(rejection) }
        entries = local
        return header
    }

    /// Streams `offers.xml`: each offer joined with its catalogue entry (or, without one, its `Ид` left for the
    /// store to resolve) is handed to `change` at once. The price type is looked for in the offers file, else among
    /// `catalogueTypes` (the catalogue's classifier). Returns whether the offers file is a full one.
    private func readOffers(_ file: String, entries: inout [String: CommerceMLCatalogueEntry], rejectedIDs: Set<String>,
                            catalogueTypes: [CommerceMLPriceTypes.Entry], change: (CatalogChange) throws -> Void,
                            reject: (ImportReport.Rejection) -> Void) throws -> Bool {
        var priceType: CommerceMLOfferTerms.PriceType?
        var full = true
        var local = entries
        entries = [:]  // one copy of the entries, mutated in place
        defer { entries = local }
        // The reader keeps its callbacks only while it reads.
        let header = try withoutActuallyEscaping(change) { change in
            try withoutActuallyEscaping(reject) { reject in
                try CommerceMLOffersReader.read(path: file, offersBegin: { header, line in
                    full = !header.onlyChanges
                    priceType = try choosePriceType(header.priceTypes.isEmpty ? catalogueTypes : header.priceTypes, file: file, line: line)
                }, emit: { record in
                    try join(record, file: file, entries: &local, rejectedIDs: rejectedIDs, priceType: priceType, full: full,
                             change: change, reject: reject)
                })
            }
        }
        guard header.hasPackage else {
            throw MarketSyncError(.source, "no <ПакетПредложений> in the file: is it an offers file?", file: file)
        }
        return full
    }

    /// Joins one offer with its catalogue entry and hands the change on; an offer with a problem is a rejected row.
    /// An offer whose product the catalogue rejected is skipped (that row is reported already).
    private func join(_ record: CommerceMLOfferRecord, file: String, entries: inout [String: CommerceMLCatalogueEntry], rejectedIDs: Set<String>,
                      priceType: CommerceMLOfferTerms.PriceType?, full: Bool, change: (CatalogChange) throws -> Void,
                      reject: (ImportReport.Rejection) -> Void) throws {
        guard !record.id.isEmpty else {
            reject(.init(file: file, line: record.line, reason: "Ид is empty"))
            return
        }
        let element = "Ид \(record.id)"
        var key = record.id
        if let hash = key.firstIndex(of: "#") {
            let product = String(key[..<hash])
            if key.index(after: hash) == key.endIndex {
                key = product
            } else if entries[key] == nil {
                if rejectedIDs.contains(product) { return }
                reject(.init(file: file, line: record.line, element: element, reason: "an offer of a characteristic (Ид product#characteristic) "
                             + "is not read: stock and prices are kept per product"))
                return
            }
        }
        if rejectedIDs.contains(key) { return }
        let entry = entries[key]
        if entry != nil { entries[key]?.offered = true }  // even when the offer is rejected: one rejection per row
        switch CommerceMLOfferTerms.make(record, priceType: priceType, settings: settings, full: full) {
        case let .failure(problem):
            reject(.init(file: file, line: record.line, element: element, sku: entry?.sku, reason: problem.reason))
        case let .success(terms):
            var patch = entry?.patch ?? ProductPatch()
            patch.basePrice = terms.price
            if entry?.deleted != true, case .set = terms.lots { patch.lots = terms.lots }
            let target: CatalogChange.Target
            if let entry {
                target = .sku(entry.sku)
            } else {
                target = settings.sku == .id ? .sku(SKU(key)) : .sourceKey(key)
            }
            try change(CatalogChange(target: target, sourceKey: entry == nil ? nil : key, patch: patch,
                                     onlyIfStored: entry?.deleted ?? false, file: file, line: record.line, element: element))
        }
    }

    /// The price type the configuration names, by `Ид` or `Наименование` (any case). When the package lists no
    /// price types (some deltas), the configured value is taken as the `Ид`.
    private func choosePriceType(_ types: [CommerceMLPriceTypes.Entry], file: String, line: Int) throws -> CommerceMLOfferTerms.PriceType {
        let wanted = settings.priceType.trimmingWhitespace()
        guard !types.isEmpty else { return .init(id: wanted, label: wanted, currency: nil) }
        let matches = types.filter { $0.id == wanted || $0.name.lowercased() == wanted.lowercased() }
        let listed = types.map { "\"\($0.name)\" (\($0.id))" }.joined(separator: ", ")
        guard let type = matches.first else {
            throw MarketSyncError(.source, "price type \"\(wanted)\" is not in the package; it lists \(listed)", file: file, line: line,
                                  key: "price_type")
        }
        guard matches.count == 1 else {
            throw MarketSyncError(.source, "price type \"\(wanted)\" names more than one of \(listed): give its Ид", file: file, line: line,
                                  key: "price_type")
        }
        if let currency = type.currency, !currency.isEmpty, !CommerceMLOfferTerms.isRouble(currency) {
            throw MarketSyncError(.source, "price type \"\(type.name)\" is in \(currency): the base price is in roubles; choose a rouble "
                                  + "price type", file: file, line: line, key: "price_type")
        }
        return .init(id: type.id, label: wanted, currency: type.currency)
    }

    /// The last path component, for messages.
    static func fileName(_ path: String?) -> String {
        guard let path else { return "the offers file" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
