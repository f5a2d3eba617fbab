import Foundation
import MarketSync
import RetailSheets
import Testing

@Suite("Order responses answer each line of an order sheet")
struct OrderResponseSheetWriterTests {
    static func orders() throws -> [SheetOrder] {
        let reader = try OrderSheetReader(layout: SheetFixtures.orderLayout(), catalog: SheetFixtures.catalog)
        return try reader.read(SheetFixtures.fixture("wumart-orders.gb18030.csv"), file: "PO.csv", receivedAt: SheetFixtures.run).orders
    }

    @Test("order sheet in, decisions, response out: the GB18030 file equals the one iconv made, one file per order")
    func roundTrip() throws {
        let orders = try Self.orders()
        let decisions: [String: [OrderLineDecision]] = [
            "PO-1001": [OrderLineDecision(line: "1", accepted: true),
                        OrderLineDecision(line: "2", accepted: false, reason: "out of stock: 12 wanted, 0 available")],
            "PO-1002": [OrderLineDecision(line: "1", accepted: true)],
        ]
        let rows = orders.flatMap { OrderResponseSheetRow.rows(for: $0, decisions: decisions[$0.number] ?? []) }
        #expect(rows.map(\.acceptedQuantity) == [24, 0, 6])
        let writer = try OrderResponseSheetWriter(layout: SheetFixtures.responseLayout(), catalog: SheetFixtures.catalog)
        let result = try writer.write(rows, on: SheetFixtures.run, firstSequence: 1)
        #expect(result.refused.isEmpty)
        #expect(result.files.map(\.name) == ["WM_DDQR_PO-1001_20261127.csv", "WM_DDQR_PO-1002_20261127.csv"])
        #expect(result.files.map(\.order) == ["PO-1001", "PO-1002"])
        #expect(result.files.first?.bytes == (try SheetFixtures.fixture("wumart-response-PO-1001.gb18030.csv")))

        let table = try SheetTableReader(layout: writer.layout).read(try #require(result.files.last).bytes, file: "r.csv")
        #expect(table.encoding == .gb18030)
        #expect(table.rows.map { $0.values[.status] } == ["接受"])
        #expect(table.rows.map { $0.values[.acceptedQuantity] } == ["6"])
        #expect(table.rows.map { $0.values[.reason] } == [""])
    }

    @Test("a line without a decision gets no row; accepting more than was ordered is refused; no line number is made up")
    func refusals() throws {
        let order = try #require(try Self.orders().first)
        #expect(OrderResponseSheetRow.rows(for: order, decisions: [OrderLineDecision(line: "2", accepted: true)]).map(\.lineNumber) == ["2"])

        var rows = OrderResponseSheetRow.rows(for: order, decisions: [OrderLineDecision(line: "1", accepted: true),
                                                                       OrderLineDecision(line: "2", accepted: true)])
        rows[0].acceptedQuantity = 25
        rows[1].lineNumber = nil
        let writer = try OrderResponseSheetWriter(layout: SheetFixtures.responseLayout(SheetFixtures.format(.utf8)), catalog: SheetFixtures.catalog)
        let result = try writer.write(rows, on: SheetFixtures.run)
        #expect(result.refused.map(\.order) == ["PO-1001", "PO-1001"])
        #expect(result.refused.map(\.error.key) == ["确认数量", "行号"])
        #expect(result.files.isEmpty)
    }

    @Test("one file per run when the layout does not split: the header, then every answer in the order given")
    func oneFile() throws {
        let layout = try SheetLayout(kind: .orderResponse, columns: [SheetColumn("PO", .orderNumber), SheetColumn("Item", .itemCode),
                                                                     SheetColumn("Accepted", .acceptedQuantity), SheetColumn("Reason", .reason)],
                                     format: SheetFixtures.format(.utf8, lineEnding: .lf), naming: SheetFixtures.naming("answers_{date}_{seq:2}.csv"))
        let orders = try Self.orders()
        let rows = orders.reversed().flatMap { order in
            OrderResponseSheetRow.rows(for: order, decisions: order.lines.map { OrderLineDecision(line: $0.line.id ?? "", accepted: false, reason: "closed") })
        }
        let result = try OrderResponseSheetWriter(layout: layout, catalog: SheetFixtures.catalog).write(rows, on: SheetFixtures.run, firstSequence: 9)
        #expect(result.files.map(\.name) == ["answers_20261127_09.csv"])
        #expect(SheetFixtures.text(try #require(result.files.first).bytes) == """
            PO,Item,Accepted,Reason
            PO-1002,WM100235,0,closed
            PO-1001,WM100234,0,closed
            PO-1001,WM100238,0,closed

            """)
    }
}
