import ArgumentParser
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// Confirms shipments to channels (through the outbox, so a crash cannot lose them): one order given on the
/// command line, or every order of a shipments file.
struct ShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Tell a channel an order has shipped, with the carrier and tracking number (one order, or a file of them).",
        discussion: """
        One order: --channel --order --carrier --tracking. A file: --from shipments.csv, a CSV with the header \
        channel,order,carrier,tracking and optional line,quantity columns (rows of one order with lines become one \
        shipment of those lines). Orders are confirmed one after another on their own channel; only orders the \
        store holds as readyToShip are sent. Each is reported: sent, queued (for retry), parked (the channel \
        refused it), refused (its state), unknown_order, bad_row (file:line and column). A bad row never stops the \
        other orders.
        Exit codes with --from: 0 every order sent; 1 some were not (queued, parked, refused, unknown, bad rows); \
        2 usage error, or a file that cannot be read or has a wrong header (nothing sent).
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel id from the config.") var channel: String?
    @Option(help: "The channel's order id.") var order: String?
    @Option(help: "The carrier id as the channel knows it (Epinduo: logistics_id).") var carrier: String?
    @Option(help: "The tracking number.") var tracking: String?
    @Option(help: ArgumentHelp("Ship every order of this CSV file instead (see above).", valueName: "file")) var from: String?
    @Flag(help: "With --from: print the report as one JSON document.") var json = false

    func validate() throws {
        let single = [("--channel", channel), ("--order", order), ("--carrier", carrier), ("--tracking", tracking)]
        if from != nil {
            let given = single.filter { $0.1 != nil }.map(\.0)
            guard given.isEmpty else {
                throw ValidationError("--from and \(given.joined(separator: ", ")) are exclusive: the file names each order's channel, carrier and tracking")
            }
            return
        }
        let missing = single.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw ValidationError("missing \(missing.joined(separator: ", ")): give --channel, --order, --carrier and --tracking, or --from FILE")
        }
        if json { throw ValidationError("--json goes with --from") }
    }

    func run() async throws {
        if let from { return try await ship(from: from) }
        guard let channel, let order, let carrier, let tracking else { throw ValidationError("give --channel, --order, --carrier and --tracking") }
        let runtime = try await global.openRuntime()
        let result = try await runtime.ship(Shipment(orderID: order, carrier: carrier, trackingNumber: tracking), channel: ChannelID(channel))
        let summary = RunSummary(runID: nil, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [result])
        print(SummaryFormatter.table(summary))
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// Reads the file first (a file that cannot be read or has a wrong header exits 2 before anything is opened),
    /// then ships its orders one after another.
    private func ship(from path: String) async throws {
        let file = try ShipmentFile.read(path: path)
        let runtime = try await global.openRuntime()
        let report = await (try ShipmentDesk(runtime: runtime)).ship(file)
        print(json ? try report.json() : report.text)
        if report.exitStatus != .ok { throw ExitCode(report.exitStatus.rawValue) }
    }
}
