import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// Lists the outbox items parked after a permanent failure (dead letters), with the channel's reason.
struct FailuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failures",
        abstract: "List the outbox items a channel refused for good (parked), with its reason; send nothing.",
        discussion: "`marketsync retry` puts them back in the queue for the next sync. Exit 0 whether or not any are parked.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (the id from the config).")
    var channel: String?

    @Flag(help: "Print them as JSON on standard output.")
    var json = false

    func run() async throws {
        let runtime = try await global.openRuntime(live: false)
        let configuration = runtime.configuration
        let channelID = channel.map(ChannelID.init(rawValue:))
        if let channelID, !configuration.channels.contains(where: { $0.id == channelID }) {
            FileHandle.standardError.write(Data("note: no channel \(channelID) in the config; listing what the store holds for it\n".utf8))
        }
        let outbox: any OutboxStore = runtime.store
        let items = try await outbox.failedOutbox(for: channelID)
        let rows = items.map(ParkedItemRow.init)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(ParkedItemRow.Listing(count: rows.count, items: rows)), as: UTF8.self))
        } else {
            print(ParkedItemRow.table(rows))
        }
    }
}

/// One parked outbox item as `failures` shows it: presentation only.
struct ParkedItemRow: Encodable {
    var channel: String
    var kind: String
    /// The SKU (stock, price) or the order id (shipment).
    var key: String
    var listing: String?
    var value: String
    var version: Int64
    var attempts: Int
    var reason: String
    /// When the value was enqueued (ISO 8601, UTC).
    var since: String

    /// The JSON document: the items and their count.
    struct Listing: Encodable {
        var count: Int
        var items: [ParkedItemRow]
    }

    init(_ item: OutboxItem) {
        channel = item.channel.rawValue
        kind = item.kind.rawValue
        key = item.key
        listing = item.listing
        switch item.payload {
        case let .stock(quantity): value = String(quantity)
        case let .price(money): value = money.description
        case let .shipment(shipment): value = "\(shipment.carrier) \(shipment.trackingNumber)"
        case let .acceptance(lines):
            value = lines.map { "\($0.line) \($0.accepted ? "accept" : "refuse")" }.joined(separator: ", ")
        case .acknowledgement: value = "acknowledge"
        }
        version = item.version
        attempts = item.attempts
        reason = item.lastError ?? "-"
        since = item.enqueuedAt.formatted(.iso8601)
    }

    /// A plain table, one row per item, then a count line.
    static func table(_ rows: [ParkedItemRow]) -> String {
        let header = ["CHANNEL", "KIND", "SKU/ORDER", "VALUE", "ATTEMPTS", "SINCE", "REASON"]
        let cells = rows.map { [$0.channel, $0.kind, $0.key, $0.value, String($0.attempts), $0.since, $0.reason] }
        var widths = header.map(\.count)
        for row in cells {
            // The reason is last and left unpadded: it can be long.
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let count = rows.count == 1 ? "1 parked item" : "\(rows.count) parked items"
        guard !rows.isEmpty else { return count }
        return ([line(header)] + cells.map(line) + [count]).joined(separator: "\n")
    }
}
