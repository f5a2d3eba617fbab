internal import Foundation
internal import MarketSync
internal import MarketSyncConfig
internal import Yams

/// A `scenario.yaml` as read: the spec, the line of each of its keys, and the folder its paths must stay in.
/// Everything a scenario says is checked here before any step runs, so a broken scenario changes nothing
/// (no cassette is written) and its error names `scenario.yaml:line: key.path`.
struct ScenarioFile: Sendable {
    let path: String
    let folder: ScenarioFolder
    let spec: ScenarioSpec
    let lines: YAMLKeyLines

    /// Reads and decodes `<folder>/scenario.yaml`.
    static func load(folder: String) throws -> ScenarioFile {
        let path = (folder as NSString).appendingPathComponent("scenario.yaml")
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MarketSyncError(.config, "cannot read scenario: \(error)", file: path)
        }
        let lines = YAMLKeyLines(text)
        do {
            let spec = try YAMLDecoder().decode(ScenarioSpec.self, from: text)
            _ = try YAMLDecoder().decode(ScenarioKeyCheck.self, from: text)
            return ScenarioFile(path: path, folder: ScenarioFolder(folder), spec: spec, lines: lines)
        } catch let error as DecodingError {
            let key = ScenarioRunner.path(Self.codingPath(error))
            throw MarketSyncError(.config, "bad scenario: \(ScenarioRunner.describe(error))", file: path,
                                  line: lines.line(of: key))
        } catch {
            throw MarketSyncError(.config, "bad scenario: \(error)", file: path)
        }
    }

    /// A `.config` error about `key` (`steps[1].advance`) naming this file and the key's line.
    func error(_ message: String, key: String) -> MarketSyncError {
        MarketSyncError(.config, message, file: path, line: lines.line(of: key), key: key)
    }

    /// A path the scenario names at `key`, resolved inside the folder, or the error saying why it is refused.
    func resolve(_ relative: String, key: String) throws(MarketSyncError) -> String {
        switch folder.resolve(relative) {
        case let .success(resolved): return resolved
        case let .failure(escape): throw error(escape.description, key: key)
        }
    }

    /// The cassette of one step and channel: `<step>.<channel>.cassette.json`, inside the folder.
    func cassette(step index: Int, channel: ChannelID) throws(MarketSyncError) -> URL {
        let step = spec.steps[index]
        // A step name or channel id is part of a file name, never a path.
        for (part, key) in [(step.name, "steps[\(index)].name"), (channel.rawValue, "channel \(channel)")] where part.contains("/") {
            throw error("\"\(part)\" names a cassette file and must not hold a /: it must be inside the scenario folder", key: key)
        }
        return URL(fileURLWithPath: try resolve("\(step.name).\(channel).cassette.json", key: "steps[\(index)].name"))
    }

    /// Checks what the steps say before any runs: paths inside the folder, durations and expected numbers in range.
    func validate(channels: [ChannelID]) throws(MarketSyncError) {
        for (index, step) in spec.steps.enumerated() {
            let key = "steps[\(index)]"
            if step.name.isEmpty || step.name == "." || step.name == ".." {
                throw error("a step needs a name that can start a file name", key: "\(key).name")
            }
            for channel in channels { _ = try cassette(step: index, channel: channel) }
            if let advance = step.advance, case let .failure(problem) = DurationText.parse(advance) {
                throw error("\"\(advance)\" \(problem)", key: "\(key).advance")
            }
            if let catalog = step.catalog { _ = try resolve(catalog, key: "\(key).catalog") }
            try validate(step.expect, key: "\(key).expect")
        }
    }

    /// Expected numbers: an exit code the CLI can return, counts and quantities that can occur.
    private func validate(_ expect: ScenarioSpec.Expectation, key: String) throws(MarketSyncError) {
        guard ExitStatus(rawValue: Int32(clamping: expect.exit)) != nil else {
            let codes = ExitStatus.allCases.map { String($0.rawValue) }.joined(separator: ", ")
            throw error("\(expect.exit) must be an exit code: one of \(codes)", key: "\(key).exit")
        }
        let counts: [(String, Int?)] = [("pending_outbox", expect.pendingOutbox), ("failed_outbox", expect.failedOutbox),
                                        ("rejected_rows", expect.rejectedRows)]
        for (name, count) in counts {
            if let count, count < 0 { throw error("\(count) must be a count ≥ 0", key: "\(key).\(name)") }
        }
        for (channel, wanted) in expect.channels ?? [:] {
            let counts: [(String, Int?)] = [
                ("planned", wanted.planned), ("held", wanted.held), ("superseded", wanted.superseded), ("pushed", wanted.pushed),
                ("unchanged", wanted.unchanged), ("failed", wanted.failed), ("retries", wanted.retries),
                ("orders_new", wanted.ordersNew), ("orders_updated", wanted.ordersUpdated),
                ("shipments_confirmed", wanted.shipmentsConfirmed), ("errors", wanted.errors),
            ]
            for (name, count) in counts {
                if let count, count < 0 { throw error("\(count) must be a count ≥ 0", key: "\(key).channels.\(channel).\(name)") }
            }
        }
        for (channel, offers) in expect.acknowledged ?? [:] {
            for (sku, offer) in offers {
                if let quantity = offer.quantity, !ValueRanges.quantity.contains(quantity) {
                    throw error("\(quantity) must be a quantity from 0 to \(ValueRanges.quantity.upperBound)",
                                key: "\(key).acknowledged.\(channel).\(sku).quantity")
                }
            }
        }
    }

    /// The coding path a decoding error is about.
    static func codingPath(_ error: DecodingError) -> [any CodingKey] {
        switch error {
        case let .keyNotFound(key, context): context.codingPath + [key]
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context): context.codingPath
        @unknown default: []
        }
    }
}
