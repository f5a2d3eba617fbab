import EDI
import Foundation
import MarketSync
import MarketSyncStore
import PartnerSimulator
import RetailEDI
import Testing

/// The simulator playing an X12 partner against our real engine and `X12Adapter` on one local folder drop.
@Suite struct PartnerSimulatorX12Tests {
    let channel: ChannelID = "walmart-edi"

    func settings() throws -> X12Settings {
        try X12Settings(partner: channel, senderID: "YUGRAFOODS", receiverID: "RETAILERXYZ", usage: .test, timeZone: PartnerFixture.zone,
                        currency: .cny)
    }

    func adapter(_ fixture: PartnerFixture) throws -> X12Adapter {
        X12Adapter(channel: channel, profile: X12Profile(settings: try settings()), drop: fixture.drop, store: fixture.store,
                   clock: fixture.clock, logger: fixture.logger)
    }

    @Test func an850IsReadByTheEngineAndThe855And997AreReadBackByThePartner() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog()
        let simulator = fixture.simulator(.x12(try settings()))
        let request = PartnerOrderRequest(lines: try PartnerOrderRequest.lines(from: "YUG-CN-200=2@38.50,YUG-LB-300=24"), number: "4500012345")
        let placed = try await simulator.run(order: request)
        #expect(placed.order?.name == "850_4500012345.x12")
        #expect(placed.order?.messageType == "850")

        let result = try await fixture.sync(try adapter(fixture))
        #expect(result.ordersNew == 1)
        #expect(result.ordersAnswered == 1)
        let stored = try #require(try await fixture.store.order("4500012345", channel: channel))
        #expect(stored.order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(stored.order.lines.first?.unitPrice == Money(minorUnits: 3850, currency: .cny))
        #expect(stored.order.rawStatus == "850/00")

        let report = try await simulator.run(order: nil)
        #expect(report.exitStatus == 0)
        let answer = try #require(report.files.first { $0.messageType == "855" })
        #expect(answer.answers == [PartnerAnswer(orderNumber: "4500012345", decision: .partlyAccepted, lines: [
            PartnerLineDecision(line: "1", item: PartnerFixture.cedarNuts.digits, accepted: true, quantity: 2),
            PartnerLineDecision(line: "2", item: PartnerFixture.lingonberry.digits, accepted: false, quantity: 0),
        ])])
        let acknowledgement = try #require(report.files.first { $0.messageType == "997" })
        let control = PartnerOrderNumber.controlNumber(channel: channel, number: "4500012345")
        #expect(acknowledgement.acknowledgements == ["PO group \(control): A"])
    }

    @Test func theEngines846IsReadAndAnInterchangeForAnotherPartnerIsNot() async throws {
        let fixture = try PartnerFixture(channel: channel)
        defer { fixture.remove() }
        try await fixture.importCatalog()
        _ = try await fixture.sync(try adapter(fixture))
        var other = try settings()
        other.receiverID = "SOMEONEELSE"
        let report = try await fixture.simulator(.x12(other)).run(order: nil)
        #expect(report.exitStatus == 1)
        #expect(report.files.allSatisfy { $0.problem?.contains("addressed to RETAILERXYZ") == true })

        try await fixture.importCatalog(cedarStock: 3)
        _ = try await fixture.sync(try adapter(fixture))
        let again = try await fixture.simulator(.x12(try settings())).run(order: nil)
        #expect(again.files.map(\.messageType).contains("846"))
        #expect(again.files.first { $0.messageType == "846" }?.lines == 2)
        #expect(again.exitStatus == 0)
    }
}
