internal import Foundation
internal import MarketSync
internal import Synchronization

/// What one adapter remembers between calls: the whole record of each offer, as last sent or read back with OF21,
/// and when it last asked about each import. Memory only: a restarted process reads the offers back again.
final class MiraklOfferBook: Sendable {
    private struct State {
        var records: [String: MiraklOfferRecord] = [:]
        var loaded = false
        var asked: [String: Date] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Whether the shop's offers have been read back since this process started.
    var isLoaded: Bool { state.withLock { $0.loaded } }

    /// Takes the offers read back with OF21; records already held (sent by this process meanwhile) win.
    func load(_ records: [MiraklOfferRecord]) {
        state.withLock { state in
            for record in records where state.records[record.shopSKU] == nil { state.records[record.shopSKU] = record }
            state.loaded = true
        }
    }

    /// Changes the record of each SKU (making it with `make` when there is none) and returns the records after the
    /// change, in the order given.
    func update(_ skus: [String], make: (String) -> MiraklOfferRecord,
                change: (inout MiraklOfferRecord, Int) -> Void) -> [MiraklOfferRecord] {
        state.withLock { state in
            skus.enumerated().map { index, sku in
                var record = state.records[sku] ?? make(sku)
                change(&record, index)
                state.records[sku] = record
                return record
            }
        }
    }

    /// The record of `sku`, if the adapter holds one.
    func record(_ sku: String) -> MiraklOfferRecord? {
        state.withLock { $0.records[sku] }
    }

    /// Whether import `id` may be asked about at `now`: never asked, or asked at least `interval` ago. Records the
    /// question when it may.
    func mayAsk(about id: String, at now: Date, interval: Duration) -> Bool {
        state.withLock { state in
            if let last = state.asked[id], now.timeIntervalSince(last) < interval.timeInterval { return false }
            state.asked[id] = now
            return true
        }
    }

    /// Forgets import `id` once it is final.
    func forget(_ id: String) {
        _ = state.withLock { $0.asked.removeValue(forKey: id) }
    }
}
