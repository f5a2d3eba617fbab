import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncPostgres
import Testing

/// `marketsync status` opens the configured store through its roles: a PostgreSQL store is read like an SQLite
/// file, and an SQLite file that does not exist yet is "no store yet".
@Suite struct PostgresStatusReportTests {
    @Test(.enabled(if: PostgresStoreConformanceTests.url != nil, PostgresStoreConformanceTests.skipReason))
    func statusReadsAPostgresStore() async throws {
        let url = try #require(PostgresStoreConformanceTests.url)
        var location = try PostgresLocation(url: url)
        location.schema = "status_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let writer = PostgresStore(location: location, password: ProcessInfo.processInfo.environment[PostgresStore.passwordVariable])
        defer { writer.close() }
        let started = Date(timeIntervalSince1970: 1_750_000_000)
        let run = try await writer.beginRun(mode: "sync", at: started)
        var summary = RunSummary(runID: run, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [ChannelResult(channel: "a")])
        summary.work = ["a": [.stock]]
        try await writer.finishRun(run, summaryJSON: String(decoding: try JSONEncoder.summary.encode(summary), as: UTF8.self),
                                   exitCode: 0, at: started.addingTimeInterval(1))

        let fixture = try WorkerFixture()
        var configuration = try fixture.setup.load()
        configuration.store = .postgres(url: "\(location)")
        let report = try #require(try await StatusReport.read(configuration, at: started.addingTimeInterval(2)))
        #expect(report.channels.first { $0.channel == "a" }?.lastRuns.map(\.work) == [[.stock]])
        #expect(report.channels.first { $0.channel == "b" }?.lastRuns == [])
        try await writer.dropSchema()
    }

    @Test func statusOnAMissingSQLiteFileIsNoStoreYet() async throws {
        let fixture = try WorkerFixture()
        var configuration = try fixture.setup.load()
        configuration.store = .sqlite(path: NSTemporaryDirectory() + "marketsync-absent-\(UUID().uuidString).sqlite")
        #expect(try await StatusReport.read(configuration, at: Date()) == nil)
    }
}
