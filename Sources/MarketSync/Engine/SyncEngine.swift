public import Foundation
public import Logging

/// One sync across channels: import the sources into the store in one transaction, then run every channel
/// concurrently (bounded), each isolated from the others' failures.
public struct SyncEngine: Sendable {
    public let store: any SyncStore
    public let runners: [ChannelRunner]
    public let clock: any SyncClock
    public let logger: Logger
    /// Channels run at once.
    public let concurrency: Int

    public init(store: any SyncStore, runners: [ChannelRunner], clock: any SyncClock, logger: Logger, concurrency: Int = 4) {
        self.store = store
        self.runners = runners
        self.clock = clock
        self.logger = logger
        self.concurrency = max(1, concurrency)
    }

    /// Reads the sources; rejected rows are reported, the rest imported in one transaction (unless `dryRun`).
    public func importSources(_ reports: [ImportReport], dryRun: Bool) async throws -> ImportCounts {
        let products = reports.flatMap(\.products)
        guard !dryRun, !products.isEmpty else { return ImportCounts() }
        let source = reports.map(\.source).joined(separator: ",")
        let counts = try await store.applyImport(products, source: source, at: clock.now())
        logger.info("catalog imported", metadata: [LogKey.count: "\(products.count)"])
        return counts
    }

    /// A full run: import, then every channel. Store failures throw; channel failures are in the summary.
    public func sync(reports: [ImportReport], mode: String = "sync") async throws -> RunSummary {
        let runID = try await store.beginRun(mode: mode, at: clock.now())
        let imported = try await importSources(reports, dryRun: false)
        let results = try await forEachChannel { try await $0.run() }
        let summary = RunSummary(runID: runID, dryRun: false, imported: imported,
                                 rejectedRows: reports.flatMap(\.rejections).map(\.description), channels: results)
        let json = (try? String(decoding: JSONEncoder.summary.encode(summary), as: UTF8.self)) ?? "{}"
        try await store.finishRun(runID, summaryJSON: json, exitCode: Int(summary.exitCode), at: clock.now())
        return summary
    }

    /// The plans every channel would push now, storing nothing and sending nothing.
    public func dryRun(reports: [ImportReport]) async throws -> [ChannelPlan] {
        let overlay = reports.flatMap(\.products)
        var plans: [ChannelPlan] = []
        for runner in runners { plans.append(try await runner.plan(overlay: overlay)) }
        return plans
    }

    /// Runs `body` for each channel, at most `concurrency` at once; results in channel order.
    public func forEachChannel(_ body: @escaping @Sendable (ChannelRunner) async throws -> ChannelResult) async throws -> [ChannelResult] {
        try await withThrowingTaskGroup(of: (Int, ChannelResult).self) { group in
            var results: [(Int, ChannelResult)] = []
            var next = 0
            for _ in 0..<min(concurrency, runners.count) {
                let index = next, runner = runners[index]
                group.addTask { (index, try await body(runner)) }
                next += 1
            }
            while let finished = try await group.next() {
                results.append(finished)
                if next < runners.count {
                    let index = next, runner = runners[index]
                    group.addTask { (index, try await body(runner)) }
                    next += 1
                }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

extension JSONEncoder {
    /// Stable, readable JSON for summaries and plans.
    public static var summary: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
