import EDI
import Foundation
import MarketSync
import MarketSyncStore
import PartnerSimulator
import RetailEDI
import Testing

/// The simulator playing an EANCOM chain against our real engine and `EANCOMAdapter` on one local folder drop.
@Suite struct PartnerSimulatorEANCOMTests {
    let channel: ChannelID = "wumart"

    func settings() throws -> EANCOMSettings {
        try EANCOMSettings(partner: channel, supplier: PartnerFixture.us, buyer: PartnerFixture.chain,
                           associationCodes: [.invrpt: "EAN008", .pricat: "EAN008", .orders: "EAN008", .ordrsp: "EAN005"],
                           timeZone: PartnerFixture.zone, currency: .cny)
    }

    func adapter(_ fixture: PartnerFixture) throws -> EANCOMAdapter {
        EANCOMAdapter(channel: channel, profile: EANCOMProfile(settings: try settings()), drop: fixture.drop, store: fixture.store,
                      clock: fixture.clock, logger: fixture.logger)
    }

    @Test func theEnginesStockAndPriceFilesAreReadReportedAndMovedToReadOnce() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog()
        _ = try await fixture.sync(try adapter(fixture))
        #expect(fixture.names("inbox") == ["INVRPT_000000001.edi", "PRICAT_000000002.edi"])

        let simulator = fixture.simulator(.eancom(try settings()))
        let report = try await simulator.run(order: nil)
        #expect(report.files.map(\.name) == ["INVRPT_000000001.edi", "PRICAT_000000002.edi"])
        #expect(report.files.map(\.messageType) == ["INVRPT", "PRICAT"])
        #expect(report.files.map(\.lines) == [2, 2])
        #expect(report.exitStatus == 0)
        #expect(report.text.contains("INVRPT_000000001.edi  INVRPT  2 lines"))
        #expect(fixture.names("inbox") == ["read"])
        #expect(fixture.names("inbox/read").map { $0.hasSuffix("_INVRPT_000000001.edi") || $0.hasSuffix("_PRICAT_000000002.edi") } == [true, true])

        // Reported once: the next pass finds nothing.
        #expect(try await simulator.run(order: nil).files.isEmpty)
    }

    @Test func anOrderTheSimulatorWritesIsReadByTheEngineAnsweredAndTheAnswerReadBackLineByLine() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog()
        let simulator = fixture.simulator(.eancom(try settings()))
        // 24 jars of lingonberry jam against 5 in stock: the engine refuses that line.
        let request = PartnerOrderRequest(lines: try PartnerOrderRequest.lines(from: "YUG-CN-200=2,YUG-LB-300=24"), number: "PO-88001")
        let placed = try await simulator.run(order: request)
        #expect(placed.order?.name == "ORDERS_PO-88001.edi")
        #expect(placed.order?.lines.map(\.item) == [PartnerFixture.cedarNuts.digits, PartnerFixture.lingonberry.digits])
        #expect(fixture.names("outbox") == ["ORDERS_PO-88001.edi"])

        let result = try await fixture.sync(try adapter(fixture))
        #expect(result.ordersNew == 1)
        #expect(result.ordersAnswered == 1)
        let stored = try #require(try await fixture.store.order("PO-88001", channel: channel))
        #expect(stored.order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(stored.order.lines.map(\.quantity) == [2, 24])
        #expect(stored.order.placedAt == PartnerFixture.zone.startOfDay(2025, 3, 5))
        #expect(stored.lineDecisions == ["1": true, "2": false])

        let report = try await simulator.run(order: nil)
        let answerFile = try #require(report.files.first { $0.messageType == "ORDRSP" })
        #expect(answerFile.answers == [PartnerAnswer(orderNumber: "PO-88001", decision: .partlyAccepted, lines: [
            PartnerLineDecision(line: "1", item: PartnerFixture.cedarNuts.digits, accepted: true, quantity: nil),
            PartnerLineDecision(line: "2", item: PartnerFixture.lingonberry.digits, accepted: false, quantity: nil),
        ])])
        #expect(answerFile.text.contains("order PO-88001 partly_accepted: line 1 accepted, line 2 refused"))
        let json = try report.json()
        #expect(json.contains(#""order_number":"PO-88001""#))
        #expect(json.contains(#""exit_status":0"#))
    }

    @Test func aFileItCannotParseIsReportedByNameWithTheReasonAndMovedToUnreadable() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try fixture.deliver("UNA:+.? 'UNB+UNOC:3+4607654300010:14+6901234500011:14+250305:1000+7'UNH+1+INVRPT:D:96A:UN:EAN008'BGM+35+INV+9'UNT+9+1'UNZ+1+7'",
                            as: "INVRPT_000000007.edi")
        try fixture.deliver("UNA:+.? 'UNB+UNOC:3+4607654300010:14+1234567890128:14+250305:1000+8'UNH+1+INVRPT:D:96A:UN:EAN008'BGM+35+INV+9'LIN+1++4601234500012:EN'QTY+145:5'UNT+5+1'UNZ+1+8'",
                            as: "INVRPT_000000008.edi")
        let report = try await fixture.simulator(.eancom(try settings())).run(order: nil)
        #expect(report.exitStatus == 1)
        #expect(report.files.map(\.name) == ["INVRPT_000000007.edi", "INVRPT_000000008.edi"])
        #expect(report.files[0].problem?.contains("UNT") == true)
        #expect(report.files[1].problem?.contains("addressed to 1234567890128") == true)
        #expect(report.text.contains("INVRPT_000000007.edi  not read: "))
        #expect(fixture.names("inbox") == ["unreadable"])
        #expect(fixture.names("inbox/unreadable").filter { $0.hasSuffix(".reason.txt") }.count == 2)
    }

    @Test func anOrderForASKUTheCatalogDoesNotHoldIsAConfigErrorAndNoFileIsTouched() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try fixture.deliver("anything", as: "INVRPT_000000001.edi")
        let simulator = fixture.simulator(.eancom(try settings()))
        await #expect(throws: MarketSyncError.self) {
            _ = try await simulator.run(order: PartnerOrderRequest(lines: [.init(sku: "NOPE", quantity: 1)]))
        }
        #expect(fixture.names("inbox") == ["INVRPT_000000001.edi"])
        #expect(fixture.names("outbox").isEmpty)
    }

    @Test func theDerivedOrderNumberAndTheFileAreTheSameForTheSameRequestOnTheSameDay() async throws {
        let first = try PartnerFixture(channel: channel)
        let second = try PartnerFixture(channel: channel)
        defer { first.remove(); second.remove() }
        let request = PartnerOrderRequest(lines: try PartnerOrderRequest.lines(from: "YUG-CN-200=2"))
        let one = try await first.simulator(.eancom(try settings())).run(order: request)
        let two = try await second.simulator(.eancom(try settings())).run(order: request)
        let name = try #require(one.order?.name)
        #expect(one.order == two.order)
        #expect(name.hasPrefix("ORDERS_PO") && name.count == "ORDERS_PO12345678.edi".count)
        #expect(try first.contents("outbox/\(name)") == second.contents("outbox/\(name)"))
        let other = PartnerOrderNumber.derived(channel: channel, day: try #require(CalendarDay(year: 2025, month: 3, day: 5)),
                                               lines: [.init(sku: "YUG-CN-200", quantity: 3)])
        #expect("ORDERS_\(other).edi" != name)
    }
}

extension TimeZone {
    /// Midnight starting `year-month-day` in this zone.
    func startOfDay(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}
