import ArgumentParser
import MarketSync
import MarketSyncApp

/// Records a scenario's cassettes against the channels' local sandboxes.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a scenario's steps against local channel sandboxes through the recording transport, writing its cassettes.",
        discussion: """
        Secrets are redacted from the cassettes. The scenario's expectations are checked too, as replay would. Prints \
        RECORDED (exit 0) when every cassette was written and the expectations hold; FAIL when they were written but the \
        expectations do not hold (exit 1); NOT RECORDED when the scenario could not run to the end (exit 2 for a broken \
        scenario, config or path, else 1). Every path a scenario names must be inside its folder. A file channel's \
        scenario (EANCOM, X12) has nothing to record: record refuses it (NOT RECORDED, exit 2); its golden files are \
        written by replay --update-golden.
        """)

    @Argument(help: "Scenario folders (each with a scenario.yaml).") var scenarios: [String]
    @Option(name: .long, help: "Log level on standard error.") var logLevel: String = "error"

    func run() async throws {
        let logger = try GlobalOptions.parse(["--log-level", logLevel]).makeLogger()
        let folders = ScenarioRunner.discover(scenarios)
        guard !folders.isEmpty else {
            throw ValidationError("no scenario.yaml found under \(scenarios.joined(separator: ", "))")
        }
        let runner = ScenarioRunner(logger: logger)
        // 2 when a scenario could not run at all, else 1 when one failed, as replay does.
        var exitCode: Int32 = 0
        for folder in folders {
            let outcome = await runner.run(folder: folder, mode: .record)
            let verdict = outcome.recordVerdict
            print("\(verdict.word) \(folder)")
            for problem in outcome.problems { print("  \(problem)") }
            exitCode = max(exitCode, verdict.exitCode)
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
