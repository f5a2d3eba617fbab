import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// Writes what the warehouse must pack: one row per order line, with the catalog's names, GTIN and stock places.
struct OrdersExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the lines the warehouse must pack (CSV or JSON), with the catalog's names and GTIN; send nothing.",
        discussion: """
        One row per order line, oldest order first: channel, order_id, placed_at, line_id, sku, name_ru, name_zh, \
        gtin, quantity, unit, warehouse, lot. warehouse and lot say where the catalog holds stock of the SKU now \
        (lots earliest expiry first); the picker chooses. CSV is UTF-8 without a byte order mark, RFC 4180 \
        (fields with commas, quotes or line breaks quoted, records ending CRLF); JSON is an array of objects with \
        the same keys. A line whose SKU is not in the catalog is still written, its names empty, and counted in a \
        warning on standard error. Exit 0, or 2 on a usage or config error or a file that cannot be written.
        """)

    /// The file formats the export writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (the id from the config).")
    var channel: String?

    @Option(name: .customLong("state"), help: ArgumentHelp("Orders in this state; repeat for several.", valueName: "state"))
    var states: [String] = [OrderState.readyToShip.rawValue]

    @Option(help: "csv or json.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        _ = try OrdersSelection(channel: channel, states: states, since: nil, tz: "UTC")
    }

    func run() async throws {
        let selection = try OrdersSelection(channel: channel, states: states, since: nil, tz: "UTC")
        let runtime = try await global.openRuntime(live: false)
        selection.noteUnconfiguredChannel(in: runtime.configuration)
        let store = try runtime.orderQueries
        let orders = try await selection.filter.orders(in: store)
        let list = try await PickList.make(orders, catalog: store)
        let text = format == .csv ? list.csv : try list.json() + "\n"
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw MarketSyncError(.config, "cannot write the export: \(error.localizedDescription)", file: out)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let missing = list.notInCatalog
        if !missing.isEmpty {
            let examples = missing.prefix(5).map { "\($0.channel) \($0.orderID) \($0.sku)" }.joined(separator: "; ")
            let more = missing.count > 5 ? "; ..." : ""
            FileHandle.standardError.write(Data("""
                warning: \(missing.count == 1 ? "1 line names" : "\(missing.count) lines name") a SKU the catalog does not hold \
                (exported with empty names): \(examples)\(more)\n
                """.utf8))
        }
        let destination = out.map { " to \($0)" } ?? ""
        let lines = list.rows.count == 1 ? "1 line" : "\(list.rows.count) lines"
        let orderCount = orders.count == 1 ? "1 order" : "\(orders.count) orders"
        FileHandle.standardError.write(Data("exported \(lines) of \(orderCount)\(destination)\n".utf8))
    }
}
