import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig

/// Per channel: the last runs, what waits for a person, orders by state; `--check` is a health probe.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each channel's last runs, waiting work and orders by state; --check is a monitoring probe.",
        discussion: """
        Reads the store only: takes no lease, calls no channel, needs no secret (a running worker is not disturbed).
        --check (or --once) prints one line and exits 0 when every channel's last run succeeded and finished within 3 × its
        shortest interval, 1 otherwise, naming each channel that is not (Nagios style).
        """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(name: [.customLong("check"), .customLong("once")], help: "Health probe for monitoring: check once, print one line, exit 0 when healthy, 1 otherwise.")
    var check = false

    func run() async throws {
        let configuration = try global.loadConfiguration(requireSecrets: false)
        guard let report = try await StatusReport.read(configuration, at: Date()) else {
            if check {
                print("MARKETSYNC CRITICAL - no store yet: no run has been recorded")
                throw ExitCode(1)
            }
            throw MarketSyncError(.store, "no store yet (nothing has run)", file: configuration.file)
        }
        if check {
            let verdict = StatusCheck(report)
            print(verdict.line)
            if !verdict.healthy { throw ExitCode(1) }
            return
        }
        if json {
            let encoder = JSONEncoder.summary
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(StatusFormatter.text(report))
        }
    }
}
