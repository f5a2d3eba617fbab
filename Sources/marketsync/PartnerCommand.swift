import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import PartnerSimulator

/// Plays a retail chain on a file channel for one pass (docs/partner-simulator.md): reads what marketsync delivered
/// into the chain's inbox, and writes the chain's purchase order into its outbox when asked.
struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Play a retail chain on a file channel (eancom, x12, sheets) for one pass: read its inbox, optionally place an order.",
        discussion: """
        Works on the channel's own drop (local folder, SFTP, FTPS) as the config names it. Each file of the inbox is \
        reported on one line (message type, lines, each answer's order and line decisions) and moved into the inbox's \
        read/ folder, or unreadable/ with a .reason.txt. --order writes an ORDERS, an 850 or an order sheet into the \
        outbox, each SKU named by the GTIN (or item code) the catalog lists for the channel.
        Exit codes: 0 every file read; 1 a file could not be read (named, with the reason); 2 usage or config error.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel id from the config (adapter eancom, x12 or sheets).") var channel: String
    @Option(help: "Place an order: SKU=QTY[,SKU=QTY...]; a price as SKU=QTY@PRICE (in the channel's currency).") var order: String?
    @Option(help: "The order's number (default: derived from the channel, the day and the lines).") var orderNumber: String?
    @Flag(help: "Print the report as one JSON object.") var json = false

    func validate() throws {
        if orderNumber != nil, order == nil { throw ValidationError("--order-number goes with --order") }
        if let orderNumber, !PartnerOrderNumber.isValid(orderNumber) {
            throw ValidationError("--order-number must be 1 to 22 letters, digits, '-', '_' or '.'")
        }
    }

    func run() async throws {
        let request = try order.map { PartnerOrderRequest(lines: try PartnerOrderRequest.lines(from: $0), number: orderNumber) }
        let configuration = try global.loadConfiguration(requireSecrets: false)
        let simulator = try PartnerSetup.simulator(configuration, channel: channel, clock: SystemClock())
        let report = try await simulator.run(order: request)
        print(json ? try report.json() : report.text)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
