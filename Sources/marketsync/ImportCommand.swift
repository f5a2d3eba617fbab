import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// Imports the configured sources and nothing else: no channel is called, nothing is planned or sent.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the config's sources into the store (one transaction) and print the counts; call no channel.",
        discussion: """
        What a sync does first, alone: every source is read and validated, bad rows are printed with their file:line \
        and skipped, and the valid products are applied in one transaction (a CommerceML package is read while it \
        is imported, in bounded memory). The next sync plans from what it stored. Exit 0 when every row was \
        imported, 1 when some rows were rejected, 2 when a source or the config cannot be read (nothing is imported).
        """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // Secrets are not needed: nothing is sent.
        let runtime = try await global.openRuntime(live: false)
        let reports = try runtime.readSources()
        let (counts, streamed) = try await runtime.engine.importSources(reports)
        let rejected = reports.flatMap(\.rejections) + streamed
        for rejection in rejected {
            FileHandle.standardError.write(Data("rejected \(rejection.description)\n".utf8))
        }
        print("catalog: \(counts.inserted) new, \(counts.updated) updated, \(counts.unchanged) unchanged, \(rejected.count) rows rejected")
        if !rejected.isEmpty { throw ExitCode(1) }
    }
}
