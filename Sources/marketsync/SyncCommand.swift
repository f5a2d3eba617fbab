import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// One-off sync: import the sources, pull orders, push what changed, print a summary.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Import the sources, pull and reconcile orders, push what changed to every channel, print a summary.",
        discussion: "Exit 0 when everything went through, 1 when some rows or items failed, 2 on a usage or config error.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the plan (current → planned per channel) and send nothing; the store is not changed.")
    var dryRun = false

    @Flag(help: "Print the summary (or the dry-run plan) as JSON on standard output.")
    var json = false

    @Option(help: "Read this catalog instead of the config's sources (repeatable).")
    var catalog: [String] = []

    @Flag(help: "Plan every SKU, not only those changed since the last plan.")
    var fullPlan = false

    func run() async throws {
        let runtime = try global.openRuntime()
        let reports = try runtime.readSources(catalog.isEmpty ? nil : catalog)
        for report in reports {
            for rejection in report.rejections {
                FileHandle.standardError.write(Data("rejected \(rejection.description)\n".utf8))
            }
        }
        if dryRun {
            let plans = try await runtime.engine.dryRun(reports: reports)
            if json {
                print(String(decoding: try JSONEncoder.summary.encode(SummaryFormatter.planJSON(plans)), as: UTF8.self))
            } else {
                print(SummaryFormatter.plan(plans))
            }
            return
        }
        let summary = try await runtime.engine.sync(reports: reports, fullPlan: fullPlan)
        if json {
            print(String(decoding: try JSONEncoder.summary.encode(summary), as: UTF8.self))
        } else {
            print(SummaryFormatter.table(summary))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
