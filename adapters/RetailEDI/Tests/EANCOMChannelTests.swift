import EDI
import Foundation
import Logging
import MarketSync
import MarketSyncStore
import RetailEDI
import RetailFiles
import Testing

/// An EANCOM chain through the real engine: a `SQLiteStore` in a temporary folder, a `LocalFolderDrop` for the
/// chain's folders, `SyncEngine` runs.
@Suite struct EANCOMChannelTests {
    let channel: ChannelID = "wumart"

    func adapter(_ fixture: RetailEDIFixture, names: ProductNameSource = .en, characterSet: EDIFACTCharacterSet = .unoc,
                 offers: OfferMode = .snapshot) throws -> EANCOMAdapter {
        let settings = try EANCOMSettings(partner: channel, supplier: RetailEDIFixture.us, buyer: RetailEDIFixture.chain,
                                          associationCodes: [.invrpt: "EAN008", .pricat: "EAN008", .orders: "EAN008", .ordrsp: "EAN005"],
                                          characterSet: characterSet, timeZone: RetailEDIFixture.zone, currency: .cny)
        return EANCOMAdapter(channel: channel, profile: EANCOMProfile(settings: settings, options: RetailEDIOptions(offers: offers, productNames: names)),
                             drop: fixture.drop, store: fixture.store, clock: fixture.clock, logger: fixture.logger)
    }

    func catalog(_ fixture: RetailEDIFixture, cedarStock: Int64 = 10, lingonberryStock: Int64 = 5) -> [Product] {
        [fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: cedarStock, en: "Cedar nuts 200g"),
         fixture.product("YUG-LB-300", gtin: RetailEDIFixture.lingonberry, stock: lingonberryStock, en: "Lingonberry jam 300g"),
         fixture.product("YUG-NOT-LISTED", gtin: RetailEDIFixture.gtin("4601234500036"), stock: 7, listed: false)]
    }

    /// The one interchange of a delivered file, read back with the codecs.
    func interchange(_ file: (name: String, bytes: Data)) throws -> EDIFACTInterchange {
        try EDIFACTReader.parse(file.bytes)
    }

    func segments(_ file: (name: String, bytes: Data), _ tag: String) throws -> [EDISegment] {
        try interchange(file).messages.flatMap(\.segments).filter { $0.tag == tag }
    }

    @Test func aFirstSyncWritesAnINVRPTAndAPRICATWithEveryListedSKUAndTheNextAStockSnapshot() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.pushed == 4)
        #expect(result.failed == 0)

        let stock = try fixture.delivered("INVRPT_")
        let prices = try fixture.delivered("PRICAT_")
        #expect(stock.count == 1 && prices.count == 1)
        let stockFile = try #require(stock.first)
        #expect(try interchange(stockFile).messages.map(\.identifier.type) == ["INVRPT"])
        #expect(try segments(stockFile, "LIN").map { $0.component(3, 1) } == ["4601234500012", "4601234500029"])
        #expect(try segments(stockFile, "PIA").map { $0.component(2, 1) } == ["YUG-CN-200", "YUG-LB-300"])
        #expect(try segments(stockFile, "QTY").map { $0.component(1, 2) } == ["10", "5"])
        let priceFile = try #require(prices.first)
        #expect(try segments(priceFile, "LIN").map { $0.component(3, 1) } == ["4601234500012", "4601234500029"])
        #expect(try segments(priceFile, "PRI").count == 2)
        #expect(try segments(priceFile, "CUX").first?.component(1, 2) == "CNY")

        // One SKU's stock changes: the next file is a snapshot again, the unchanged SKU carried as acknowledged.
        try await fixture.importCatalog(catalog(fixture, cedarStock: 3))
        try fixture.restart()
        let second = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(second.pushed == 1)
        let stockFiles = try fixture.delivered("INVRPT_")
        #expect(stockFiles.count == 2)
        let latest = try #require(stockFiles.last)
        #expect(try segments(latest, "QTY").map { $0.component(1, 2) } == ["3", "5"])
        #expect(try fixture.delivered("PRICAT_").count == 1)
    }

    @Test func anOrdersFileBecomesAPendingOrderTheAcceptanceGoesOutAsAnORDRSPAndTheFileIsArchived() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        let orders = EANCOMTestFiles.orders("PO-88001", lines: [("4601234500012", 2), ("4601234500029", 24)])
        try fixture.place(orders, as: "ORDERS_1.edi")

        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.ordersNew == 1)
        #expect(result.answersQueued == 1)
        #expect(result.ordersAnswered == 1)
        let stored = try #require(try await fixture.store.order("PO-88001", channel: channel))
        // Stored as the chain sent it, then settled by our answer: the accepted line ready to ship, the other refused.
        #expect(stored.history.map(\.state) == [.pendingAcceptance, .readyToShip])
        #expect(stored.history.first?.rawStatus == "ORDERS/9")
        #expect(stored.order.state == .readyToShip)
        #expect(stored.order.rawStatus == "answered: partly accepted")
        #expect(stored.order.lines.map(\.state) == [.readyToShip, .refused])
        #expect(stored.order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(stored.lineDecisions == ["1": true, "2": false])

        let answers = try fixture.delivered("ORDRSP_")
        #expect(answers.count == 1)
        let answer = try #require(answers.first)
        #expect(try interchange(answer).messages.map(\.identifier.associationCode) == ["EAN005"])
        #expect(try segments(answer, "BGM").first.map { [$0.component(1, 1), $0.component(3, 1)] } == ["231", "4"])
        #expect(try segments(answer, "RFF").first.map { [$0.component(1, 1), $0.component(1, 2)] } == ["ON", "PO-88001"])
        #expect(try segments(answer, "LIN").map { [$0.component(1, 1), $0.component(2, 1), $0.component(3, 1)] }
            == [["1", "5", "4601234500012"], ["2", "7", "4601234500029"]])
        #expect(fixture.names("outbox").isEmpty)
        #expect(fixture.names("archive").count == 1)
        #expect(fixture.names("archive").first?.hasSuffix("_ORDERS_1.edi") == true)
        #expect(try await fixture.store.inboundFiles(of: channel).map(\.state) == [.archived])

        // The same file delivered again under another name is recognised by its contents and archived unread.
        try fixture.place(orders, as: "ORDERS_1_again.edi")
        let again = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(again.ordersNew == 0 && again.ordersUpdated == 0 && again.answersQueued == 0)
        #expect(try fixture.delivered("ORDRSP_").count == 1)
        #expect(fixture.names("outbox").isEmpty)
        #expect(fixture.names("archive").count == 2)
        #expect(try await fixture.store.orders(for: channel).count == 1)
    }

    @Test func theSameAcceptanceSentAgainDeliversNoSecondAnswer() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(EANCOMTestFiles.orders("PO-9", lines: [("4601234500012", 2)]), as: "ORDERS_9.edi")
        let adapter = try adapter(fixture)
        _ = try await fixture.engine(adapter).sync(reports: [])
        let first = try fixture.delivered("ORDRSP_")
        // A retry after a lost acknowledgement: the kept answer was delivered, nothing new goes out.
        try await adapter.respond(.acceptance(orderID: "PO-9", lines: [OrderLineDecision(line: "1", accepted: true)]))
        let after = try fixture.delivered("ORDRSP_")
        #expect(first.count == 1)
        #expect(after.map(\.name) == first.map(\.name) && after.map(\.bytes) == first.map(\.bytes))
        #expect(try await fixture.store.lastControlNumbers(for: channel)[.interchange] == 3)
        // Neither a shipment nor an acknowledgement is an EANCOM answer here.
        await #expect(throws: MarketSyncError.self) { try await adapter.confirmShipment(Shipment(orderID: "PO-9", carrier: "x", trackingNumber: "1")) }
    }

    @Test func aDeltaChainGetsOnlyWhatChanged() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        _ = try await fixture.engine(adapter(fixture, offers: .delta)).sync(reports: [])
        try await fixture.importCatalog(catalog(fixture, cedarStock: 3))
        try fixture.restart()
        _ = try await fixture.engine(adapter(fixture, offers: .delta)).sync(reports: [])
        let files = try fixture.delivered("INVRPT_")
        #expect(files.count == 2)
        let latest = try #require(files.last)
        #expect(try segments(latest, "PIA").map { $0.component(2, 1) } == ["YUG-CN-200"])
    }

    @Test func anOrderEveryLineOfWhichIsServedIsAcceptedWholeWithFunction29() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(EANCOMTestFiles.orders("PO-1", lines: [("4601234500012", 2)]), as: "ORDERS_1.edi")
        _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
        let answer = try #require(try fixture.delivered("ORDRSP_").first)
        #expect(try segments(answer, "BGM").first?.component(3, 1) == "29")
        #expect(try segments(answer, "LIN").isEmpty)
    }

    @Test func aMalformedFileIsQuarantinedWithItsReasonAndTheNextGoodFileIsStillProcessed() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(EANCOMTestFiles.orders("PO-BAD", lines: [("4601234500012", 1)], untCount: 7), as: "ORDERS_1.edi", secondsAgo: 50)
        try fixture.place(EANCOMTestFiles.orders("PO-GOOD", reference: "ORD0002", lines: [("4601234500012", 1)]), as: "ORDERS_2.edi",
                          secondsAgo: 40)

        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.ordersNew == 1)
        #expect(try await fixture.store.order("PO-GOOD", channel: channel) != nil)
        #expect(try await fixture.store.order("PO-BAD", channel: channel) == nil)
        let quarantined = fixture.names("quarantine")
        #expect(quarantined.count == 2)
        #expect(quarantined.contains { $0.hasSuffix("_ORDERS_1.edi") })
        let note = try #require(quarantined.first { $0.hasSuffix(".reason.txt") })
        let reason = try #require(fixture.text("quarantine/\(note)"))
        #expect(reason.contains("UNT"))
        #expect(fixture.names("archive").contains { $0.hasSuffix("_ORDERS_2.edi") })
        #expect(fixture.names("outbox").isEmpty)
        let records = try await fixture.store.inboundFiles(of: channel)
        #expect(records.first { $0.name == "ORDERS_1.edi" }?.state == .quarantined)
        #expect(records.first { $0.name == "ORDERS_1.edi" }?.reason?.contains("UNT") == true)
        // Quarantined, never deleted: the bytes are kept as they came.
        let kept = try #require(quarantined.first { $0.hasSuffix("_ORDERS_1.edi") })
        #expect(fixture.text("quarantine/\(kept)")?.contains("PO-BAD") == true)
    }

    @Test func aRestartBetweenStoringTheOrderAndArchivingItsFileNeitherLosesTheOrderNorStoresItTwice() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog(catalog(fixture))
        try fixture.place(EANCOMTestFiles.orders("PO-77", lines: [("4601234500012", 2)]), as: "ORDERS_1.edi")

        // The first process stores the order and answers it, then dies before the file is archived.
        let first = try await fixture.engine(SettleSkipping(base: adapter(fixture))).sync(reports: []).channels[0]
        #expect(first.ordersNew == 1)
        #expect(fixture.names("outbox") == ["ORDERS_1.edi"])
        #expect(try await fixture.store.inboundFiles(of: channel).map(\.state) == [.received])

        try fixture.restart()
        let second = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(second.ordersNew == 0)
        #expect(second.answersQueued == 0)
        #expect(try await fixture.store.orders(for: channel).map(\.order.id) == ["PO-77"])
        #expect(try fixture.delivered("ORDRSP_").count == 1)
        #expect(fixture.names("outbox").isEmpty)
        #expect(try await fixture.store.inboundFiles(of: channel).map(\.state) == [.archived])
    }

    @Test func controlNumbersNeverRepeatAcrossRuns() async throws {
        var fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        var interchanges: [String] = []
        var messages: [String] = []
        for run in 0..<4 {
            try await fixture.importCatalog(catalog(fixture, cedarStock: Int64(10 + run), lingonberryStock: Int64(run)))
            try fixture.place(EANCOMTestFiles.orders("PO-\(run)", reference: "ORD\(run)", lines: [("4601234500012", 1)]), as: "ORDERS_\(run).edi")
            _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
            try fixture.restart()
        }
        for file in try fixture.delivered("") {
            let read = try interchange(file)
            interchanges.append(read.header.reference)
            messages += read.messages.map(\.reference)
        }
        // 4 stock files, 1 price file (prices never changed), 4 answers.
        #expect(interchanges.count == 9)
        #expect(Set(interchanges).count == interchanges.count)
        #expect(Set(messages).count == messages.count)
        #expect(try await fixture.store.lastControlNumbers(for: channel)[.interchange] == 9)
    }

    @Test func aProductNameWithEDIFACTServiceCharactersRoundTrips() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        let name = "Cedar nuts 'Taiga' + honey: why? 200g"
        try await fixture.importCatalog([fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: 4, en: name)])
        _ = try await fixture.engine(adapter(fixture)).sync(reports: [])
        let file = try #require(try fixture.delivered("PRICAT_").first)
        #expect(String(decoding: file.bytes, as: UTF8.self).contains("?'Taiga?' ?+ honey?: why??"))
        // Longer than one component (35): IMD carries it in two, read back whole.
        #expect(try segments(file, "IMD").map { $0.component(3, 4) + $0.component(3, 5) } == [name])
    }

    @Test func namesTheCharacterSetCannotCarryAreLeftOutAndLoggedOncePerFile() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog([
            fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: 4, ru: "Кедровый орех"),
            fixture.product("YUG-LB-300", gtin: RetailEDIFixture.lingonberry, stock: 4, ru: "Брусника"),
        ])
        _ = try await fixture.engine(adapter(fixture, names: .ru)).sync(reports: [])
        let file = try #require(try fixture.delivered("PRICAT_").first)
        #expect(try segments(file, "IMD").isEmpty)
        #expect(try segments(file, "PRI").count == 2)
        let logged = fixture.logged("product names left out of the file: its character set cannot carry them")
        #expect(logged.count == 1)
        #expect(logged.first?["sync.sku"] == "YUG-CN-200,YUG-LB-300")

        // A chain on UNOW takes the same names.
        let wide = try RetailEDIFixture(channel: channel)
        defer { wide.remove() }
        try await wide.importCatalog([wide.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: 4, ru: "Кедровый орех")])
        _ = try await wide.engine(adapter(wide, names: .ru, characterSet: .unow)).sync(reports: [])
        let unow = try #require(try wide.delivered("PRICAT_").first)
        #expect(try segments(unow, "IMD").map { $0.component(3, 4) } == ["Кедровый орех"])
    }

    @Test func aSKUWithoutAGTINFailsAloneAndTheRestOfTheFileGoes() async throws {
        let fixture = try RetailEDIFixture(channel: channel)
        defer { fixture.remove() }
        var noGTIN = fixture.product("YUG-NO-GTIN", gtin: RetailEDIFixture.lingonberry, stock: 2)
        noGTIN.gtin = nil
        noGTIN.listings = [channel: "shelf 12"]
        try await fixture.importCatalog([fixture.product("YUG-CN-200", gtin: RetailEDIFixture.cedarNuts, stock: 4), noGTIN])
        let result = try await fixture.engine(adapter(fixture)).sync(reports: []).channels[0]
        #expect(result.pushed == 2)
        #expect(result.failed == 2)
        #expect(result.errors.count == 2 && result.errors.allSatisfy { $0.code == "validation" && $0.sku == "YUG-NO-GTIN" })
        let file = try #require(try fixture.delivered("INVRPT_").first)
        #expect(try segments(file, "PIA").map { $0.component(2, 1) } == ["YUG-CN-200"])
    }
}
