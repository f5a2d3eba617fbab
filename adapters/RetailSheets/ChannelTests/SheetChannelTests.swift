import Foundation
import Logging
import MarketSync
import MarketSyncStore
import MarketSyncTesting
import Testing

/// A chain on CSV sheets through the real engine: the factory's adapter from a config, a `SQLiteStore` in a
/// temporary folder, a `file://` drop for the chain's folders, `SyncEngine` runs. Expected GB18030 bytes come from
/// the system's iconv (Fixtures/README.md).
@Suite struct SheetChannelTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func aFirstSyncWritesGB18030StockAndPriceSheetsOfEveryListedSKUAndTheNextAStockSnapshot() async throws {
        var fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        let first = try await fixture.sync()
        #expect(first.pushed == 4)
        #expect(first.failed == 0)
        #expect(fixture.names("inbox") == ["WM_JG_20250305_0002.csv", "WM_KC_20250305_0001.csv"])

        // The bytes are what iconv makes of the expected text: GB18030, Chinese names and headers (名称) included.
        let stock = try fixture.bytes("inbox/WM_KC_20250305_0001.csv")
        #expect(stock == (try Self.fixture("wumart-stock.gb18030.csv")))
        #expect(String(validating: stock, as: UTF8.self) == nil)
        #expect(stock.starts(with: [0xC9, 0xCC, 0xC6, 0xB7, 0xB1, 0xE0, 0xC2, 0xEB]))   // 商品编码
        #expect(try fixture.bytes("inbox/WM_JG_20250305_0002.csv") == (try Self.fixture("wumart-price.gb18030.csv")))

        // One SKU's stock changes: the next stock sheet is a snapshot again, numbered on (the channel's sheets share one
        // sequence), the other SKU carried.
        try await fixture.importCatalog(fixture.catalog(cedarStock: 3))
        try fixture.restart()
        let second = try await fixture.sync()
        #expect(second.pushed == 1)
        #expect(fixture.names("inbox") == ["WM_JG_20250305_0002.csv", "WM_KC_20250305_0001.csv", "WM_KC_20250305_0003.csv"])
        let snapshot = String(decoding: try Self.utf8(fixture.bytes("inbox/WM_KC_20250305_0003.csv")), as: UTF8.self)
        #expect(snapshot.contains("100201,4601234500012,松子 200克,3,件,2025-03-05\r\n"))
        #expect(snapshot.contains("100202,4601234500029,越橘果酱 300克,5,瓶,2025-03-05\r\n"))
        let numbers = try await fixture.store.lastControlNumbers(for: fixture.channel)
        #expect(numbers[.interchange] == 3)
    }

    @Test func anOrderSheetIsStoredDecidedFromStockAnsweredWithAResponseSheetAndArchived() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        let orders = try Self.fixture("wumart-orders-PO-1001.gb18030.csv")
        try fixture.place(orders, as: "WM_DD_0001.csv")

        let result = try await fixture.sync()
        #expect(result.ordersNew == 1)
        #expect(result.answersQueued == 1)
        #expect(result.ordersAnswered == 1)
        let stored = try #require(try await fixture.store.order("PO-1001", channel: fixture.channel))
        // Stored as the chain sent it, then settled by our answer: the accepted line ready to ship, the other refused.
        #expect(stored.history.map(\.state) == [.pendingAcceptance, .readyToShip])
        #expect(stored.history.first?.rawStatus == "order_sheet")
        #expect(stored.order.state == .readyToShip)
        #expect(stored.order.rawStatus == "answered: partly accepted")
        #expect(stored.order.lines.map(\.state) == [.readyToShip, .refused])
        #expect(stored.order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(stored.order.lines.map(\.listing) == ["100201", "100202"])
        #expect(stored.lineDecisions == ["1": true, "2": false])

        // The answer: one file for the order, in GB18030, with the store and line numbers the sheet gave.
        let answers = fixture.names("inbox").filter { $0.hasPrefix("WM_DDQR_") }
        #expect(answers == ["WM_DDQR_PO-1001_20250305.csv"])
        #expect(try fixture.bytes("inbox/WM_DDQR_PO-1001_20250305.csv") == (try Self.fixture("wumart-response-PO-1001.gb18030.csv")))
        #expect(fixture.names("outbox").isEmpty)
        #expect(fixture.names("archive").count == 1)
        #expect(fixture.names("archive").first?.hasSuffix("_WM_DD_0001.csv") == true)
        #expect(try await fixture.store.inboundFiles(of: fixture.channel).map(\.state) == [.archived])

        // The same bytes again under another name: recognised by their SHA-256, archived unread.
        try fixture.place(orders, as: "WM_DD_0001_again.csv")
        let again = try await fixture.sync()
        #expect(again.ordersNew == 0 && again.ordersUpdated == 0 && again.answersQueued == 0)
        #expect(fixture.names("inbox").filter { $0.hasPrefix("WM_DDQR_") }.count == 1)
        #expect(fixture.names("outbox").isEmpty)
        #expect(fixture.names("archive").count == 2)
        #expect(try await fixture.store.orders(for: fixture.channel).count == 1)
    }

    @Test func theSameAcceptanceSentAgainDeliversNoSecondAnswerAndShipmentsAreRefused() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        try fixture.place(try Self.fixture("wumart-orders-PO-1001.gb18030.csv"), as: "WM_DD_0001.csv")
        let adapter = try fixture.adapter()
        _ = try await fixture.engine(adapter).sync(reports: [])
        let before = try fixture.bytes("inbox/WM_DDQR_PO-1001_20250305.csv")
        fixture.clock.advance(by: .seconds(86_400))
        try await adapter.respond(.acceptance(orderID: "PO-1001", lines: [OrderLineDecision(line: "1", accepted: true),
                                                                          OrderLineDecision(line: "2", accepted: true)]))
        #expect(fixture.names("inbox").filter { $0.hasPrefix("WM_DDQR_") } == ["WM_DDQR_PO-1001_20250305.csv"])
        #expect(try fixture.bytes("inbox/WM_DDQR_PO-1001_20250305.csv") == before)
        #expect(try await fixture.store.lastControlNumbers(for: fixture.channel)[.interchange] == 3)   // stock, price, answer
        await #expect(throws: MarketSyncError.self) {
            try await adapter.confirmShipment(Shipment(orderID: "PO-1001", carrier: "x", trackingNumber: "1"))
        }
        await #expect(throws: MarketSyncError.self) { try await adapter.respond(.acknowledgement(orderID: "PO-1001")) }
    }

    @Test func aBadRowIsReportedWithFileAndLineItsOrderHeldBackAndTheOtherOrdersStored() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        try fixture.place(try Self.fixture("wumart-orders-bad-row.gb18030.csv"), as: "WM_DD_0002.csv")

        let result = try await fixture.sync()
        #expect(result.ordersNew == 1)
        #expect(try await fixture.store.order("PO-2001", channel: fixture.channel) != nil)
        #expect(try await fixture.store.order("PO-2002", channel: fixture.channel) == nil)
        let skipped = fixture.logged("order sheet row skipped")
        #expect(skipped.map { $0["sync.file"]?.description } == ["WM_DD_0002.csv:3"])
        #expect(skipped.first?["error.message"]?.description.contains("订货数量") == true)
        #expect(fixture.logged("order held back: a row of it cannot be read").count == 1)
        // The file held orders that were stored: it is archived, not quarantined.
        #expect(fixture.names("archive").count == 1)
        #expect(fixture.names("quarantine").isEmpty)
    }

    @Test func aFileThatIsNotGB18030IsQuarantinedWithItsReasonAndTheNextFileIsStillRead() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        // 0xFF starts no GB18030 character, and the bytes are not UTF-8 either.
        let garbled: [UInt8] = [0xFF, 0xFE, 0x2C, 0x41] + Array("\r\nPO-9,2025-03-05,1001,1,100201,,1,480.00\r\n".utf8)
        try fixture.place(garbled, as: "WM_DD_0003.csv", secondsAgo: 50)
        try fixture.place(try Self.fixture("wumart-orders-PO-1001.gb18030.csv"), as: "WM_DD_0004.csv", secondsAgo: 40)

        let result = try await fixture.sync()
        #expect(result.ordersNew == 1)
        let quarantined = fixture.names("quarantine")
        #expect(quarantined.count == 2)
        #expect(quarantined.contains { $0.hasSuffix("_WM_DD_0003.csv") })
        let note = try #require(quarantined.first { $0.hasSuffix(".reason.txt") })
        let reason = String(decoding: try fixture.bytes("quarantine/\(note)"), as: UTF8.self)
        #expect(reason.contains("line 1: header field 1 is not gb18030 text at byte 0 (0xFF)"))
        let records = try await fixture.store.inboundFiles(of: fixture.channel)
        #expect(records.first { $0.name == "WM_DD_0003.csv" }?.state == .quarantined)
        #expect(records.first { $0.name == "WM_DD_0004.csv" }?.state == .archived)
        // Kept as it came.
        let kept = try #require(quarantined.first { $0.hasSuffix("_WM_DD_0003.csv") })
        #expect(try fixture.bytes("quarantine/\(kept)") == garbled)
    }

    @Test func aFileOfWhichNotOneOrderCanBeReadIsQuarantined() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        let sheet = "订单号,订货日期,门店编码,行号,商品编码,条形码,订货数量,单价\r\nPO-3001,2025-03-05,1001,1,999999,,1,1.00\r\n"
        try fixture.place(Array(sheet.utf8), as: "WM_DD_0005.csv")
        let result = try await fixture.sync()
        #expect(result.ordersNew == 0)
        #expect(fixture.names("archive").isEmpty)
        let records = try await fixture.store.inboundFiles(of: fixture.channel)
        #expect(records.map(\.state) == [.quarantined])
        #expect(records.first?.reason?.contains("not one order could be read") == true)
        #expect(records.first?.reason?.contains("line 2") == true)
    }

    @Test func aRestartBetweenStoringTheOrderAndArchivingItsFileStoresNothingTwice() async throws {
        var fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        try fixture.place(try Self.fixture("wumart-orders-PO-1001.gb18030.csv"), as: "WM_DD_0001.csv")

        // The first process stores and answers the order, then dies before the file is archived.
        let first = try await fixture.engine(SettleSkipping(base: fixture.adapter())).sync(reports: []).channels[0]
        #expect(first.ordersNew == 1)
        #expect(fixture.names("outbox") == ["WM_DD_0001.csv"])
        #expect(try await fixture.store.inboundFiles(of: fixture.channel).map(\.state) == [.received])

        try fixture.restart()
        let second = try await fixture.sync()
        #expect(second.ordersNew == 0)
        #expect(second.ordersUpdated == 0)
        #expect(second.answersQueued == 0)
        #expect(try await fixture.store.orders(for: fixture.channel).map(\.order.id) == ["PO-1001"])
        #expect(fixture.names("inbox").filter { $0.hasPrefix("WM_DDQR_") }.count == 1)
        #expect(fixture.names("outbox").isEmpty)
        #expect(try await fixture.store.inboundFiles(of: fixture.channel).map(\.state) == [.archived])
    }

    /// The bytes of a GB18030 sheet as UTF-8, through the codec's own reader-independent path: iconv's fixture
    /// twins are compared byte for byte elsewhere; here the snapshot's rows are checked by their text.
    static func utf8(_ gb18030: [UInt8]) throws -> [UInt8] {
        try SheetTextCheck.utf8(fromGB18030: gb18030)
    }
}
