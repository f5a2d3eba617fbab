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
        discussion: """
        Only one process sends to a channel at a time: when another one (a worker, another sync) is syncing a channel,
        sync waits for it and says so, or with --no-wait exits 2 naming it (pid, host, since).
        SIGINT or SIGTERM stop it the way they stop the worker: the batches in flight finish, the rest stays queued,
        the run is recorded as interrupted (exit 130).

        Exit codes:
        \(ExitStatus.reference)
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the plan (current → planned per channel) and send nothing; the store is not changed, and no store file is created.")
    var dryRun = false

    @Flag(help: "Print the summary (or the dry-run plan) as JSON on standard output.")
    var json = false

    @Option(help: "Read this catalog instead of the config's sources (repeatable).")
    var catalog: [String] = []

    @Flag(help: "Plan every SKU, not only those changed since the last plan.")
    var fullPlan = false

    @Flag(help: "Exit 2 at once, naming the other process, when another process is syncing a channel (default: wait for it).")
    var noWait = false

    func run() async throws {
        if dryRun { return try await runDry() }
        let signals = SignalWatcher()
        let runtime = try await global.openRuntime(shutdown: signals.shutdown)
        let reports = try runtime.readSources(catalog.isEmpty ? nil : catalog)
        reportRejections(reports)
        let summary = try await runtime.engine.sync(reports: reports, fullPlan: fullPlan, whenHeld: noWait ? .fail : .wait)
        if json {
            print(String(decoding: try JSONEncoder.summary.encode(summary), as: UTF8.self))
        } else {
            print(SummaryFormatter.table(summary))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// Plans against the store as it is (or against an empty temporary one when the configured file does not
    /// exist yet) and prints the plan; changes nothing.
    private func runDry() async throws {
        let configuration = try global.loadConfiguration(requireSecrets: false)
        var scratch: URL?
        if case let .sqlite(path) = configuration.store, !FileManager.default.fileExists(atPath: path) {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("marketsync-dry-run-\(UUID().uuidString)")
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let runtime = try await global.openRuntime(configuration, live: false, storePath: scratch?.appendingPathComponent("store.sqlite").path)
        let reports = try runtime.readSources(catalog.isEmpty ? nil : catalog)
        reportRejections(reports)
        // A streamed source (a CommerceML package) is read while the plan is made; its rejected rows come then.
        let (plans, streamed) = try await runtime.engine.dryRunWithRejections(reports: reports)
        reportRejections([ImportReport(source: "", rejections: streamed)])
        if json {
            let rejected = (reports.flatMap(\.rejections) + streamed).map(\.description)
            print(String(decoding: try JSONEncoder.summary.encode(SummaryFormatter.planJSON(plans, rejectedRows: rejected)), as: UTF8.self))
        } else {
            print(SummaryFormatter.plan(plans))
        }
    }

    private func reportRejections(_ reports: [ImportReport]) {
        for report in reports {
            for rejection in report.rejections {
                FileHandle.standardError.write(Data("rejected \(rejection.description)\n".utf8))
            }
        }
    }
}
