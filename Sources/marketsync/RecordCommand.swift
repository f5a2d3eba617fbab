import ArgumentParser
import MarketSync
import MarketSyncApp

/// Records a scenario's cassettes against the channels' local sandboxes.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a scenario's steps against local channel sandboxes through the recording transport, writing its cassettes.",
        discussion: "Secrets are redacted from the cassettes. The scenario's expectations are checked too, as replay would.")

    @Argument(help: "Scenario folders (each with a scenario.yaml).") var scenarios: [String]
    @Option(name: .long, help: "Log level on standard error.") var logLevel: String = "error"

    func run() async throws {
        let logger = try GlobalOptions.parse(["--log-level", logLevel]).makeLogger()
        let runner = ScenarioRunner(logger: logger)
        var failed = 0
        for folder in ScenarioRunner.discover(scenarios) {
            let outcome = await runner.run(folder: folder, mode: .record)
            print("\(outcome.passed ? "RECORDED" : "RECORDED, EXPECTATIONS FAILED") \(folder)")
            for problem in outcome.problems { print("  \(problem)") }
            if !outcome.passed { failed += 1 }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
