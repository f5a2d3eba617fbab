import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// Validates the config, the environment and the sources; with --online, also the credentials, at the channels.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the config file, adapters, credentials and sources; change and send nothing.",
        discussion: """
        Every problem is listed at once, one per line as file:line: key.path: message, and the exit code is 2. Rows a \
        sync would skip are printed as warnings with their file:line; they do not fail the check (exit 0, "config ok").
        With --online, each channel also gets one signed read-only call (Epinduo: pdd.mall.info.get): credentials the \
        channel rejects exit 2 (fix the environment), a channel that cannot be reached exits 1 (try again).
        """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also make one signed read-only call per channel, so a wrong secret is found before the first sync.")
    var online = false

    func run() async throws {
        let report = try ConfigCheck().run(path: global.config)
        for warning in report.warnings { print("warning: rejected row \(warning.description)") }
        let channels = report.configuration.channels
        if online {
            let outcomes = await AccessCheck().run(report.configuration, clock: SystemClock(), logger: global.makeLogger()) { _, _ in
                CurlTransport(options: .init())
            }
            for outcome in outcomes where outcome.error == nil { print("channel \(outcome.channel): access ok") }
            let failures = outcomes.compactMap(\.error)
            if failures.contains(where: { $0.code == .config }) {
                throw ConfigErrors(failures).combined ?? MarketSyncError(.config, "credentials rejected")
            }
            if !failures.isEmpty {
                for failure in failures { FileHandle.standardError.write(Data("marketsync: \(failure.description)\n".utf8)) }
                throw ExitCode(1)
            }
        }
        let sources = report.configuration.sources
        print("config ok: \(channels.count) channels (\(channels.map(\.id.rawValue).joined(separator: ", "))), "
              + "\(sources.count) sources with \(report.validRows) valid rows, \(report.warnings.count) rejected")
    }
}
