/// Puts a streamed source's ``CatalogChange``s over the catalog through a ``CatalogImportSink``, a chunk at a
/// time, so memory holds one chunk, not the catalog: resolves source keys to SKUs, reads the chunk's stored
/// products, applies each patch (``ProductPatch``) and the lots files' lots, and upserts the results.
///
/// A change that cannot be applied (an unknown source key, a new product without a name or price) is a rejected
/// row; the product keeps its last good values. A SKU given twice in one import keeps the first change: the
/// first is already written when the second is read, so later copies are rejected, naming the first.
final class CatalogChangeApplier {
    /// Changes applied at once: one read of stored products and one batch of upserts each.
    static let chunkSize = 500

    private let sink: any CatalogImportSink
    private let overlay: LotsOverlay
    private var overlayUsed: Set<SKU> = []
    private var pending: [CatalogChange] = []
    private var files: [String] = []
    /// Each SKU written by this import: the index of its file in `files`, and its line.
    private var written: [SKU: (file: Int, line: Int?)] = [:]
    private(set) var rejections: [ImportReport.Rejection] = []
    /// How many changes were applied.
    private(set) var appliedCount = 0

    /// An applier writing through `sink`; `overlay` replaces the lots of the SKUs it names.
    init(sink: any CatalogImportSink, overlay: LotsOverlay = LotsOverlay()) {
        self.sink = sink
        self.overlay = overlay
    }

    /// Queues a change; a full chunk is applied at once.
    func add(_ change: CatalogChange) throws {
        pending.append(change)
        if pending.count >= Self.chunkSize { try flush() }
    }

    /// Records a rejected row of the source (a problem found while reading it).
    func reject(_ rejection: ImportReport.Rejection) {
        rejections.append(rejection)
    }

    /// Applies what is queued and returns every rejected row; overlay SKUs no change used are rejected as lots files'
    /// SKUs are when no catalog gives them.
    func finish() throws -> [ImportReport.Rejection] {
        try flush()
        for sku in overlay.lots.keys.sorted() where !overlayUsed.contains(sku) {
            rejections.append(.init(file: overlay.sources[sku] ?? "lots", sku: sku, reason: "SKU is not in the catalog sources of this run"))
        }
        return rejections
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let chunk = pending
        pending.removeAll(keepingCapacity: true)
        let keys = chunk.compactMap { change -> String? in
            if case let .sourceKey(key) = change.target { return key }
            return nil
        }
        let resolved = keys.isEmpty ? [:] : try sink.skus(forSourceKeys: keys)
        var targets: [(CatalogChange, SKU)] = []
        var seen: [SKU: Int] = [:]
        for change in chunk {
            let sku: SKU
            switch change.target {
            case let .sku(value): sku = value
            case let .sourceKey(key):
                guard let value = resolved[key] else {
                    if !change.onlyIfStored {
                        reject(change, sku: nil, "no product has this Ид: it is in neither this package's catalogue nor an earlier import")
                    }
                    continue
                }
                sku = value
            }
            var first = written[sku]
            if first == nil, let index = seen[sku] { first = (fileIndex(targets[index].0.file), targets[index].0.line) }
            if let first {
                let place = "\(files[first.file])" + (first.line.map { ":\($0)" } ?? "")
                reject(change, sku: sku, "SKU \(sku) is already given by \(place) in this import; the first stands")
                continue
            }
            seen[sku] = targets.count
            targets.append((change, sku))
        }
        let stored = try sink.products(targets.map(\.1))
        var products: [Product] = []
        var sourceKeys: [String: SKU] = [:]
        for (change, sku) in targets {
            let current = stored[sku]
            if current == nil && change.onlyIfStored { continue }
            var patch = change.patch
            if let lots = overlay.lots[sku] {
                patch.lots = .set(lots)
                overlayUsed.insert(sku)
            }
            switch patch.applied(to: current, sku: sku) {
            case let .success(product):
                products.append(product)
                written[sku] = (fileIndex(change.file), change.line)
                if let key = change.sourceKey { sourceKeys[key] = sku }
            case let .failure(problem):
                reject(change, sku: sku, problem.reason)
            }
        }
        if !products.isEmpty { try sink.upsert(products) }
        if !sourceKeys.isEmpty { try sink.recordSourceKeys(sourceKeys) }
        appliedCount += products.count
    }

    private func fileIndex(_ file: String) -> Int {
        if let index = files.firstIndex(of: file) { return index }
        files.append(file)
        return files.count - 1
    }

    private func reject(_ change: CatalogChange, sku: SKU?, _ reason: String) {
        rejections.append(.init(file: change.file, line: change.line, element: change.element, sku: sku, reason: reason))
    }
}
