import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// Lists the open order incidents: lines that match no product, illegal state changes, and what else needs a
/// person's look.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List open order incidents (lines that match no product, illegal state changes); send nothing.",
        discussion: """
        An order line is linked to the catalog by the merchant's SKU or by the channel's listing id. A line that matches
        neither (unmatched_line) reserves no stock until an import adds the product or the listing; then the next sync
        links it and closes the incident. A pulled copy that would move an order back (shipped to awaiting payment,
        cancelled to ready to ship: illegal_transition) is not applied; the order keeps its stored state. Exit 0
        whether or not any are open.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (the id from the config).")
    var channel: String?

    @Flag(help: "Print them as JSON on standard output.")
    var json = false

    func run() async throws {
        let store: any IncidentStore = try await global.openRuntime(live: false).store
        let incidents = try await store.openIncidents(for: channel.map(ChannelID.init(rawValue:)))
        if json {
            let encoder = JSONEncoder.summary
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(incidents), as: UTF8.self))
            return
        }
        if incidents.isEmpty {
            print("no open incidents")
            return
        }
        for incident in incidents {
            print("\(incident.channel)  order \(incident.orderID)  \(incident.kind): \(incident.detail)")
        }
        print("\(incidents.count) open incidents")
    }
}
