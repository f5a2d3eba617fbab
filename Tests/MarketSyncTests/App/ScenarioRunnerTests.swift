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

    @Test func aClientSigningWithASecretTheChannelDoesNotKnowFailsTheSignatureCheck() async throws {
        // At replay the adapter signs with the cassette's own secret, standing for the channel's; a scenario that gives
        // the channel another secret than the client's makes the adapter keep its own, which does not verify.
        let folder = try copy("01-first-full-push")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8).replacingOccurrences(
            of: "steps:", with: "sandbox_credentials:\n  epinduo: {client_secret: the-channels-own-secret}\nsteps:")
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.problems.contains { $0.contains("signature does not verify") })
    }

    @Test func theClientSecretOfTheScenarioDoesNotMatterToAReplay() async throws {
        let folder = try copy("01-first-full-push")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8).replacingOccurrences(of: "fixture-secret-not-real", with: "any-other-secret")
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.problems == [])
    }

    @Test func cassettesHoldOnlySecretsOfTheirOwn() throws {
        let files = (FileManager.default.enumerator(atPath: fixtures.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".cassette.json") }
        #expect(files.count >= 9)
        // Every credential a scenario records with (its env, its sandbox's), and what earlier cassettes held.
        var credentials: Set<String> = ["the-channels-real-secret"]
        for scenario in Set(files.map { ($0 as NSString).deletingLastPathComponent }) {
            let spec = try String(contentsOf: fixtures.appendingPathComponent(scenario).appendingPathComponent("scenario.yaml"), encoding: .utf8)
            for line in spec.split(separator: "\n") where line.contains("SECRET:") || line.contains("TOKEN:") || line.contains("client_secret:") {
                let value = line.split(separator: ":").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " {}")) } ?? ""
                if value.count >= 6 { credentials.insert(value) }
            }
        }
        #expect(credentials.contains("fixture-secret-not-real") && credentials.contains("fixture-token"))
        for file in files {
            let data = try Data(contentsOf: fixtures.appendingPathComponent(file))
            let text = String(decoding: data, as: UTF8.self)
            for secret in credentials {
                #expect(!text.contains(secret), "\(file) holds \(secret)")
            }
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            // Only a channel that signs (its requests carry a signature verdict) has a signing secret of its own.
            let interactions = object["interactions"] as? [[String: Any]] ?? []
            guard interactions.contains(where: { ($0["request"] as? [String: Any])?["signature"] != nil }) else { continue }
            let own = try #require(object["signingSecret"] as? String, "\(file) has no secret of its own")
            #expect(own.hasPrefix("cassette-"))
        }
    }

    @Test func aRecordingHoldsNoSecretOfTheRecordingAndReplaysWithSignaturesChecked() async throws {
        let folder = try copy("04-orders-two-pages-two-windows")
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names where name.hasSuffix(".cassette.json") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let secret = "known-secret-of-this-recording-7f3a", token = "known-token-of-this-recording-91c2"
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
            .replacingOccurrences(of: "fixture-secret-not-real", with: secret).replacingOccurrences(of: "fixture-token", with: token)
        try text.write(to: spec, atomically: true, encoding: .utf8)

        let runner = ScenarioRunner(logger: Logger(label: "test"))
        let recorded = await runner.run(folder: folder.path, mode: .record)
        #expect(recorded.problems == [])
        let cassettes = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cassette.json") }.sorted()
        #expect(cassettes == ["first.epinduo.cassette.json", "later.epinduo.cassette.json"])
        for name in cassettes {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(secret), "\(name) holds the recording's signing secret")
            #expect(!text.contains(token), "\(name) holds the recording's access token")
            let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            let own = try #require(object["signingSecret"] as? String, "\(name) has no secret of its own")
            #expect(own.count >= 16)
            #expect(text.contains(#""signature": "valid""#) && !text.contains(#""signature": "invalid""#))
        }
        // Replay recomputes every signature with the cassette's own secret, and they verify.
        let replayed = await runner.run(folder: folder.path, mode: .replay)
        #expect(replayed.problems == [])
    }

    @Test func aMisplacedExpectationIsAnErrorNotIgnored() async throws {
        let folder = try copy("06-throttled-then-success")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        // `acknowledged` one level too high: it belongs under `expect`.
        let text = try String(contentsOf: spec, encoding: .utf8)
            .replacingOccurrences(of: "      acknowledged:\n        epinduo:", with: "    acknowledged:\n      epinduo:")
            .replacingOccurrences(of: "          YUG-", with: "        YUG-")
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(!outcome.passed)
        #expect(outcome.problems.contains { $0.contains("steps[0].acknowledged: unknown key") && $0.contains("scenario.yaml:") })
    }
}
