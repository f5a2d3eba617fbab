import Foundation
import MarketSync
@testable import MarketSyncWire
import Testing

@Suite("Cassette file format")
struct CassetteFileTests {
    private static let sample = Cassette(channel: "epinduo", signingSecret: "FAKE-SECRET", interactions: [
        CassetteInteraction(
            request: CassetteRequest(method: "POST", path: "/api/router", query: [CassetteField("data_type", "JSON")],
                                     headers: [CassetteField("Content-Type", "application/x-www-form-urlencoded")],
                                     body: .form([CassetteField("type", "pdd.goods.quantity.update"),
                                                  CassetteField("sign", "<volatile>"), CassetteField("note", "a&b=c d")]),
                                     signature: .valid),
            response: CassetteResponse(status: 200, headers: [CassetteField("Content-Type", "application/json")],
                                       body: .json(.object(["z": .array([.integer(1), .number(2.5), .null]),
                                                            "a": .string("Лесные грибы / 松茸 \"quoted\"\n"),
                                                            "nested": .object(["big": .integer(9_007_199_254_740_993),
                                                                               "ok": .bool(false), "empty": .array([])])])))),
        CassetteInteraction(
            request: CassetteRequest(method: "PUT", path: "/upload/stock.csv", body: .text("sku,qty\nA,1\n")),
            response: CassetteResponse(status: 200, body: .binary(Data([0, 1, 2, 255])))),
    ])

    @Test func roundTripsByteIdentically() throws {
        let bytes = try Self.sample.jsonData()
        let decoded = try Cassette(jsonData: bytes)
        #expect(decoded == Self.sample)
        #expect(try decoded.jsonData() == bytes)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cassette-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.json")
        try Self.sample.write(to: file)
        let reloaded = try Cassette(contentsOf: file)
        let second = folder.appendingPathComponent("b.json")
        try reloaded.write(to: second)
        #expect(try Data(contentsOf: file) == Data(contentsOf: second))
    }

    @Test func readsWellInADiff() throws {
        let text = String(decoding: try Self.sample.jsonData(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"channel\": \"epinduo\",\n  \"interactions\": [\n"))
        #expect(text.contains(#"["type", "pdd.goods.quantity.update"],"#))
        #expect(text.contains("\"query\": [\n          [\"data_type\", \"JSON\"]\n        ],"), "\(text)")
        #expect(text.contains(#""a": "Лесные грибы / 松茸 \"quoted\"\n""#))
        #expect(text.contains("\"big\": 9007199254740993"))
        #expect(text.contains("\"empty\": []"))
        #expect(text.contains(#""base64": "AAEC/w==""#))
        #expect(text.contains(#""signature": "valid""#))
        #expect(text.hasSuffix("  \"version\": 1\n}\n"))
        // An empty query is left out.
        #expect(text.components(separatedBy: "\"query\"").count == 2)
    }

    @Test func brokenCassetteNamesFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cassette-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.json")
        try Data("{\n  \"version\": 1,\n  \"interactions\": [\n    {\"request\": tru}\n  ]\n}\n".utf8).write(to: file)
        let error = try #require(throws: MarketSyncError.self) { try Cassette(contentsOf: file) }
        #expect(error.code == .cassette)
        #expect(error.file == file.path)
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("\(file.path):4: "))

        let wrongType = folder.appendingPathComponent("wrong.json")
        try Data("""
        {
          "version": 1,
          "interactions": [
            {"request": {"method": "GET", "path": "/"},
             "response": {"status": "ok"}}
          ]
        }
        """.utf8).write(to: wrongType)
        let typeError = try #require(throws: MarketSyncError.self) { try Cassette(contentsOf: wrongType) }
        #expect(typeError.file == wrongType.path)
        #expect(typeError.message.contains("interactions[0].response.status"))
        #expect(typeError.line == 5)

        let missing = folder.appendingPathComponent("missing.json")
        let missingError = try #require(throws: MarketSyncError.self) { try Cassette(contentsOf: missing) }
        #expect(missingError.code == .cassette)
        #expect(missingError.file == missing.path)

        let future = try #require(throws: MarketSyncError.self) {
            try Cassette(jsonData: Data("{\"version\": 2, \"interactions\": []}".utf8), file: "future.json")
        }
        #expect(future.message.contains("unsupported cassette version 2"))
    }
}
