import ArgumentParser
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// Confirms a shipment to a channel (through the outbox, so a crash cannot lose it).
struct ShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Tell a channel an order has shipped, with the carrier and tracking number.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel id from the config.") var channel: String
    @Option(help: "The channel's order id.") var order: String
    @Option(help: "The carrier id as the channel knows it (Epinduo: logistics_id).") var carrier: String
    @Option(help: "The tracking number.") var tracking: String

    func run() async throws {
        let runtime = try global.openRuntime()
        let result = try await runtime.ship(Shipment(orderID: order, carrier: carrier, trackingNumber: tracking), channel: ChannelID(channel))
        let summary = RunSummary(runID: nil, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [result])
        print(SummaryFormatter.table(summary))
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
