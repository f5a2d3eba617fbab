import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// Runs every scenario under the paths against its cassettes.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded scenarios through the real engine and check what was sent and stored.",
        discussion: """
        Prints a line per scenario and ends with exactly one line 'N passed, N failed'. Exit 1 if any failed, 2 if a \
        scenario could not run at all (a broken scenario, config or cassette file: the message names file and line). \
        A file channel's scenario (EANCOM, X12) has no cassette: its drop is a fresh folder per run and what it holds \
        is compared with the scenario's golden files; --update-golden writes those instead (run it on purpose and \
        review the diff).
        """)

    @Argument(help: "Scenario folders, or folders to search for scenario.yaml.") var paths: [String] = ["fixtures"]
    @Option(name: .long, help: "Log level on standard error.") var logLevel: String = "critical"
    @Flag(name: .long, help: "Write every golden file that is missing or differs from what its step left in the drop, instead of failing.")
    var updateGolden = false

    func run() async throws {
        let options = try GlobalOptions.parse(["--log-level", logLevel])
        let logger = options.makeLogger()
        let folders = ScenarioRunner.discover(paths)
        guard !folders.isEmpty else {
            throw ValidationError("no scenario.yaml found under \(paths.joined(separator: ", "))")
        }
        let runner = ScenarioRunner(logger: logger, updateGolden: updateGolden)
        var passed = 0, failed = 0, broken = 0
        for folder in folders {
            let outcome = await runner.run(folder: folder, mode: .replay)
            if outcome.passed {
                passed += 1
                print("PASS \(folder)")
                for note in outcome.goldenWritten { print("  \(note)") }
            } else {
                failed += 1
                if outcome.broken { broken += 1 }
                print("FAIL \(folder)")
                for note in outcome.goldenWritten { print("  \(note)") }
                for problem in outcome.problems { print("  \(problem)") }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if broken > 0 { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
