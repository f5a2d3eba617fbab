import Foundation
import Logging
import MarketSync
import RetailFiles
import RetailSheets

extension SheetChannelAdapter {
    /// Writes `rows` into files (one group per store code when the sheet is split per store, else one group), each
    /// group numbered from a sequence number drawn from the store first (a crash wastes a number, never reuses one),
    /// delivers every file that holds a row, and answers each update: accepted when its rows went out, failed alone
    /// with the sheet's reason when a row of it was left out. Nothing is delivered when no row could be written: an
    /// empty snapshot would tell the chain that nothing is stocked.
    func deliverSheets<Row>(_ rows: [Row], store storeCode: KeyPath<Row, String?>, split: SheetSplit,
                            updates: [(item: Int64, sku: SKU, carried: Bool)],
                            write: ([Row], Int) throws -> SheetWriteResult) async throws -> PushOutcome {
        var groups: [(key: String, rows: [Row])] = []
        if split == .store {
            let byStore = Dictionary(grouping: rows) { $0[keyPath: storeCode] ?? "" }
            groups = byStore.keys.sorted().map { ($0, byStore[$0] ?? []) }
        } else {
            groups = [("", rows)]
        }
        var files: [SheetFile] = []
        var refused: [SheetRowRefusal] = []
        for group in groups {
            let first = try await store.next(Self.sequence, for: channel)
            let written = try write(group.rows, first)
            files += written.files
            refused += written.refused
        }
        let delivered = files.filter { !$0.skus.isEmpty }
        for file in delivered {
            try await exchange.deliver(ComposedFile(name: try FileDropName(file.name), contents: Data(file.bytes)))
        }
        return .completed(results(updates, delivered: delivered, refused: refused))
    }

    /// One result per update that is not carried: its first refusal, else accepted when a delivered file holds it.
    private func results(_ updates: [(item: Int64, sku: SKU, carried: Bool)], delivered: [SheetFile],
                         refused: [SheetRowRefusal]) -> [ItemResult] {
        var reasons: [Int64: MarketSyncError] = [:]
        for refusal in refused {
            guard let item = refusal.item else {
                logger.warning("an unchanged value cannot be repeated in the sheet", metadata: [
                    LogKey.channel: "\(channel)", LogKey.sku: "\(refusal.sku)", LogKey.errorCode: "\(refusal.error.code)",
                    LogKey.errorMessage: "\(refusal.error.message)",
                ])
                continue
            }
            if reasons[item] == nil {
                var error = refusal.error
                error.channel = channel
                reasons[item] = error
            }
        }
        let sent = Set(delivered.flatMap(\.items))
        return updates.filter { !$0.carried }.map { update in
            if let reason = reasons[update.item] { return ItemResult(item: update.item, sku: update.sku, error: reason) }
            guard sent.contains(update.item) else {
                return ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                    .validation, "no sheet was delivered for it (no row of it could be written)", channel: channel, sku: update.sku))
            }
            return .accepted(update.item, update.sku)
        }
    }

    /// The catalog a sheet is written with: every product listed on the channel, and any other product `skus` name.
    func catalog(for skus: [SKU]) async throws -> SheetCatalog {
        var products = try await store.products(listedOn: channel)
        let known = Set(products.map(\.sku))
        for sku in Set(skus).subtracting(known).sorted(by: { $0.rawValue < $1.rawValue }) {
            if let product = try await store.product(sku) { products.append(product) }
        }
        return SheetCatalog(products: products, channel: channel)
    }
}
