import Foundation
import Logging
import Testing
import MarketSyncApp

/// Paths from a scenario (step names, cassette names, input files, its config) resolve inside the scenario
/// folder: `..`, absolute paths and symlinks out are errors before anything is read or written.
@Suite struct ScenarioPathTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures").standardizedFileURL

    /// A copy of a fixture at `<tmp>/outer-<uuid>/a/scenario`, so `../..` from it is still inside the temp folder.
    func copy(_ scenario: String) throws -> (outer: URL, folder: URL) {
        let outer = FileManager.default.temporaryDirectory.appendingPathComponent("outer-\(UUID().uuidString)")
        let folder = outer.appendingPathComponent("a/scenario")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("epinduo/\(scenario)"), to: folder)
        return (outer, folder)
    }

    func edit(_ folder: URL, _ change: (String) -> String) throws {
        let spec = folder.appendingPathComponent("scenario.yaml")
        try change(try String(contentsOf: spec, encoding: .utf8)).write(to: spec, atomically: true, encoding: .utf8)
    }

    @Test func recordingAStepNamedOutOfTheFolderWritesNothingOutside() async throws {
        let (outer, folder) = try copy("01-first-full-push")
        defer { try? FileManager.default.removeItem(at: outer) }
        try edit(folder) { $0.replacingOccurrences(of: "  - name: sync\n", with: "  - name: ../../x\n") }
        #expect(try String(contentsOf: folder.appendingPathComponent("scenario.yaml"), encoding: .utf8).contains("name: ../../x"))
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .record)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("steps[0].name") == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("inside the scenario folder") == true, "\(outcome.problems)")
        let written = FileManager.default.enumerator(atPath: outer.path)?.allObjects as? [String] ?? []
        #expect(!written.contains { $0.hasPrefix("x.") }, "\(written)")
    }

    @Test(arguments: ["../../../etc/passwd", "/etc/passwd", "sub/../../catalog.csv"])
    func aStepCatalogOutsideTheFolderIsRejected(_ path: String) async throws {
        let (outer, folder) = try copy("03-price-change-only")
        defer { try? FileManager.default.removeItem(at: outer) }
        try edit(folder) { $0.replacingOccurrences(of: "catalog: catalog-new-price.csv", with: "catalog: \(path)") }
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("steps[1].catalog") == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("inside the scenario folder") == true, "\(outcome.problems)")
    }

    @Test func aSymlinkOutOfTheFolderIsRejected() async throws {
        let (outer, folder) = try copy("03-price-change-only")
        defer { try? FileManager.default.removeItem(at: outer) }
        let outside = outer.appendingPathComponent("elsewhere.csv")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("catalog-new-price.csv"), to: outside)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("catalog-new-price.csv"), withDestinationURL: outside)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("inside the scenario folder") == true, "\(outcome.problems)")
    }

    @Test func aConfigOutsideTheFolderIsRejected() async throws {
        let (outer, folder) = try copy("03-price-change-only")
        defer { try? FileManager.default.removeItem(at: outer) }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("marketsync.yaml"), to: outer.appendingPathComponent("a/marketsync.yaml"))
        try edit(folder) { $0.replacingOccurrences(of: "steps:\n", with: "config: ../marketsync.yaml\nsteps:\n") }
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("config") == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("inside the scenario folder") == true, "\(outcome.problems)")
    }

    @Test func aCassetteSymlinkedOutOfTheFolderIsRejected() async throws {
        let (outer, folder) = try copy("03-price-change-only")
        defer { try? FileManager.default.removeItem(at: outer) }
        let cassette = folder.appendingPathComponent("reprice.epinduo.cassette.json")
        let outside = outer.appendingPathComponent("stolen.json")
        try FileManager.default.moveItem(at: cassette, to: outside)
        try FileManager.default.createSymbolicLink(at: cassette, withDestinationURL: outside)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("inside the scenario folder") == true, "\(outcome.problems)")
    }
}
