import Foundation
import MarketSync
internal import RetailFiles

/// What a retail file adapter (EDI, CSV sheets) built without a store (check-config, `--online`) keeps its records
/// in: nothing. Listing the partner's outbox needs no store; anything that would draw a control or sequence number
/// or record a file throws `.config`, so such an adapter can never send a file with a number the store did not hand
/// out.
struct UnavailableRetailFileStore: RetailFileStore {
    let channel: ChannelID

    private func unavailable() -> MarketSyncError {
        MarketSyncError(.config, "channel \(channel) keeps its sequence numbers and files in the store; this command opened none",
                        channel: channel)
    }

    func product(_ sku: SKU) async throws -> Product? { throw unavailable() }
    func products(listedOn channel: ChannelID) async throws -> [Product] { throw unavailable() }
    func order(_ id: String, channel: ChannelID) async throws -> StoredOrder? { throw unavailable() }
    func next(_ kind: ControlNumberKind, for partner: ChannelID) async throws -> Int { throw unavailable() }
    func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry? { throw unavailable() }
    func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws { throw unavailable() }
    func keep(_ file: OutgoingFile, channel: ChannelID) async throws -> OutgoingFile { throw unavailable() }
    func outgoingFile(_ key: String, channel: ChannelID) async throws -> OutgoingFile? { throw unavailable() }
    func undeliveredFiles(prefix: String, channel: ChannelID) async throws -> [OutgoingFile] { throw unavailable() }
    func markDelivered(_ key: String, channel: ChannelID, at date: Date) async throws { throw unavailable() }
}
