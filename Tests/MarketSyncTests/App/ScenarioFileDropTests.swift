import Foundation
import Logging
import Testing
@testable import MarketSyncApp

/// File-drop scenarios (EANCOM, X12) through the real runner, engine, adapters and a `LocalFolderDrop` in each run's
/// temporary folder: every fixture replays, a golden file changed by one byte fails naming the segment, the scenario
/// folder is never written to, and what a scenario may not do is refused before any step runs.
@Suite struct ScenarioFileDropTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures").standardizedFileURL
    let runner = ScenarioRunner(logger: Logger(label: "test"))

    func copy(_ scenario: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("file-scenario-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(scenario), to: target)
        return target
    }

    func edit(_ file: URL, _ replace: String, with replacement: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(replace), "\(file.lastPathComponent) holds no \(replace)")
        try text.replacingOccurrences(of: replace, with: replacement).write(to: file, atomically: true, encoding: .utf8)
    }

    /// Every file and its bytes under `folder`, by relative path.
    func contents(_ folder: URL) -> [String: Data] {
        var found: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? FileManager.DirectoryEnumerator() {
            found[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) ?? Data()
        }
        return found
    }

    @Test func everyEANCOMAndX12ScenarioReplays() async {
        let folders = ScenarioRunner.discover([fixtures.appendingPathComponent("eancom").path, fixtures.appendingPathComponent("x12").path])
        #expect(folders.count == 12)
        for folder in folders {
            let outcome = await runner.run(folder: folder, mode: .replay)
            #expect(outcome.problems == [], "\(folder)")
            #expect(outcome.goldenWritten == [])
        }
    }

    @Test func aGoldenFileChangedByOneByteFailsNamingTheFirstDifferingSegment() async throws {
        let folder = try copy("eancom/01-stock-and-price-files-sent")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("expected/PRICAT_000000002.edi"), "porcini 50 g", with: "porcini 60 g")
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(!outcome.broken)
        #expect(outcome.problems == [
            "step first: carrefour-edi inbox/PRICAT_000000002.edi differs from expected/PRICAT_000000002.edi: segment 19 differs at byte 453: "
                + "expected `IMD+F++:::Dried porcini 60 g'`, got `IMD+F++:::Dried porcini 50 g'`",
        ])
    }

    @Test func anX12GoldenFileIsComparedByItsOwnSegments() async throws {
        let folder = try copy("x12/02-order-answered")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("expected/997_000000001.x12"), "AK5*A~", with: "AK5*R~")
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.hasSuffix("segment 6 differs at byte 200: expected `AK5*R~`, got `AK5*A~`") == true)
    }

    @Test func updateGoldenWritesWhatIsMissingAndTheNextReplayPasses() async throws {
        let folder = try copy("x12/02-order-answered")
        defer { try? FileManager.default.removeItem(at: folder) }
        let golden = folder.appendingPathComponent("expected/855_000000004.x12")
        let original = try Data(contentsOf: golden)
        try FileManager.default.removeItem(at: golden)
        let missing = await runner.run(folder: folder.path, mode: .replay)
        #expect(missing.problems.contains { $0.contains("golden file expected/855_000000004.x12 is missing") })
        #expect(!FileManager.default.fileExists(atPath: golden.path))

        let updating = await ScenarioRunner(logger: Logger(label: "test"), updateGolden: true).run(folder: folder.path, mode: .replay)
        #expect(updating.problems == [])
        #expect(updating.goldenWritten == ["wrote expected/855_000000004.x12 from walmart-edi inbox/855_000000004.x12"])
        #expect(try Data(contentsOf: golden) == original)
        #expect(await runner.run(folder: folder.path, mode: .replay).problems == [])
    }

    @Test func aRunWritesNothingIntoTheScenarioFolder() async throws {
        let folder = try copy("eancom/06-restart-between-store-and-archive")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = contents(folder)
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.problems == [])
        #expect(contents(folder) == before)
    }

    @Test func recordRefusesAFileScenario() async throws {
        let folder = try copy("eancom/02-order-answered")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = contents(folder)
        let outcome = await runner.run(folder: folder.path, mode: .record)
        #expect(outcome.broken)
        #expect(outcome.recordVerdict.exitCode == 2)
        #expect(outcome.problems.contains { $0.contains("cannot record a file scenario: carrefour-edi is a file channel") })
        #expect(contents(folder) == before)
    }

    @Test(arguments: [
        ("url: \"file://{scenario_drop}/carrefour-edi\"", "url: \"file:///tmp/carrefour-edi\"", "must be file://{scenario_drop}/NAME"),
        ("url: \"file://{scenario_drop}/carrefour-edi\"", "url: \"file://{scenario_drop}/../carrefour-edi\"", "without .."),
        ("url: \"file://{scenario_drop}/carrefour-edi\"", "url: \"file://{scenario_drop}/carrefour-edi\"\n        archive: /tmp/archive",
         "must stay inside the scenario's drop"),
    ])
    func aDropThatCouldLeaveTheRunFolderIsRefused(original: String, replacement: String, message: String) async throws {
        let folder = try copy("eancom/02-order-answered")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("marketsync.yaml"), original, with: replacement)
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.contains(message) == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("channels.carrefour-edi.options.delivery.") == true)
    }

    @Test(arguments: [
        ("file: partner/orders-1.edi}", "file: ../02-order-answered/partner/orders-1.edi}", "goes up with .."),
        ("file: partner/orders-1.edi}", "file: partner/orders-1.edi, as: sub/orders-1.edi}", "must be a plain file name"),
        ("{channel: carrefour-edi, folder: outbox,", "{channel: carrefour, folder: outbox,", "is not a file channel"),
        ("folder: outbox,", "folder: incoming,", "must be outbox, inbox, archive or quarantine"),
        ("file: partner/orders-1.edi}", "file: partner/orders-9.edi}", "does not exist"),
        ("          outbox: []", "          outbx: []", "unknown key \"outbx\""),
        ("inbox/ORDRSP_000000003.edi: expected", "outgoing/ORDRSP_000000003.edi: expected", "must be FOLDER/NAME"),
        ("inbox/ORDRSP_000000003.edi: expected/", "inbox/ORDRSP_000000003.edi: ../", "goes up with .."),
        ("      files:\n        carrefour-edi:", "      files:\n        carrefour:", "\"carrefour\" is not a file channel"),
    ])
    func aStepAskingTheDropsForTheImpossibleIsRefusedBeforeAnyRuns(original: String, replacement: String, message: String) async throws {
        let folder = try copy("eancom/02-order-answered")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("scenario.yaml"), original, with: replacement)
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains(message) == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("scenario.yaml") == true)
    }

    @Test func aFolderHoldingOtherFilesThanExpectedFails() async throws {
        let folder = try copy("eancom/04-duplicate-delivery-ignored")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("scenario.yaml"),
                 "archive: [20261128T020000Z_orders-1.edi, 20261128T021500Z_orders-1-resent.edi]", with: "archive: [\"*_orders-1*.edi\"]")
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.problems == [
            "step resent: carrefour-edi archive: 2 files match \"*_orders-1*.edi\", expected 1 "
                + "(20261128T020000Z_orders-1.edi, 20261128T021500Z_orders-1-resent.edi)",
        ])
    }

    @Test func withoutTheBlockedArchiveTheRestartScenarioFails() async throws {
        // The block is what makes the first step leave its file in the outbox: without it the scenario's claim fails.
        let folder = try copy("x12/06-restart-between-store-and-archive")
        defer { try? FileManager.default.removeItem(at: folder) }
        try edit(folder.appendingPathComponent("scenario.yaml"), "    block_archive: [walmart-edi]\n", with: "")
        let outcome = await runner.run(folder: folder.path, mode: .replay)
        #expect(outcome.problems.contains("step archive-fails: walmart-edi errors 0, expected 1"))
        #expect(outcome.problems.contains { $0.hasPrefix("step archive-fails: walmart-edi outbox: 0 files match \"po-7700123.x12\"") })
    }
}
