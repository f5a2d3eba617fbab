internal import Foundation
public import Logging
internal import MarketSync
internal import MarketSyncConfig
internal import MarketSyncSandbox
internal import MarketSyncWire
internal import Yams

/// Runs scenarios: replays each step of a scenario folder through the real engine against its cassettes (a file
/// channel against its drop, a fresh folder per run: `ScenarioDrops`) and checks the expected outcome, golden files
/// included; or records those cassettes against the channels' local sandboxes (never a file channel's).
public struct ScenarioRunner: Sendable {
    /// `replay` runs the steps against the recorded cassettes; `record` runs them against the channels' local
    /// sandboxes and writes the cassettes.
    public enum Mode: Sendable { case replay, record }

    let registry: AdapterRegistry
    /// Where the steps' engines log.
    public let logger: Logger
    /// When replaying, write each golden file that is missing or differs from what the step left in the drop,
    /// instead of failing (`replay --update-golden`: run on purpose, then review the diff).
    public let updateGolden: Bool

    /// A runner making adapters, cassette rules and sandboxes from `registry`.
    public init(registry: AdapterRegistry = .standard, logger: Logger, updateGolden: Bool = false) {
        self.registry = registry
        self.logger = logger
        self.updateGolden = updateGolden
    }

    /// The outcome of one scenario: its folder and every problem found (none means passed).
    public struct Outcome: Sendable {
        /// The scenario folder.
        public var folder: String
        /// The scenario's own `description`; empty when `scenario.yaml` could not be read.
        public var description: String
        /// Every failed expectation (`step <name>: what`) and every error met; empty when the scenario passed.
        public var problems: [String]
        /// The scenario could not run at all: a broken scenario, config or cassette file (exit 2, not 1).
        public var broken = false
        /// Every step ran (when recording: every cassette was written).
        var completed = false
        /// The golden files `updateGolden` wrote (`wrote expected/X from channel inbox/X`).
        public var goldenWritten: [String] = []
        /// True when no problem was found.
        public var passed: Bool { problems.isEmpty }

        /// What `record` prints for this scenario and the exit code that goes with it: the word never claims
        /// a recording that did not happen.
        public var recordVerdict: (word: String, exitCode: Int32) {
            if passed { return ("RECORDED", 0) }
            if broken { return ("NOT RECORDED", 2) }
            if completed { return ("FAIL (recorded, but expectations failed)", 1) }
            return ("NOT RECORDED", 1)
        }
    }

    /// Every folder at or under `paths` holding a `scenario.yaml`, sorted.
    public static func discover(_ paths: [String]) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            if manager.fileExists(atPath: (path as NSString).appendingPathComponent("scenario.yaml")) {
                found.append(path)
            }
            guard let walker = manager.enumerator(atPath: path) else { continue }
            while let next = walker.nextObject() as? String {
                if (next as NSString).lastPathComponent == "scenario.yaml" {
                    found.append((path as NSString).appendingPathComponent((next as NSString).deletingLastPathComponent))
                }
            }
        }
        return Array(Set(found.map { URL(fileURLWithPath: $0).standardizedFileURL.path })).sorted()
    }

    /// Runs one scenario folder.
    public func run(folder: String, mode: Mode) async -> Outcome {
        var outcome = Outcome(folder: folder, description: "", problems: [])
        do {
            let file = try ScenarioFile.load(folder: folder)
            outcome.description = file.spec.description
            (outcome.problems, outcome.goldenWritten) = try await run(file, mode: mode)
            outcome.completed = true
        } catch let error as MarketSyncError {
            outcome.problems.append(error.description)
            outcome.broken = [.config, .source, .cassette].contains(error.code)
        } catch {
            outcome.problems.append("\(error)")
        }
        return outcome
    }

    private func run(_ file: ScenarioFile, mode: Mode) async throws -> (problems: [String], written: [String]) {
        let spec = file.spec
        guard let start = ISO8601DateFormatter().date(from: spec.now) else {
            throw file.error("\"\(spec.now)\" is not an ISO 8601 instant", key: "now")
        }
        let clock = VirtualClock(start: start)
        let configPath = try file.resolve(spec.config ?? "marketsync.yaml", key: "config")
        var configuration = try ConfigLoader(environment: spec.env).load(path: configPath)
        try Self.confine(configuration, to: file.folder, configPath: configPath)
        try file.validate(channels: configuration.channels.map(\.id))
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("marketsync-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        configuration.store = .sqlite(path: work.appendingPathComponent("scenario.sqlite").path)
        let drops = try ScenarioDrops.prepare(&configuration, root: work.appendingPathComponent("drops", isDirectory: true), registry: registry)
        if mode == .record, let channel = drops.channels.keys.map(\.rawValue).sorted().first {
            throw MarketSyncError(.config, "marketsync record cannot record a file scenario: \(channel) is a file channel, with no "
                                  + "cassette to record; run marketsync replay --update-golden on purpose to write its golden files",
                                  file: file.path, key: "channels.\(channel)")
        }
        try drops.validate(file)

        let sandboxes = SandboxFleet()
        do {
            let problems = try await run(file, mode: mode, configuration: configuration, clock: clock, sandboxes: sandboxes, drops: drops)
            await sandboxes.shutdown()
            return problems
        } catch {
            await sandboxes.shutdown()
            throw error
        }
    }

    private func run(_ file: ScenarioFile, mode: Mode, configuration: SyncConfiguration, clock: VirtualClock,
                     sandboxes: SandboxFleet, drops: ScenarioDrops) async throws -> (problems: [String], written: [String]) {
        let spec = file.spec
        var configuration = configuration
        if mode == .record {
            configuration = try await sandboxes.start(for: configuration, registry: registry, overrides: spec.sandboxCredentials ?? [:],
                                                      clock: clock, logger: logger)
        }

        var problems: [String] = [], written: [String] = []
        for (index, step) in spec.steps.enumerated() {
            if let advance = step.advance, let duration = ConfigLoader.duration(advance) {
                // In range: `ScenarioFile.validate` checked every step before the first ran.
                clock.advance(by: duration)
            }
            if mode == .record {
                for call in step.sandbox ?? [] { try await sandboxes.admin(call) }
            }
            try drops.seed(step.partnerFiles ?? [], step: index, file: file, now: clock.now())
            let transports = TransportSet()
            let scenarioFile = file, stepIndex = index
            @Sendable func cassetteFile(_ channel: ChannelID) throws -> URL {
                try scenarioFile.cassette(step: stepIndex, channel: channel)
            }
            // Replay: each channel's cassette is read first, because its secret decides what the adapter signs with.
            var stepConfiguration = configuration
            var loaded: [ChannelID: Cassette] = [:]
            if mode == .replay {
                // A file channel has no cassette: its drop is a folder of this run.
                for c in stepConfiguration.channels.indices where drops.channels[stepConfiguration.channels[c].id] == nil {
                    let settings = stepConfiguration.channels[c]
                    let factory = try registry.factory(for: settings, file: configuration.file)
                    let cassette = try Cassette(contentsOf: try cassetteFile(settings.id))
                    loaded[settings.id] = cassette
                    stepConfiguration.channels[c] = CassetteSecret.replaySettings(
                        settings, factory: factory, cassette: cassette, sandboxCredentials: spec.sandboxCredentials?[settings.id.rawValue] ?? [:])
                }
            }
            let cassettes = loaded
            let sandboxCredentials = spec.sandboxCredentials ?? [:]
            let runtime = try SyncRuntime.open(stepConfiguration, registry: registry, clock: clock, logger: logger) { settings, factory in
                if drops.channels[settings.id] != nil { return UnusedTransport() }
                let file = try cassetteFile(settings.id)
                switch mode {
                case .replay:
                    guard let cassette = cassettes[settings.id] else {
                        throw MarketSyncError(.cassette, "no cassette read for channel \(settings.id)", file: file.path)
                    }
                    let replaying = ReplayingTransport(cassette: cassette, rules: factory.cassetteRules(signatureCheck: cassette.signingSecret != nil))
                    transports.add(replaying: replaying, for: settings.id)
                    return replaying
                case .record:
                    // The sandbox's secret judges each signature; no credential of the recording may become the cassette's.
                    let live = sandboxes.signingSecret(for: settings.id)
                    var credentials = Set(settings.credentials.names.compactMap { settings.credentials[$0] })
                    if let overrides = sandboxCredentials[settings.id.rawValue] { credentials.formUnion(overrides.values) }
                    if let live { credentials.insert(live) }
                    let recording = RecordingTransport(base: CurlTransport(options: .init()), channel: settings.id,
                                                       rules: factory.cassetteRules(signatureCheck: live != nil),
                                                       verifyingSecret: live,
                                                       cassetteSecret: CassetteSecret.reused(from: file, excluding: credentials))
                    transports.add(recording: recording, to: file)
                    return recording
                }
            }
            let blocked = try drops.blockArchives(step.blockArchive ?? [])
            let (exitCode, summary, failure) = await execute(step, index: index, runtime: runtime, file: file)
            try drops.unblock(blocked)
            if let failure, exitCode != step.expect.exit { problems.append("step \(step.name): \(failure)") }
            if mode == .record { try await transports.writeRecordings() }
            else { problems += await transports.unusedProblems(step: step.name) }
            problems += await ScenarioExpectations(step: step, store: runtime.store).check(exitCode: exitCode, summary: summary)
            let files = ScenarioFileCheck(step: step, index: index, file: file, drops: drops, updateGolden: updateGolden).check()
            problems += files.problems
            written += files.written
        }
        return (problems, written)
    }

    /// Runs one step's command the way the CLI does; returns its exit code and summary.
    private func execute(_ step: ScenarioSpec.Step, index: Int, runtime: SyncRuntime, file: ScenarioFile) async -> (Int, RunSummary?, String?) {
        do {
            switch step.run {
            case "sync":
                let catalog = try step.catalog.map { [try file.resolve($0, key: "steps[\(index)].catalog")] }
                let reports = try runtime.readSources(catalog)
                let summary = try await runtime.engine.sync(reports: reports, fullPlan: step.fullPlan ?? false)
                return (Int(summary.exitCode), summary, nil)
            case "ship":
                guard let ship = step.ship else {
                    throw file.error("a ship step needs ship: {channel, order, carrier, tracking}", key: "steps[\(index)].ship")
                }
                let result = try await runtime.ship(Shipment(orderID: ship.order, carrier: ship.carrier, trackingNumber: ship.tracking),
                                                    channel: ChannelID(ship.channel))
                let summary = RunSummary(runID: nil, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [result])
                return (Int(summary.exitCode), summary, nil)
            default:
                throw file.error("unknown step kind \"\(step.run)\" (sync or ship)", key: "steps[\(index)].run")
            }
        } catch let error as MarketSyncError {
            logger.error("step failed", metadata: ["scenario.step": "\(step.name)", LogKey.errorCode: "\(error.code)"])
            return (error.code == .config || error.code == .source ? 2 : 1, nil, error.description)
        } catch {
            return (1, nil, "\(error)")
        }
    }

    /// The config's own input files (sources, rates file) must be inside the scenario folder too.
    static func confine(_ configuration: SyncConfiguration, to folder: ScenarioFolder, configPath: String) throws {
        var inputs = configuration.sources.enumerated().map { ($0.element.path, "sources[\($0.offset)].path") }
        if let rates = configuration.ratesFile { inputs.append((rates.path, "rates_file.path")) }
        // The loader made them absolute against the config's folder; what is left after the scenario folder's
        // own path must resolve inside it like any path the scenario names.
        let prefix = URL(fileURLWithPath: folder.path).standardizedFileURL.path + "/"
        for (path, key) in inputs {
            guard path.hasPrefix(prefix), case .success = folder.resolve(String(path.dropFirst(prefix.count))) else {
                throw MarketSyncError(.config, "\"\(path)\" is not inside the scenario folder: it must be inside the scenario folder",
                                      file: configPath, key: key)
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context): "missing \(path(context.codingPath + [key]))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
