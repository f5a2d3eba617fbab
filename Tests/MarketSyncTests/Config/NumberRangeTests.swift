import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncApp
@testable import MarketSyncConfig

/// Every number read from a config, a scenario or a source file is range-checked: a value out of range is an
/// error naming file:line and key, never an arithmetic trap.
@Suite struct NumberRangeTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3_600)),
        ("3d", .seconds(3 * 86_400)), (" 10m ", .seconds(600)), ("3650d", .seconds(3_650 * 86_400)),
    ])
    func theOneDurationGrammar(_ text: String, _ expected: Duration) {
        #expect(ConfigLoader.duration(text) == expected)
    }

    @Test(arguments: [
        "2562047788016h", "9223372036854775807ms", "99999999999999999999s", "3651d", "0s", "-5m", "+5m", "5", "5 m",
        "1.5h", "h", "", "5w", "٣s",
    ])
    func durationsOutsideTheGrammarOrRangeAreRejected(_ text: String) {
        #expect(ConfigLoader.duration(text) == nil)
    }

    static let channel = """
    rates:
      CNY: "0.0825"
    channels:
      shop:
        adapter: epinduo
        endpoint: http://127.0.0.1:8931/api/router
        credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}

    """

    /// (YAML appended under the channel or at the top, the key path named, the line it is on, words of the message)
    @Test(arguments: [
        ("worker: {interval: 2562047788016h}", "worker.interval", 8, "3650d"),
        ("    schedule: {every: 2562047788016h}", "channels.shop.schedule.every", 8, "3650d"),
        ("    retry: {initial_delay: 9223372036854775807ms}", "channels.shop.retry.initial_delay", 8, "3650d"),
        ("    orders: {initial_lookback: 4000d}", "channels.shop.orders.initial_lookback", 8, "3650d"),
        ("    circuit_breaker: {cooldown: 0s}", "channels.shop.circuit_breaker.cooldown", 8, "above 0"),
        ("    rate_limit: {per_second: inf}", "channels.shop.rate_limit.per_second", 8, "10000"),
        ("    rate_limit: {per_second: nan}", "channels.shop.rate_limit.per_second", 8, "10000"),
        ("    rate_limit: {per_second: 1e400}", "channels.shop.rate_limit.per_second", 8, "10000"),
        // One error, not also "burst: unknown key".
        ("    rate_limit: {per_second: 100000, burst: 1000}", "channels.shop.rate_limit.per_second", 8, "10000"),
        ("    rate_limit: {per_second: 10, burst: 99999999999999999999}", "channels.shop.rate_limit.burst", 8, "10000"),
        ("    circuit_breaker: {failures: 9999999}", "channels.shop.circuit_breaker.failures", 8, "1000"),
        ("    price: {markup: \"99999999999%\"}", "channels.shop.price.markup", 8, "1000%"),
        ("    price: {vat: \"150%\"}", "channels.shop.price.vat", 8, "100%"),
        ("    price: {max_change: \"100000%\"}", "channels.shop.price.max_change", 8, "1000%"),
        ("    price: {rate: \"999999999\"}", "channels.shop.price.rate", 8, "10000"),
        ("    price: {ceiling: \"999999999999.99\"}", "channels.shop.price.ceiling", 8, "100000000"),
        ("    stock: {max_shown: 99999999999999}", "channels.shop.stock.max_shown", 8, "1000000000"),
        ("    stock: {buffer: 99999999999999}", "channels.shop.stock.buffer", 8, "1000000000"),
        ("    stock: {min_shelf_life: 999999d}", "channels.shop.stock.min_shelf_life", 8, "3650d"),
    ])
    func configNumbersOutOfRangeNameFileLineAndKey(_ yaml: String, _ key: String, _ line: Int, _ words: String) throws {
        let text = Self.channel + yaml + "\n"
        let env = ["EP_ID": "id", "EP_SECRET": "secret", "EP_TOKEN": "token"]
        do {
            _ = try ConfigLoader(environment: env).parse(text, file: "/etc/ms/marketsync.yaml")
            Issue.record("\(yaml) must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            #expect(error.description.hasPrefix("/etc/ms/marketsync.yaml:\(line): \(key): "), "\(error.description)")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func ratesOutOfRangeAreRejected() throws {
        let env = ["EP_ID": "id", "EP_SECRET": "secret", "EP_TOKEN": "token"]
        do {
            _ = try ConfigLoader(environment: env).parse(Self.channel.replacingOccurrences(of: "0.0825", with: "99999"), file: "/c.yaml")
            Issue.record("a rate of 99999 must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.description.hasPrefix("/c.yaml:2: rates.CNY: "), "\(error.description)")
        }
    }

    @Test func aRatesFileRateOutOfRangeNamesItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rates.csv").path
        try "date,currency,rate\n2026-11-24,CNY,0.0820\n2026-11-25,CNY,99999\n".write(toFile: path, atomically: true, encoding: .utf8)
        let today = try #require(CalendarDate.parse("2026-11-25"))
        do {
            _ = try RatesFile.rates(RatesFileSettings(path: path, requireToday: false), today: today, needed: [.cny])
            Issue.record("a rate of 99999 must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.line == 3)
            #expect(error.message.contains("10000"), "\(error.message)")
        }
    }

    @Test func catalogNumbersOutOfRangeRejectTheRowWithItsLine() throws {
        let text = "sku,name_ru,price_rub,stock\n"
            + "A-1,Мёд,480,10000000001\n"          // line 2: stock above 1,000,000,000
            + "A-2,Мёд,999999999999.99,1\n"        // line 3: price above 100,000,000 RUB
            + "A-3,Мёд,480,9\n"
        let report = try CatalogReader().readCSV(Array(text.utf8), path: "c.csv")
        #expect(report.products.map(\.sku) == ["A-3"])
        #expect(report.rejections.map(\.line) == [2, 3])
        #expect(report.rejections.first?.reason.contains("1000000000") == true, "\(report.rejections)")
    }

    @Test func lotsQuantitiesOutOfRangeRejectTheRowWithItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lots-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "sku,quantity\nA,9223372036854775807\nB,5\n".write(to: url, atomically: true, encoding: .utf8)
        let report = try LotsReader().read(path: url.path)
        #expect(report.lots["A"] == nil)
        #expect(report.lots["B"]?.map(\.quantity) == [5])
        #expect(report.rejections.map(\.line) == [2])
    }

    @Test func aScenarioAdvanceOutOfRangeIsABrokenScenarioNamingLineAndKey() async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures").standardizedFileURL
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("epinduo/03-price-change-only"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        #expect(text.components(separatedBy: "\n")[15] == "    advance: 10m")
        try text.replacingOccurrences(of: "advance: 10m", with: "advance: 2562047788016h").write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        #expect(outcome.problems.first?.contains("scenario.yaml:16: steps[1].advance: ") == true, "\(outcome.problems)")
        #expect(outcome.problems.first?.contains("3650d") == true, "\(outcome.problems)")
    }

    /// (what replaces `exit: 0` of the first step, the key named, words of the message)
    @Test(arguments: [
        ("exit: 7", "steps[0].expect.exit", "one of 0, 1, 2, 3, 4, 130"),
        ("exit: 99999999999999999999", "steps[0].expect.exit", "bad scenario"),
        ("exit: 0\n      pending_outbox: -1", "steps[0].expect.pending_outbox", "≥ 0"),
    ])
    func scenarioExpectationsOutOfRangeNameTheirLine(_ replacement: String, _ key: String, _ words: String) async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures").standardizedFileURL
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("epinduo/03-price-change-only"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "      exit: 0")) + 1
        let range = try #require(text.range(of: "      exit: 0"))
        try text.replacingCharacters(in: range, with: "      " + replacement).write(to: spec, atomically: true, encoding: .utf8)
        let outcome = await ScenarioRunner(logger: Logger(label: "test")).run(folder: folder.path, mode: .replay)
        #expect(outcome.broken)
        let problem = outcome.problems.first ?? ""
        let expectedLine = key.hasSuffix("pending_outbox") ? line + 1 : line
        #expect(problem.contains("scenario.yaml:\(expectedLine): "), "\(problem)")
        #expect(problem.contains(key), "\(problem)")
        #expect(problem.contains(words), "\(problem)")
    }
}
