import EDI
import Foundation
import MarketSync
import Testing

@Suite("EANCOM messages")
struct EANCOMMessageTests {
    static func text(_ outgoing: EDIFACTOutgoingInterchange) -> String {
        String(outgoing.bytes.map { Character(Unicode.Scalar($0)) })
    }

    @Test("an INVRPT carries each SKU's GTIN, our article number and its stock, in the chain's envelope")
    func inventoryReport() async throws {
        let settings = try EDIFixtures.eancom()
        let report = EANCOMInventoryReport(number: "INV-20250301", date: EDIFixtures.march1, warehouse: EDIFixtures.warehouse, lines: [
            EANCOMStockLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", quantity: 120),
            EANCOMStockLine(gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", quantity: 0),
        ])
        let composer = EANCOMInterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
        let outgoing = try await composer.compose([try report.body(settings: settings)], at: EDIFixtures.march1)
        #expect(Self.text(outgoing) == [
            "UNA:+.? '",
            "UNB+UNOC:3+4607654300010:14+6901234500011:14+250301:0800+1'",
            "UNH+1+INVRPT:D:96A:UN:EAN008'",
            "BGM+35+INV-20250301+9'",
            "DTM+137:20250301:102'",
            "NAD+SU+4607654300010::9'",
            "NAD+WH+6901234500028::9'",
            "LIN+1++4601234500012:EN'",
            "PIA+1+YUG-CN-200:SA'",
            "QTY+145:120'",
            "LIN+2++4601234500029:EN'",
            "PIA+1+YUG-LB-300:SA'",
            "QTY+145:0'",
            "UNT+12+1'",
            "UNZ+1+1'",
        ].joined())
        let read = try EDIFACTReader.parse(outgoing.bytes)
        #expect(read.messages == outgoing.messages)
    }

    @Test("a negative stock or an empty report is refused, naming the SKU")
    func inventoryChecks() throws {
        let settings = try EDIFixtures.eancom()
        let negative = EANCOMInventoryReport(number: "I1", date: EDIFixtures.march1,
                                             lines: [EANCOMStockLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", quantity: -1)])
        let error = EDIFixtures.error { _ = try negative.body(settings: settings) }
        #expect(error?.code == .validation)
        #expect(error?.sku == "YUG-CN-200")
        #expect(EDIFixtures.error { _ = try EANCOMInventoryReport(number: "I1", date: EDIFixtures.march1, lines: []).body(settings: settings) } != nil)
    }

    static let prices = EANCOMPriceCatalogue(number: "PL-2025-03", date: EDIFixtures.march1, validFrom: CalendarDay(year: 2025, month: 3, day: 15), lines: [
        EANCOMPriceLine(gtin: EDIFixtures.cedarNuts, sku: "YUG-CN-200", description: "CEDAR NUTS 200G", price: Money(minorUnits: 3850, currency: .cny)),
        EANCOMPriceLine(gtin: EDIFixtures.lingonberry, sku: "YUG-LB-300", description: "Брусничное варенье 300 г",
                        price: Money(minorUnits: 2990, currency: .cny)),
    ])

    @Test("a PRICAT in UNOC leaves out a Cyrillic name and keeps GTIN, SKU and price")
    func priceCatalogueLatin1() throws {
        let settings = try EDIFixtures.eancom()
        let body = try Self.prices.body(settings: settings)
        let writer = EDIFACTSegmentWriter()
        #expect(try body.segments.map(writer.text(of:)) == [
            "BGM+9+PL-2025-03+9'",
            "DTM+137:20250301:102'",
            "DTM+194:20250315:102'",
            "NAD+SU+4607654300010::9'",
            "NAD+BY+6901234500011::9'",
            "CUX+2:CNY:8'",
            "LIN+1++4601234500012:EN'",
            "PIA+1+YUG-CN-200:SA'",
            "IMD+F++:::CEDAR NUTS 200G'",
            "PRI+AAA:38.50'",
            "LIN+2++4601234500029:EN'",
            "PIA+1+YUG-LB-300:SA'",
            "PRI+AAA:29.90'",
        ])
        #expect(Self.prices.omittedDescriptions(settings: settings) == ["YUG-LB-300"])
    }

    @Test("a PRICAT in UNOW carries the Cyrillic name, split over two components past 35 characters")
    func priceCatalogueUnicode() async throws {
        let settings = try EDIFixtures.eancom(characterSet: .unow)
        #expect(settings.syntaxVersion == "4")
        var catalogue = Self.prices
        catalogue.lines[1].description = "Брусничное варенье с кедровыми орешками, 300 г"
        let body = try catalogue.body(settings: settings)
        #expect(body.segments.contains(EDISegment("IMD", ["F"], [], ["", "", "", "Брусничное варенье с кедровыми ореш", "ками, 300 г"])))
        #expect(catalogue.omittedDescriptions(settings: settings).isEmpty)
        let outgoing = try await EANCOMInterchangeComposer(settings: settings, numbers: InMemoryControlNumberSource())
            .compose([body], at: EDIFixtures.march1)
        #expect(String(decoding: outgoing.bytes, as: UTF8.self).contains("UNB+UNOW:4+4607654300010:14+6901234500011:14+20250301:0800+1'"))
        #expect(try EDIFACTReader.parse(outgoing.bytes).messages.first?.segments == body.segments)
    }

    @Test("a price in another currency is refused, naming the SKU")
    func priceCurrency() throws {
        var catalogue = Self.prices
        catalogue.lines[0].price = Money(minorUnits: 100, currency: .rub)
        let error = EDIFixtures.error { _ = try catalogue.body(settings: try EDIFixtures.eancom()) }
        #expect(error?.sku == "YUG-CN-200")
        #expect(error?.key == "PRI")
    }

    @Test("the composer refuses a message the chain does not take, and never reuses a reference")
    func composer() async throws {
        let settings = try EDIFixtures.eancom(codes: [.invrpt: "EAN008"])
        let numbers = InMemoryControlNumberSource()
        let composer = EANCOMInterchangeComposer(settings: settings, numbers: numbers)
        do {
            _ = try await composer.compose([try Self.prices.body(settings: settings)], at: EDIFixtures.march1)
            Issue.record("a PRICAT went to a chain that takes none")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            #expect(error.key == "association_codes.PRICAT")
        }
        let report = try EANCOMInventoryReport(number: "I1", date: EDIFixtures.march1,
                                               lines: [EANCOMStockLine(gtin: EDIFixtures.cedarNuts, sku: "S", quantity: 1)])
            .body(settings: settings)
        let first = try await composer.compose([report, report], at: EDIFixtures.march1)
        let second = try await composer.compose([report], at: EDIFixtures.march1)
        #expect(first.header.reference != second.header.reference)
        let references = (first.messages + second.messages).map(\.reference)
        #expect(Set(references).count == 3)
    }

    @Test("the ORDERS of docs/edi.md's sources is read into a typed order")
    func ordersSample() throws {
        let interchange = try EDIFACTReader.parse(text: EDIFACTEnvelopeValidationTests.orders)
        let orders = try EANCOMOrderReader(defaultCurrency: .cny).orders(in: interchange)
        #expect(orders.count == 1)
        let order = try #require(orders.first)
        #expect(order.number == "PO-88001")
        #expect(order.messageFunction == "9")
        #expect(order.documentDate == CalendarDay(year: 2025, month: 3, day: 5))
        #expect(order.requestedDeliveryDate == CalendarDay(year: 2025, month: 3, day: 12))
        #expect(order.buyer?.gln == EDIFixtures.chain)
        #expect(order.supplier?.gln == EDIFixtures.us)
        #expect(order.deliveryParty?.gln == EDIFixtures.warehouse)
        #expect(order.lines.map(\.lineNumber) == ["1", "2"])
        #expect(order.lines.map(\.gtin) == [EDIFixtures.cedarNuts, EDIFixtures.lingonberry])
        #expect(order.lines.map(\.quantity) == [48, 24])
        #expect(order.lines.allSatisfy { $0.unitPrice == nil && $0.supplierArticle == nil })

        let channelOrder = order.channelOrder(receivedAt: EDIFixtures.march1)
        #expect(channelOrder.id == "PO-88001")
        #expect(channelOrder.state == .pendingAcceptance)
        #expect(channelOrder.rawStatus == "ORDERS/9")
        #expect(channelOrder.lines.map(\.id) == ["1", "2"])
        #expect(channelOrder.lines.map(\.listing) == ["4601234500012", "4601234500029"])
    }

    @Test("an order's articles, names, prices, currency and references are read")
    func ordersDetail() throws {
        let text = """
        UNA:+.? '
        UNB+UNOC:3+6901234500011:14+4607654300010:14+250305:0930+ORD0002'
        UNH+5+ORDERS:D:96A:UN:EAN008'
        BGM+220+PO-88002+9'
        DTM+137:202503050930:203'
        RFF+CT:C-7'
        NAD+BY+6901234500011::9'
        CUX+2:CNY:9'
        LIN+1++4601234500012:EN'
        PIA+5+YUG-CN-200:SA+77001:IN'
        IMD+F++:::CEDAR NUTS 200G'
        QTY+21:48.000'
        PRI+AAB:40.00'
        PRI+AAA:38.5'
        RFF+LI:9'
        UNS+S'
        CNT+2:1'
        UNT+16+5'
        UNZ+1+ORD0002'
        """
        let order = try #require(try EANCOMOrderReader().orders(in: EDIFACTReader.parse(text: text)).first)
        #expect(order.documentDate == CalendarDay(year: 2025, month: 3, day: 5))
        #expect(order.currency == .cny)
        #expect(order.references == [EANCOMReference(qualifier: "CT", value: "C-7")])
        let line = try #require(order.lines.first)
        #expect(line.supplierArticle == "YUG-CN-200")
        #expect(line.buyerArticle == "77001")
        #expect(line.description == "CEDAR NUTS 200G")
        #expect(line.quantity == 48)
        #expect(line.unitPrice == Money(minorUnits: 3850, currency: .cny))
        #expect(line.references == [EANCOMReference(qualifier: "LI", value: "9")])
        #expect(order.channelOrder(receivedAt: EDIFixtures.march1).lines.first?.sku == "YUG-CN-200")
    }

    @Test("an order that cannot be read is an error naming the message, the segment and the reason", arguments: [
        ("QTY+21:48'", "QTY+21:4.5'", 10, "QTY"),
        ("LIN+1++4601234500012:EN'", "LIN+1++4601234500013:EN'", 9, "LIN"),
        ("CNT+2:2'", "CNT+2:3'", 14, "CNT"),
        ("QTY+21:48'", "QTY+59:48'", 9, "LIN"),
        ("BGM+220+", "BGM+351+", 3, "BGM"),
        ("NAD+BY+6901234500011::9'", "NAD+BY+6901234500012::9'", 6, "NAD"),
        ("DTM+137:20250305:102'", "DTM+137:20250231:102'", 4, "DTM"),
    ])
    func orderErrors(original: String, replacement: String, segment: Int, tag: String) throws {
        let interchange = try EDIFACTReader.parse(text: EDIFACTEnvelopeValidationTests.orders.replacingOccurrences(of: original, with: replacement))
        let error = EDIFixtures.error { _ = try EANCOMOrderReader(channel: "wumart").orders(in: interchange) }
        #expect(error?.code == .ediContent)
        #expect(error?.line == segment)
        #expect(error?.key == tag)
        #expect(error?.channel == "wumart")
        #expect(error?.message.contains("order message 1") == true)
    }

    static func response(_ first: EANCOMLineDecision, _ second: EANCOMLineDecision) -> EANCOMOrderResponse {
        EANCOMOrderResponse(number: "RSP-88001", orderNumber: "PO-88001", date: EDIFixtures.march1, lines: [
            EANCOMOrderResponseLine(lineNumber: "1", gtin: EDIFixtures.cedarNuts, orderedQuantity: 48, decision: first),
            EANCOMOrderResponseLine(lineNumber: "2", gtin: EDIFixtures.lingonberry, orderedQuantity: 24, decision: second),
        ])
    }

    @Test("an ORDRSP accepts (29) or refuses (27) a whole order with no line detail")
    func responseWhole() throws {
        let settings = try EDIFixtures.eancom()
        let writer = EDIFACTSegmentWriter()
        let accepted = try Self.response(.accepted, .changed(quantity: 24)).body(settings: settings)
        #expect(try accepted.segments.map(writer.text(of:)) == [
            "BGM+231+RSP-88001+29'", "DTM+137:20250301:102'", "RFF+ON:PO-88001'", "NAD+BY+6901234500011::9'", "NAD+SU+4607654300010::9'",
        ])
        let refused = try Self.response(.rejected, .changed(quantity: 0)).body(settings: settings)
        #expect(refused.segments.first == EDISegment("BGM", ["231"], ["RSP-88001"], ["27"]))
        #expect(refused.segments.count == 5)
    }

    @Test("an ORDRSP that changes an order (4) answers every line: 5 accepted, 3 changed with its quantity, 7 refused")
    func responseChange() throws {
        let settings = try EDIFixtures.eancom()
        let response = EANCOMOrderResponse(number: "RSP-88001", orderNumber: "PO-88001", date: EDIFixtures.march1, lines: [
            EANCOMOrderResponseLine(lineNumber: "1", gtin: EDIFixtures.cedarNuts, orderedQuantity: 48, decision: .accepted),
            EANCOMOrderResponseLine(lineNumber: "2", gtin: EDIFixtures.lingonberry, orderedQuantity: 24, decision: .changed(quantity: 12)),
            EANCOMOrderResponseLine(lineNumber: "3", gtin: EDIFixtures.gtin("4601234500036"), orderedQuantity: 6, decision: .rejected),
        ])
        #expect(response.messageFunction == "4")
        let writer = EDIFACTSegmentWriter()
        #expect(try response.body(settings: settings).segments.map(writer.text(of:)) == [
            "BGM+231+RSP-88001+4'", "DTM+137:20250301:102'", "RFF+ON:PO-88001'", "NAD+BY+6901234500011::9'", "NAD+SU+4607654300010::9'",
            "LIN+1+5+4601234500012:EN'",
            "LIN+2+3+4601234500029:EN'", "QTY+21:12'",
            "LIN+3+7+4601234500036:EN'",
            "UNS+S'",
        ])
        let more = Self.response(.accepted, .changed(quantity: 30))
        #expect(EDIFixtures.error { _ = try more.body(settings: settings) }?.code == .validation)
    }
}
