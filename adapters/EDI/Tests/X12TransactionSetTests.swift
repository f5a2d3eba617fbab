import EDI
import Foundation
import MarketSync
import Testing

@Suite("X12 transaction sets")
struct X12TransactionSetTests {
    @Test("an 846 in the partner's envelope matches the sample of docs/edi.md's sources")
    func inventoryAdvice() async throws {
        let settings = try EDIFixtures.x12()
        let advice = X12InventoryAdvice(reference: "INV20250301", date: EDIFixtures.march1, lines: [
            X12InventoryLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", quantity: 120),
            X12InventoryLine(gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", quantity: 0),
        ])
        let numbers = InMemoryControlNumberSource(first: [.interchange: 101, .group: 101])
        let outgoing = try await X12InterchangeComposer(settings: settings, numbers: numbers)
            .compose([X12TransactionSetBody(identifier: "846", segments: try advice.segments(settings: settings))], at: EDIFixtures.march1)
        #expect(String(decoding: outgoing.bytes, as: UTF8.self) == [
            "ISA*00*          *00*          *ZZ*YUGRAFOODS     *ZZ*RETAILERXYZ    *250301*0800*U*00401*000000101*0*T*>~",
            "GS*IB*YUGRAFOODS*RETAILERXYZ*20250301*0800*101*X*004010~",
            "ST*846*0001~",
            "BIA*00*SI*INV20250301*20250301~",
            "LIN*1*EN*4601234500012*VN*YUG-CN-200~",
            "QTY*33*120*EA~",
            "LIN*2*EN*4601234500029*VN*YUG-LB-300~",
            "QTY*33*0*EA~",
            "CTT*2~",
            "SE*8*0001~",
            "GE*1*101~",
            "IEA*1*000000101~",
        ].joined())
        #expect(try X12Reader.parse(outgoing.bytes).groups == outgoing.groups)
    }

    @Test("an 832 carries GTIN, SKU, name and price; a name X12 cannot carry is left out")
    func priceCatalog() throws {
        let settings = try EDIFixtures.x12(skuQualifier: "SK")
        let catalog = X12PriceCatalog(number: "PL-2025-03", effectiveDate: CalendarDay(year: 2025, month: 3, day: 15), lines: [
            X12PriceLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", description: "CEDAR NUTS 200G", price: Money(minorUnits: 3850, currency: .cny)),
            X12PriceLine(gtin: EDIFixtures.gtin("036000291452"), sku: "YUG-LB-300", description: "Брусника 300 г", price: Money(minorUnits: 2990, currency: .cny)),
            X12PriceLine(gtin: EDIFixtures.lingonberry, sku: "YUG-HV-250", description: "HALVA ~ 250G", price: Money(minorUnits: 1205, currency: .cny)),
        ])
        #expect(try catalog.segments(settings: settings) == [
            EDISegment("BCT", ["PC"], ["PL-2025-03"]),
            EDISegment("DTM", ["007"], ["20250315"]),
            EDISegment("CUR", ["SE"], ["CNY"]),
            EDISegment("LIN", ["1"], ["EN"], ["4601234500012"], ["SK"], ["YUG-CN-200"]),
            EDISegment("PID", ["F"], [], [], [], ["CEDAR NUTS 200G"]),
            EDISegment("CTP", [], ["UCP"], ["38.50"]),
            EDISegment("LIN", ["2"], ["UP"], ["036000291452"], ["SK"], ["YUG-LB-300"]),
            EDISegment("CTP", [], ["UCP"], ["29.90"]),
            EDISegment("LIN", ["3"], ["EN"], ["4601234500029"], ["SK"], ["YUG-HV-250"]),
            EDISegment("CTP", [], ["UCP"], ["12.05"]),
            EDISegment("CTT", ["3"]),
        ])
        #expect(catalog.omittedDescriptions(settings: settings) == ["YUG-LB-300", "YUG-HV-250"])
        var foreign = catalog
        foreign.lines[0].price = Money(minorUnits: 1, currency: .usd)
        #expect(EDIFixtures.error { _ = try foreign.segments(settings: settings) }?.sku == "YUG-CN-200")
    }

    @Test("the 850 sample is read into a typed order")
    func purchaseOrder() throws {
        let interchange = try X12Reader.parse(text: X12EnvelopeTests.purchaseOrder)
        let orders = try X12PurchaseOrderReader(skuQualifier: "SK").orders(in: interchange)
        let order = try #require(orders.first)
        #expect(order.number == "PO-88001")
        #expect(order.purpose == "00")
        #expect(order.orderType == "SA")
        #expect(order.date == CalendarDay(year: 2025, month: 3, day: 5))
        #expect(order.requestedDeliveryDate == CalendarDay(year: 2025, month: 3, day: 12))
        #expect(order.currency == .cny)
        #expect(order.references == [X12Reference(qualifier: "DP", value: "042")])
        #expect(order.party("BY") == X12Party(entity: "BY", name: "WU MART BEIJING", idQualifier: "92", id: "0042"))
        #expect(order.party("ST")?.name == "DC NORTH")
        #expect(order.lines.map(\.lineID) == ["1", "2"])
        #expect(order.lines.map(\.quantity) == [48, 24])
        #expect(order.lines.map(\.unitPrice) == [Money(minorUnits: 3850, currency: .cny), Money(minorUnits: 2990, currency: .cny)])
        #expect(order.lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
        #expect(order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(order.lines[0].description == "CEDAR NUTS 200G")
        #expect(order.lines[1].description == nil)

        let channelOrder = order.channelOrder(receivedAt: EDIFixtures.march1)
        #expect(channelOrder.id == "PO-88001")
        #expect(channelOrder.state == .pendingAcceptance)
        #expect(channelOrder.rawStatus == "850/00")
        #expect(channelOrder.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(channelOrder.lines.map(\.id) == ["1", "2"])
    }

    @Test("an 850 that cannot be read is an error naming the set, the segment and the reason", arguments: [
        ("PO1*1*48*EA", "PO1*1*4.8*EA", 10, "PO102"),
        ("38.50**EN*4601234500012", "38.505**EN*4601234500012", 10, "PO104"),
        ("EN*4601234500012", "EN*4601234500013", 10, "PO1"),
        ("CTT*2~", "CTT*3~", 13, "CTT01"),
        ("20250305~\nCUR", "2025-03-05~\nCUR", 4, "BEG05"),
    ])
    func purchaseOrderErrors(original: String, replacement: String, segment: Int, key: String) throws {
        let interchange = try X12Reader.parse(text: X12EnvelopeTests.purchaseOrder.replacingOccurrences(of: original, with: replacement))
        let error = EDIFixtures.error { _ = try X12PurchaseOrderReader(channel: "walmart-edi").orders(in: interchange) }
        #expect(error?.code == .ediContent)
        #expect(error?.line == segment)
        #expect(error?.key == key)
        #expect(error?.message.contains("purchase order set 0001") == true)
    }

    static let march5 = CalendarDay(year: 2025, month: 3, day: 5)!

    static func acknowledgement(_ first: X12LineDecision, _ second: X12LineDecision) -> X12PurchaseOrderAcknowledgement {
        X12PurchaseOrderAcknowledgement(orderNumber: "PO-88001", orderDate: march5, lines: [
            X12AcknowledgementLine(lineID: "1", gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", orderedQuantity: 48,
                                   unitPrice: Money(minorUnits: 3850, currency: .cny), decision: first),
            X12AcknowledgementLine(lineID: "2", gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", orderedQuantity: 24, decision: second),
        ])
    }

    @Test("an 855 answers every line with ACK IA, IQ or IR, and BAK02 follows from them")
    func acknowledgementLines() throws {
        let settings = try EDIFixtures.x12()
        #expect(Self.acknowledgement(.accepted, .changed(quantity: 24)).acknowledgmentType == "AD")
        #expect(Self.acknowledgement(.rejected, .changed(quantity: 0)).acknowledgmentType == "RJ")
        let changed = Self.acknowledgement(.accepted, .changed(quantity: 12))
        #expect(changed.acknowledgmentType == "AC")
        #expect(try changed.segments(settings: settings) == [
            EDISegment("BAK", ["00"], ["AC"], ["PO-88001"], ["20250305"]),
            EDISegment("PO1", ["1"], ["48"], ["EA"], ["38.50"], [], ["EN"], ["4601234500012"], ["VN"], ["YUG-CN-200"]),
            EDISegment("ACK", ["IA"], ["48"], ["EA"]),
            EDISegment("PO1", ["2"], ["24"], ["EA"], [""], [], ["EN"], ["4601234500029"], ["VN"], ["YUG-LB-300"]),
            EDISegment("ACK", ["IQ"], ["12"], ["EA"]),
            EDISegment("CTT", ["2"]),
        ])
        let rejected = try Self.acknowledgement(.accepted, .rejected).segments(settings: settings)
        #expect(rejected[4] == EDISegment("ACK", ["IR"], ["0"], ["EA"]))
        #expect(EDIFixtures.error { _ = try Self.acknowledgement(.accepted, .changed(quantity: 25)).segments(settings: settings) }?.key == "ACK02")
    }

    @Test("a 997 is built for a received group and read back; it answers for each set")
    func functionalAcknowledgement() async throws {
        let received = try X12Reader.parse(text: X12EnvelopeTests.purchaseOrder)
        let group = try #require(received.groups.first)
        let acknowledgement = X12FunctionalAcknowledgement.acknowledging(group)
        #expect(acknowledgement.segments == [
            EDISegment("AK1", ["PO"], ["777"]), EDISegment("AK2", ["850"], ["0001"]), EDISegment("AK5", ["A"]),
            EDISegment("AK9", ["A"], ["1"], ["1"], ["1"]),
        ])
        let settings = try EDIFixtures.x12()
        let outgoing = try await X12InterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
            .compose([X12TransactionSetBody(identifier: "997", segments: acknowledgement.segments)], at: EDIFixtures.march1)
        #expect(outgoing.groups.first?.header.functionalID == "FA")
        let set = try #require(try X12Reader.parse(outgoing.bytes).groups.first?.transactionSets.first)
        let read = try X12FunctionalAcknowledgement.read(set)
        #expect(read == acknowledgement)
        #expect(read.code(forSet: "0001") == .accepted)

        let partial = X12FunctionalAcknowledgement.acknowledging(
            X12FunctionalGroup(header: group.header, transactionSets: group.transactionSets + [
                X12TransactionSet(identifier: "850", controlNumber: "0002", segments: []),
            ]), rejected: ["0002"])
        #expect(partial.groupCode == .partiallyAccepted)
        #expect(partial.acceptedCount == 1)
        #expect(partial.code(forSet: "0002") == .rejected)
    }

    @Test("a partner's 997 without set detail answers for the group; a wrong AK904 is an error")
    func readingPartner997() throws {
        let groupOnly = X12TransactionSet(identifier: "997", controlNumber: "0042", segments: [
            EDISegment("AK1", ["IB"], ["101"]), EDISegment("AK9", ["R"], ["1"], ["1"], ["0"], ["5"]),
        ])
        let read = try X12FunctionalAcknowledgement.read(groupOnly)
        #expect(read.functionalID == "IB")
        #expect(read.groupControlNumber == 101)
        #expect(read.code(forSet: "0001") == .rejected)
        let inconsistent = X12TransactionSet(identifier: "997", controlNumber: "0043", segments: [
            EDISegment("AK1", ["IB"], ["101"]), EDISegment("AK2", ["846"], ["0001"]), EDISegment("AK5", ["A"]),
            EDISegment("AK9", ["A"], ["1"], ["1"], ["0"]),
        ])
        #expect(EDIFixtures.error { _ = try X12FunctionalAcknowledgement.read(inconsistent) }?.key == "AK904")
        let noAK5 = X12TransactionSet(identifier: "997", controlNumber: "0044", segments: [
            EDISegment("AK1", ["IB"], ["101"]), EDISegment("AK2", ["846"], ["0001"]), EDISegment("AK9", ["A"], ["1"], ["1"], ["1"]),
        ])
        #expect(EDIFixtures.error { _ = try X12FunctionalAcknowledgement.read(noAK5) }?.code == .ediContent)
    }

    @Test("the composer groups sets by functional identifier, draws new numbers each time and refuses a set the partner does not take")
    func composer() async throws {
        let settings = try X12Settings(partner: "walmart-edi", senderID: "YUGRAFOODS", receiverID: "RETAILERXYZ", usage: .test,
                                       timeZone: EDIFixtures.shanghai, currency: .cny, transactionSets: ["846", "832"])
        let composer = X12InterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
        let bodies = [X12TransactionSetBody(identifier: "846", segments: [EDISegment("BIA", ["00"], ["SI"], ["A"], ["20250301"])]),
                      X12TransactionSetBody(identifier: "832", segments: [EDISegment("BCT", ["PC"], ["B"])]),
                      X12TransactionSetBody(identifier: "846", segments: [EDISegment("BIA", ["00"], ["SI"], ["C"], ["20250301"])])]
        let first = try await composer.compose(bodies, at: EDIFixtures.march1)
        #expect(first.groups.map(\.header.functionalID) == ["IB", "SC"])
        #expect(first.groups.map { $0.transactionSets.map(\.controlNumber) } == [["0001", "0002"], ["0003"]])
        let second = try await composer.compose(Array(bodies.prefix(1)), at: EDIFixtures.march1)
        #expect(second.header.controlNumber == first.header.controlNumber + 1)
        #expect(second.groups.first?.header.controlNumber == 3)
        #expect(second.groups.first?.transactionSets.first?.controlNumber == "0004")
        do {
            _ = try await composer.compose([X12TransactionSetBody(identifier: "855", segments: [])], at: EDIFixtures.march1)
            Issue.record("an 855 went to a partner that takes none")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
        }
    }
}
