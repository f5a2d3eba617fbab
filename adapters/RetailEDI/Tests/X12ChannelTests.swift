import EDI
import Foundation
import Logging
import MarketSync
import MarketSyncStore
import RetailEDI
import RetailFiles
import Testing

/// An X12 partner through the real engine: a `SQLiteStore` in a temporary folder, a `LocalFolderDrop` for the
/// partner's folders, `SyncEngine` runs.
@Suite struct X12ChannelTests {
    let channel: ChannelID = "walmart-edi"

    func adapter(_ fixture: RetailEDIFixture, names: ProductNameSource = .en) throws -> X12Adapter {
        let settings = try X12Settings(partner: channel, senderID: "YUGRAFOODS", receiverID: "RETAILERXYZ", usage: .test,
                                       timeZone: RetailEDIFixture.zone, currency: .cny)
        return X12Adapter(channel: channel, profile: X12Profile(settings: settings, options: RetailEDIOptions(productNames: names)),
                          drop: fixture.drop, store: fixture.store, clock: fixture.clock, logger: fixture.logger)
    }

    func catalog(_ fixture: RetailEDIFixture, cedarStock: Int64 = 10) -> [Product] {
        [fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: cedarStock, en: "Cedar nuts 200g"),
         fixture.product("YUG-LB-300", gtin: RetailEDIFixture.lingonberry, stock: 5, en: "Lingonberry jam 300g")]
    }

    func interchange(_ file: (name: String, bytes: Data)) throws -> X12Interchange {
        try X12Reader.parse(file.bytes)
    }

    func segments(_ file: (name: String, bytes: Data), _ tag: String) throws -> [EDISegment] {
        try interchange(file).groups.flatMap(\.transactionSets).flatMap(\.segments).filter { $0.tag == tag }
    }

    @Test func aFirstSyncWritesAn846AndAn832WithEveryListedSKU() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.pushed == 4)
        let stock = try #require(try fixture.delivered("846_").first)
        let read = try interchange(stock)
        #expect(read.header.senderID == "YUGRAFOODS" && read.header.receiverID == "RETAILERXYZ")
        #expect(read.groups.map(\.header.functionalID) == ["IB"])
        #expect(try segments(stock, "LIN").map { [$0[3], $0[5]] } == [["4601234500012", "YUG-CN-200"], ["4601234500029", "YUG-LB-300"]])
        #expect(try segments(stock, "QTY").map { $0[2] } == ["10", "5"])
        let prices = try #require(try fixture.delivered("832_").first)
        #expect(try segments(prices, "CTP").count == 2)
        #expect(try segments(prices, "PID").map { $0[5] } == ["Cedar nuts 200g", "Lingonberry jam 300g"])
    }

    @Test func an850BecomesAPendingOrderGetsA997AndTheAcceptanceGoesOutAsAn855() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        let order = X12TestFiles.purchaseOrder("PO-4501", lines: [("4601234500012", 2, "38.50"), ("4601234500029", 24, "29.90")])
        try fixture.place(order, as: "850_555.x12")

        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.ordersNew == 1)
        #expect(result.ordersAnswered == 1)
        let stored = try #require(try await fixture.store.order("PO-4501", channel: channel))
        // Stored as the chain sent it, then settled by our answer: the accepted line ready to ship, the other refused.
        #expect(stored.history.map(\.state) == [.pendingAcceptance, .readyToShip])
        #expect(stored.history.first?.rawStatus == "850/00")
        #expect(stored.order.state == .readyToShip)
        #expect(stored.order.rawStatus == "answered: partly accepted")
        #expect(stored.order.lines.map(\.state) == [.readyToShip, .refused])
        #expect(stored.lineDecisions == ["1": true, "2": false])

        let acknowledgements = try fixture.delivered("997_")
        #expect(acknowledgements.count == 1)
        let ack = try #require(acknowledgements.first)
        #expect(try interchange(ack).groups.map(\.header.functionalID) == ["FA"])
        #expect(try segments(ack, "AK1").map { [$0[1], $0[2]] } == [["PO", "555"]])
        #expect(try segments(ack, "AK9").first?[1] == "A")

        let answers = try fixture.delivered("855_")
        #expect(answers.count == 1)
        let answer = try #require(answers.first)
        #expect(try segments(answer, "BAK").map { [$0[2], $0[3], $0[4]] } == [["AC", "PO-4501", "20250305"]])
        #expect(try segments(answer, "ACK").map { [$0[1], $0[2]] } == [["IA", "2"], ["IR", "0"]])
        #expect(try segments(answer, "PO1").map { $0[4] } == ["38.50", "29.90"])
        #expect(fixture.names("outbox").isEmpty)
        #expect(fixture.names("archive").count == 1)

        // Delivered again: recognised, archived unread, no second 997 or 855.
        try fixture.place(order, as: "850_555_again.x12")
        let again = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(again.ordersNew == 0 && again.answersQueued == 0)
        #expect(try fixture.delivered("997_").count == 1)
        #expect(try fixture.delivered("855_").count == 1)
        #expect(fixture.names("archive").count == 2)
    }

    @Test func aMalformed850IsQuarantinedWithoutA997AndTheNextGoodFileIsStillProcessed() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(X12TestFiles.purchaseOrder("PO-BAD", control: 601, lines: [("4601234500012", 1, "38.50")], seCount: 9),
                          as: "850_601.x12", secondsAgo: 50)
        try fixture.place(X12TestFiles.purchaseOrder("PO-GOOD", control: 602, lines: [("4601234500012", 1, "38.50")]),
                          as: "850_602.x12", secondsAgo: 40)
        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.ordersNew == 1)
        #expect(try await fixture.store.order("PO-GOOD", channel: channel) != nil)
        let quarantined = fixture.names("quarantine")
        #expect(quarantined.contains { $0.hasSuffix("_850_601.x12") })
        let note = try #require(quarantined.first { $0.hasSuffix(".reason.txt") })
        #expect(fixture.text("quarantine/\(note)")?.contains("SE") == true)
        let acks = try fixture.delivered("997_")
        #expect(acks.count == 1)
        #expect(try acks.flatMap { try segments($0, "AK1") }.map { $0[2] } == ["602"])
    }

    @Test func aFileAddressedToSomeoneElseIsQuarantined() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try fixture.place(X12TestFiles.purchaseOrder("PO-X", lines: [("4601234500012", 1, "38.50")], receiver: "SOMEONEELSE"), as: "850_1.x12")
        _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
        #expect(fixture.names("quarantine").count == 2)
        #expect(try await fixture.store.orders(for: channel).isEmpty)
    }

    @Test func aRestartBetweenStoringTheOrderAndArchivingItsFileNeitherLosesTheOrderNorStoresItTwice() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(X12TestFiles.purchaseOrder("PO-77", lines: [("4601234500012", 2, "38.50")]), as: "850_555.x12")
        let first = try await fixture.engine(SettleSkipping(base: adapter(fixture))).sync(reports: []).channels[0]
        #expect(first.ordersNew == 1)
        #expect(fixture.names("outbox") == ["850_555.x12"])
        #expect(try fixture.delivered("997_").isEmpty)

        try fixture.restart()
        let second = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(second.ordersNew == 0 && second.answersQueued == 0)
        #expect(try await fixture.store.orders(for: channel).count == 1)
        #expect(try fixture.delivered("855_").count == 1)
        // The 997 made on the first read is the one delivered: same interchange number, made once.
        let acks = try fixture.delivered("997_")
        #expect(acks.count == 1)
        #expect(fixture.names("outbox").isEmpty)
    }

    @Test func controlNumbersNeverRepeatAcrossRuns() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        for run in 0..<4 {
            try await fixture.importCatalog(catalog(fixture, cedarStock: Int64(10 + 2 * run)))  // each order reserves one unit
            try fixture.place(X12TestFiles.purchaseOrder("PO-\(run)", control: 700 + run, lines: [("4601234500012", 1, "38.50")]),
                              as: "850_\(run).x12")
            _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
            try fixture.restart()
        }
        var interchanges: [Int] = []
        var groups: [Int] = []
        var sets: [String] = []
        for file in try fixture.delivered("") {
            let read = try interchange(file)
            interchanges.append(read.header.controlNumber)
            groups += read.groups.map(\.header.controlNumber)
            sets += read.groups.flatMap(\.transactionSets).map(\.controlNumber)
        }
        // 4 × 846, 1 × 832, 4 × 997, 4 × 855.
        #expect(interchanges.count == 13)
        #expect(Set(interchanges).count == 13 && Set(groups).count == groups.count && Set(sets).count == sets.count)
        #expect(try await fixture.store.lastControlNumbers(for: channel)[.interchange] == 13)
    }

    @Test func aProductNameWithServiceCharactersRoundTripsIn832() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        let name = "Cedar nuts 'Taiga' + honey: why?"
        try await fixture.importCatalog([fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: 4, en: name),
                                         fixture.product("YUG-LB-300", gtin: RetailEDIFixture.lingonberry, stock: 4, en: "Jam ~ 300g")])
        _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
        let file = try #require(try fixture.delivered("832_").first)
        // `~` is this partner's segment terminator: that name is left out, the other goes as written.
        #expect(try segments(file, "PID").map { $0[5] } == [name])
        #expect(try segments(file, "CTP").count == 2)
        #expect(fixture.logged("product names left out of the file: its character set cannot carry them").first?["sync.sku"] == "YUG-LB-300")
    }
}
