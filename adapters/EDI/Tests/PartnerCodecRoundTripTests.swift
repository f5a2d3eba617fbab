import EDI
import Foundation
import MarketSync
import Testing

/// The partner-side codecs against ours: what the chain's ORDERS and 850 writers produce, our readers read back
/// whole; what our INVRPT, PRICAT, ORDRSP, 846, 832 and 855 builders produce, the chain's readers read back whole.
@Suite struct PartnerCodecRoundTripTests {
    // MARK: EANCOM

    @Test func anORDERSTheChainWritesIsReadByOurOrderReaderWithTheChainAsSenderAndItsLines() throws {
        let settings = try EDIFixtures.eancom()
        let order = EANCOMPartnerOrder(number: "PO-88001", date: EDIFixtures.march1, deliveryParty: EDIFixtures.warehouse, lines: [
            EANCOMPartnerOrderLine(gtin: EDIFixtures.cedarNuts, buyerArticle: "WM-778", quantity: 12,
                                   unitPrice: Money(minorUnits: 3850, currency: .cny)),
            EANCOMPartnerOrderLine(gtin: EDIFixtures.lingonberry, quantity: 24),
        ])
        let file = try EANCOMPartnerComposer(settings: settings).compose([try order.body(settings: settings)], reference: "42",
                                                                        at: EDIFixtures.march1)
        let interchange = try EDIFACTReader.parse(file.bytes)
        #expect(interchange.header.sender.id == EDIFixtures.chain.digits)
        #expect(interchange.header.recipient.id == EDIFixtures.us.digits)
        #expect(interchange.header.reference == "42")
        #expect(interchange.messages.map(\.identifier.associationCode) == ["EAN008"])
        let read = try #require(try EANCOMOrderReader(channel: "wumart").orders(in: interchange).first)
        #expect(read.number == "PO-88001")
        #expect(read.messageFunction == "9")
        #expect(read.documentDate == CalendarDay(year: 2025, month: 3, day: 1))
        #expect(read.buyer?.gln == EDIFixtures.chain && read.supplier?.gln == EDIFixtures.us)
        #expect(read.deliveryParty?.gln == EDIFixtures.warehouse)
        #expect(read.currency == .cny)
        #expect(read.lines.map(\.lineNumber) == ["1", "2"])
        #expect(read.lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
        #expect(read.lines.map(\.quantity) == [12, 24])
        #expect(read.lines.map(\.buyerArticle) == ["WM-778", nil])
        #expect(read.lines.map(\.unitPrice) == [Money(minorUnits: 3850, currency: .cny), nil])
    }

    @Test func anOrderWithoutLinesOrWithNoUnitsIsRefused() throws {
        let settings = try EDIFixtures.eancom()
        #expect(EDIFixtures.error { _ = try EANCOMPartnerOrder(number: "PO-1", date: EDIFixtures.march1, lines: []).body(settings: settings) }?
            .code == .validation)
        let zero = EANCOMPartnerOrder(number: "PO-1", date: EDIFixtures.march1, lines: [EANCOMPartnerOrderLine(gtin: EDIFixtures.cedarNuts, quantity: 0)])
        #expect(EDIFixtures.error { _ = try zero.body(settings: settings) }?.key == "QTY")
    }

    @Test(arguments: [
        ([EANCOMLineDecision.accepted, .accepted], "29", true, [String]()),
        ([EANCOMLineDecision.rejected, .rejected], "27", false, [String]()),
        ([EANCOMLineDecision.accepted, .rejected], "4", nil, ["5", "7"]),
        ([EANCOMLineDecision.changed(quantity: 4), .accepted], "4", nil, ["3", "5"]),
    ])
    func ourORDRSPIsReadBackByTheChainWithEachLinesDecision(decisions: [EANCOMLineDecision], function: String, whole: Bool?,
                                                           actions: [String]) async throws {
        let settings = try EDIFixtures.eancom()
        let response = EANCOMOrderResponse(number: "RSP-PO-1", orderNumber: "PO-1", date: EDIFixtures.march1, lines: [
            EANCOMOrderResponseLine(lineNumber: "1", gtin: EDIFixtures.cedarNuts, orderedQuantity: 12, decision: decisions[0]),
            EANCOMOrderResponseLine(lineNumber: "2", gtin: EDIFixtures.lingonberry, orderedQuantity: 24, decision: decisions[1]),
        ])
        let composer = EANCOMInterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
        let file = try await composer.compose([try response.body(settings: settings)], at: EDIFixtures.march1)
        let document = try #require(try EANCOMDocumentReader().documents(in: EDIFACTReader.parse(file.bytes)).first)
        #expect(document.type == .ordrsp)
        #expect(document.number == "RSP-PO-1")
        #expect(document.orderNumber == "PO-1")
        #expect(document.function == function)
        #expect(document.acceptsWholeOrder == whole)
        #expect(document.lines.map { $0.action ?? "" } == actions)
        if actions.first == "3" {
            #expect(document.lines.first?.quantity == 4)
            #expect(document.lines.map(EANCOMReceivedDocument.acceptsLine) == [true, true])
        }
        if actions == ["5", "7"] { #expect(document.lines.map(EANCOMReceivedDocument.acceptsLine) == [true, false]) }
    }

    @Test func ourINVRPTAndPRICATAreReadBackByTheChainLineByLine() async throws {
        let settings = try EDIFixtures.eancom()
        let report = EANCOMInventoryReport(number: "INV1", date: EDIFixtures.march1, lines: [
            EANCOMStockLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", quantity: 120),
            EANCOMStockLine(gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", quantity: 0),
        ])
        let catalogue = EANCOMPriceCatalogue(number: "PRC1", date: EDIFixtures.march1, lines: [
            EANCOMPriceLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", description: "Cedar nuts 200g", price: Money(minorUnits: 3850, currency: .cny)),
        ])
        let composer = EANCOMInterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
        let file = try await composer.compose([try report.body(settings: settings), try catalogue.body(settings: settings)], at: EDIFixtures.march1)
        let documents = try EANCOMDocumentReader().documents(in: EDIFACTReader.parse(file.bytes))
        #expect(documents.map(\.type) == [.invrpt, .pricat])
        #expect(documents[0].lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
        #expect(documents[0].lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(documents[0].lines.map(\.quantity) == [120, 0])
        #expect(documents[1].currency == .cny)
        #expect(documents[1].lines.map(\.priceHundredths) == [3850])
        #expect(documents[1].lines.map(\.description) == ["Cedar nuts 200g"])
    }

    @Test func aMessageASupplierDoesNotSendOrABadGTINIsAnEDIContentErrorNamingTheSegment() throws {
        let orders = "UNA:+.? 'UNB+UNOC:3+6901234500011:14+4607654300010:14+250301:0800+1'UNH+1+ORDERS:D:96A:UN:EAN008'BGM+220+PO+9'UNT+3+1'UNZ+1+1'"
        let wrongType = EDIFixtures.error { _ = try EANCOMDocumentReader().documents(in: EDIFACTReader.parse(text: orders)) }
        #expect(wrongType?.code == .ediContent)
        #expect(wrongType?.key == "UNH")
        let badGTIN = "UNA:+.? 'UNB+UNOC:3+4607654300010:14+6901234500011:14+250301:0800+1'UNH+1+INVRPT:D:96A:UN:EAN008'BGM+35+INV+9'LIN+1++4601234500013:EN'QTY+145:5'UNT+5+1'UNZ+1+1'"
        let failure = EDIFixtures.error { _ = try EANCOMDocumentReader().documents(in: EDIFACTReader.parse(text: badGTIN)) }
        #expect(failure?.code == .ediContent)
        #expect(failure?.key == "LIN")
        #expect(failure?.line == 4)
    }

    // MARK: X12

    @Test func an850ThePartnerWritesIsReadByOurReaderWithThePartnersIdentities() throws {
        let settings = try EDIFixtures.x12(skuQualifier: "SK")
        let order = X12PartnerPurchaseOrder(number: "4500012345", date: try #require(CalendarDay(year: 2025, month: 3, day: 1)), lines: [
            X12PartnerOrderLine(gtin: EDIFixtures.cedarNuts, buyerItem: "778", quantity: 12, unitPrice: Money(minorUnits: 3850, currency: .cny)),
            X12PartnerOrderLine(gtin: EDIFixtures.lingonberry, quantity: 24),
        ])
        let body = X12TransactionSetBody(identifier: "850", segments: try order.segments(settings: settings))
        let file = try X12PartnerComposer(settings: settings).compose([body], controlNumber: 555, at: EDIFixtures.march1)
        let interchange = try X12Reader.parse(file.bytes)
        #expect(interchange.header.senderID == "RETAILERXYZ" && interchange.header.receiverID == "YUGRAFOODS")
        #expect(interchange.header.controlNumber == 555)
        #expect(interchange.groups.map(\.header.functionalID) == ["PO"])
        #expect(interchange.groups.first?.header.applicationSender == "RETAILERXYZ")
        let read = try #require(try X12PurchaseOrderReader(settings: settings).orders(in: interchange).first)
        #expect(read.number == "4500012345")
        #expect(read.purpose == "00")
        #expect(read.date == CalendarDay(year: 2025, month: 3, day: 1))
        #expect(read.currency == .cny)
        #expect(read.lines.map(\.lineID) == ["1", "2"])
        #expect(read.lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
        #expect(read.lines.map(\.quantity) == [12, 24])
        #expect(read.lines.map(\.unitPrice) == [Money(minorUnits: 3850, currency: .cny), nil])
        #expect(read.lines.first?.identifiers.contains(X12ItemID(qualifier: "IN", id: "778")) == true)
        // The partner's 850 is acknowledged by our 997, which the partner reads back.
        let group = try #require(interchange.groups.first)
        let acknowledgement = X12TransactionSet(identifier: "997", controlNumber: "0001",
                                                segments: X12FunctionalAcknowledgement.acknowledging(group).segments)
        let read997 = try X12FunctionalAcknowledgement.read(acknowledgement)
        #expect(read997.groupControlNumber == 555 && read997.groupCode == .accepted)
    }

    @Test(arguments: [
        ([X12LineDecision.accepted, .accepted], "AD", ["IA", "IA"], [true, true]),
        ([X12LineDecision.rejected, .rejected], "RJ", ["IR", "IR"], [false, false]),
        ([X12LineDecision.accepted, .rejected], "AC", ["IA", "IR"], [true, false]),
        ([X12LineDecision.changed(quantity: 5), .accepted], "AC", ["IQ", "IA"], [true, true]),
    ])
    func our855IsReadBackByThePartnerWithEachLinesDecision(decisions: [X12LineDecision], type: String, codes: [String],
                                                         accepted: [Bool]) async throws {
        let settings = try EDIFixtures.x12()
        let acknowledgement = X12PurchaseOrderAcknowledgement(orderNumber: "4500012345", orderDate: try #require(CalendarDay(year: 2025, month: 3, day: 1)),
                                                              lines: [
            X12AcknowledgementLine(lineID: "1", gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", orderedQuantity: 12, decision: decisions[0]),
            X12AcknowledgementLine(lineID: "2", gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", orderedQuantity: 24, decision: decisions[1]),
        ])
        let body = X12TransactionSetBody(identifier: "855", segments: try acknowledgement.segments(settings: settings))
        let file = try await X12InterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource()).compose([body], at: EDIFixtures.march1)
        let set = try #require(try X12Reader.parse(file.bytes).groups.first?.transactionSets.first)
        let document = try X12DocumentReader(skuQualifier: "VN").document(from: set)
        #expect(document.identifier == "855")
        #expect(document.reference == "4500012345")
        #expect(document.acknowledgmentType == type)
        #expect(document.lines.map(\.lineID) == ["1", "2"])
        #expect(document.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(document.lines.map { $0.acknowledgment ?? "" } == codes)
        #expect(document.lines.map { $0.isAccepted ?? false } == accepted)
        #expect(document.lines.map(\.quantity) == [12, 24])
    }

    @Test func our846And832AreReadBackByThePartnerLineByLine() async throws {
        let settings = try EDIFixtures.x12()
        let advice = X12InventoryAdvice(reference: "INV1", date: EDIFixtures.march1, lines: [
            X12InventoryLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", quantity: 120),
        ])
        let catalog = X12PriceCatalog(number: "PRC1", lines: [
            X12PriceLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", description: "Cedar nuts", price: Money(minorUnits: 3850, currency: .cny)),
            X12PriceLine(gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", price: Money(minorUnits: 1200, currency: .cny)),
        ])
        let file = try await X12InterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource()).compose([
            X12TransactionSetBody(identifier: "846", segments: try advice.segments(settings: settings)),
            X12TransactionSetBody(identifier: "832", segments: try catalog.segments(settings: settings)),
        ], at: EDIFixtures.march1)
        let reader = X12DocumentReader(skuQualifier: "VN")
        let documents = try X12Reader.parse(file.bytes).groups.flatMap(\.transactionSets).map { try reader.document(from: $0) }
        #expect(documents.map(\.identifier) == ["846", "832"])
        #expect(documents[0].reference == "INV1")
        #expect(documents[0].lines.map(\.quantity) == [120])
        #expect(documents[0].lines.map(\.sku) == ["YUG-CN-200"])
        #expect(documents[1].reference == "PRC1")
        #expect(documents[1].currency == .cny)
        #expect(documents[1].lines.map(\.priceHundredths) == [3850, 1200])
        #expect(documents[1].lines.map(\.description) == ["Cedar nuts", nil])
        #expect(documents[1].lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
    }

    @Test func aWrongCTTCountIsAnEDIContentErrorNamingCTT01() throws {
        let set = X12TransactionSet(identifier: "846", controlNumber: "0001", segments: [
            EDISegment("BIA", ["00"], ["SI"], ["INV1"], ["20250301"]),
            EDISegment("LIN", ["1"], ["EN"], [EDIFixtures.cedarNuts.digits]), EDISegment("QTY", ["33"], ["5"], ["EA"]),
            EDISegment("CTT", ["2"]),
        ])
        let failure = EDIFixtures.error { _ = try X12DocumentReader().document(from: set) }
        #expect(failure?.code == .ediContent)
        #expect(failure?.key == "CTT01")
    }
}
