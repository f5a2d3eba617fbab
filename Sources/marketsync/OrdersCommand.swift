import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// `marketsync orders`: the listing (the default) and the warehouse's export. The listing is a subcommand of its own,
/// not this command's body, because options a parent declares are taken by the parent: `orders export --state X`
/// would otherwise fill the listing's `--state` and leave the export's at its default.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List the orders the store holds (the default), or export what the warehouse must pack; send nothing.",
        subcommands: [OrdersListCommand.self, OrdersExportCommand.self],
        defaultSubcommand: OrdersListCommand.self)
}

/// Lists the stored orders for a person (a table) or a script (`--json`); reads the store only.
struct OrdersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the orders the store holds (as of the last sync); send nothing.",
        discussion: """
        One row per order, oldest first: channel, order id, state, the channel's raw status, when it was placed \
        and last changed, its lines as SKU×quantity, total and tracking number. Filters combine: --channel, \
        --state (repeatable), --since. Needs no channel secrets and takes no lease: it reads what the last sync stored.

        States: \(OrderStateName.valid.joined(separator: ", ")).
        --since takes a date (2026-11-27: from its midnight in --tz) or an ISO 8601 time (2026-11-27T08:30:00+08:00); \
        it keeps the orders the channel changed at or after that time.
        `marketsync orders export` writes what the warehouse must pack. Exit 0, or 2 on a usage or config error.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (the id from the config).")
    var channel: String?

    @Option(name: .customLong("state"), help: ArgumentHelp("Only orders in this state; repeat for several (readyToShip, shipped, ...).",
                                                           valueName: "state"))
    var states: [String] = []

    @Option(help: ArgumentHelp("Only orders changed at or after this date or time (2026-11-27, 2026-11-27T08:30:00Z).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("The time zone of a bare --since date and of the table's times (an IANA name).", valueName: "zone"))
    var tz: String = "UTC"

    @Flag(help: "Print one JSON document (stable keys, times in UTC) instead of the table.")
    var json = false

    func validate() throws {
        _ = try OrdersSelection(channel: channel, states: states, since: since, tz: tz)
    }

    func run() async throws {
        let selection = try OrdersSelection(channel: channel, states: states, since: since, tz: tz)
        let runtime = try await global.openRuntime(live: false)
        selection.noteUnconfiguredChannel(in: runtime.configuration)
        let orders = try await selection.filter.orders(in: try runtime.orderQueries)
        let table = OrderTable(rows: orders.map(OrderRow.init), zone: selection.zone)
        print(json ? try table.json() : table.text)
    }
}
