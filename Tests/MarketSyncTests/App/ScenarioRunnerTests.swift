import Foundation
import Logging
import Testing
import MarketSyncApp

@Suite struct ScenarioRunnerTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures").standardizedFileURL

    func copy(_ scenario: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("epinduo/\(scenario)"), to: target)
        return target
    }

    @Test func discoversEveryRecordedScenario() {
        let found = ScenarioRunner.discover([fixtures.path])
        #expect(found.count >= 8)
        #expect(found.allSatisfy { FileManager.default.fileExists(atPath: "\($0)/scenario.yaml") })
    }

    @Test func aRecordedScenarioReplays() async {
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: fixtures.appendingPathComponent("epinduo/03-price-change-only").path, mode: .replay)
        #expect(outcome.problems == [])
    }

    @Test func aDifferentPriceIsCaughtAsAMismatch() async throws {
        let folder = try copy("03-price-change-only")
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = folder.appendingPathComponent("catalog-new-price.csv")
        let text = try String(contentsOf: catalog, encoding: .utf8).replacingOccurrences(of: "850.00", with: "860.00")
        try text.write(to: catalog, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(!outcome.passed)
        #expect(outcome.problems.contains { $0.contains("never used") })
    }

    @Test func aWrongClientSecretFailsTheSignatureCheck() async throws {
        let folder = try copy("01-first-full-push")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8).replacingOccurrences(of: "fixture-secret-not-real", with: "leaked-or-wrong")
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.problems.contains { $0.contains("signature does not verify") })
    }

    @Test func cassettesHoldNoSecretBeyondTheFakeSigningSecret() throws {
        let files = (FileManager.default.enumerator(atPath: fixtures.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".cassette.json") }
        #expect(files.count >= 9)
        for file in files {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(file))) as? [String: Any])
            // The cassette's signing secret is the sandbox's fake one, kept on purpose so replay can check signatures.
            object["signingSecret"] = nil
            let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            for secret in ["fixture-secret-not-real", "fixture-token", "the-channels-real-secret"] {
                #expect(!text.contains(secret), "\(file) holds \(secret)")
            }
        }
    }
}
