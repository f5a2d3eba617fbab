internal import Foundation
public import Logging
internal import MarketSync
internal import MarketSyncConfig
internal import MarketSyncSandbox
internal import MarketSyncWire
internal import Yams

/// Runs scenarios: replays each step of a scenario folder through the real engine against its cassettes and
/// checks the expected outcome; or records those cassettes against the channels' local sandboxes.
public struct ScenarioRunner: Sendable {
    public enum Mode: Sendable { case replay, record }

    public let registry: AdapterRegistry
    public let logger: Logger

    public init(registry: AdapterRegistry = .standard, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    /// The outcome of one scenario: its folder and every problem found (none means passed).
    public struct Outcome: Sendable {
        public var folder: String
        public var description: String
        public var problems: [String]
        /// The scenario could not run at all: a broken scenario, config or cassette file (exit 2, not 1).
        public var broken = false
        public var passed: Bool { problems.isEmpty }
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
            let spec = try Self.load(folder: folder)
            outcome.description = spec.description
            outcome.problems = try await run(spec, folder: folder, mode: mode)
        } catch let error as MarketSyncError {
            outcome.problems.append(error.description)
            outcome.broken = [.config, .source, .cassette].contains(error.code)
        } catch {
            outcome.problems.append("\(error)")
        }
        return outcome
    }

    static func load(folder: String) throws -> ScenarioSpec {
        let path = (folder as NSString).appendingPathComponent("scenario.yaml")
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try YAMLDecoder().decode(ScenarioSpec.self, from: text)
        } catch let error as DecodingError {
            throw MarketSyncError(.config, "bad scenario: \(Self.describe(error))", file: path)
        } catch {
            throw MarketSyncError(.config, "cannot read scenario: \(error)", file: path)
        }
    }

    private func run(_ spec: ScenarioSpec, folder: String, mode: Mode) async throws -> [String] {
        guard let start = ISO8601DateFormatter().date(from: spec.now) else {
            throw MarketSyncError(.config, "now \"\(spec.now)\" is not an ISO 8601 instant", file: folder, key: "now")
        }
        let clock = VirtualClock(start: start)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("marketsync-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let configPath = (folder as NSString).appendingPathComponent(spec.config ?? "marketsync.yaml")
        var configuration = try ConfigLoader(environment: spec.env).load(path: configPath)
        configuration.store = .sqlite(path: work.appendingPathComponent("scenario.sqlite").path)

        let sandboxes = SandboxFleet()
        do {
            let problems = try await run(spec, folder: folder, mode: mode, configuration: configuration, clock: clock, sandboxes: sandboxes)
            await sandboxes.shutdown()
            return problems
        } catch {
            await sandboxes.shutdown()
            throw error
        }
    }

    private func run(_ spec: ScenarioSpec, folder: String, mode: Mode, configuration: SyncConfiguration, clock: VirtualClock,
                     sandboxes: SandboxFleet) async throws -> [String] {
        var configuration = configuration
        if mode == .record {
            configuration = try sandboxes.start(for: configuration, registry: registry, overrides: spec.sandboxCredentials ?? [:],
                                                clock: clock, logger: logger)
        }

        var problems: [String] = []
        for step in spec.steps {
            if let advance = step.advance {
                guard let duration = ConfigLoader.duration(advance) else {
                    throw MarketSyncError(.config, "advance \"\(advance)\" must be like 10m", file: folder, key: "steps.\(step.name).advance")
                }
                clock.advance(by: duration)
            }
            if mode == .record {
                for call in step.sandbox ?? [] { try await sandboxes.admin(call) }
            }
            let transports = TransportSet()
            @Sendable func cassetteFile(_ channel: ChannelID) -> URL {
                URL(fileURLWithPath: folder).appendingPathComponent("\(step.name).\(channel).cassette.json")
            }
            // Replay: each channel's cassette is read first, because its secret decides what the adapter signs with.
            var stepConfiguration = configuration
            var loaded: [ChannelID: Cassette] = [:]
            if mode == .replay {
                for index in stepConfiguration.channels.indices {
                    let settings = stepConfiguration.channels[index]
                    let factory = try registry.factory(for: settings, file: configuration.file)
                    let cassette = try Cassette(contentsOf: cassetteFile(settings.id))
                    loaded[settings.id] = cassette
                    stepConfiguration.channels[index] = CassetteSecret.replaySettings(
                        settings, factory: factory, cassette: cassette, sandboxCredentials: spec.sandboxCredentials?[settings.id.rawValue] ?? [:])
                }
            }
            let cassettes = loaded
            let sandboxCredentials = spec.sandboxCredentials ?? [:]
            let runtime = try SyncRuntime.open(stepConfiguration, registry: registry, clock: clock, logger: logger) { settings, factory in
                let file = cassetteFile(settings.id)
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
            let (exitCode, summary, failure) = await execute(step, runtime: runtime, folder: folder)
            if let failure, exitCode != step.expect.exit { problems.append("step \(step.name): \(failure)") }
            if mode == .record { try await transports.writeRecordings() }
            else { problems += await transports.unusedProblems(step: step.name) }
            problems += await ScenarioExpectations(step: step, store: runtime.store).check(exitCode: exitCode, summary: summary)
        }
        return problems
    }

    /// Runs one step's command the way the CLI does; returns its exit code and summary.
    private func execute(_ step: ScenarioSpec.Step, runtime: SyncRuntime, folder: String) async -> (Int, RunSummary?, String?) {
        do {
            switch step.run {
            case "sync":
                let catalog = step.catalog.map { [(folder as NSString).appendingPathComponent($0)] }
                let reports = try runtime.readSources(catalog)
                let summary = try await runtime.engine.sync(reports: reports, fullPlan: step.fullPlan ?? false)
                return (Int(summary.exitCode), summary, nil)
            case "ship":
                guard let ship = step.ship else {
                    throw MarketSyncError(.config, "a ship step needs ship: {channel, order, carrier, tracking}", key: "steps.\(step.name).ship")
                }
                let result = try await runtime.ship(Shipment(orderID: ship.order, carrier: ship.carrier, trackingNumber: ship.tracking),
                                                    channel: ChannelID(ship.channel))
                let summary = RunSummary(runID: nil, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [result])
                return (Int(summary.exitCode), summary, nil)
            default:
                throw MarketSyncError(.config, "unknown step kind \"\(step.run)\" (sync or ship)", key: "steps.\(step.name).run")
            }
        } catch let error as MarketSyncError {
            logger.error("step failed", metadata: ["scenario.step": "\(step.name)", LogKey.errorCode: "\(error.code)"])
            return (error.code == .config || error.code == .source ? 2 : 1, nil, error.description)
        } catch {
            return (1, nil, "\(error)")
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
