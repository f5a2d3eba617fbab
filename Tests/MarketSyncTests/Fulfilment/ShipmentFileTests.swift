import Foundation
import MarketSync
import MarketSyncApp
import Testing

/// Reading a shipments file: rows of one order become one request, a bad row names `file:line` and the column
/// and holds back only its own order, and a wrong header is a usage error.
@Suite struct ShipmentFileTests {
    func parse(_ text: String) throws -> ShipmentFile {
        try ShipmentFile.parse(Array(text.utf8), file: "ships.csv")
    }

    func requests(_ file: ShipmentFile) -> [ShipmentRequest] {
        file.entries.compactMap { if case let .ship(request) = $0 { request } else { nil } }
    }

    func problems(_ file: ShipmentFile) -> [String] {
        file.entries.flatMap { entry -> [String] in
            if case let .bad(_, _, _, problems) = entry { problems.map(\.description) } else { [] }
        }
    }

    @Test func rowsOfOneOrderWithLinesBecomeOneShipment() throws {
        let file = try parse("""
            channel,order,carrier,tracking,line,quantity
            walmart-cn,PO-1,SF,SF100,1,2
            epinduo,E-1,YTO,YT200,,
            walmart-cn,PO-1,SF,SF100,2,
            """)
        let requests = requests(file)
        #expect(requests.count == 2)
        #expect(problems(file) == [])
        #expect(requests[0].channel == "walmart-cn" && requests[0].orderID == "PO-1")
        #expect(requests[0].lines == [ShipmentRequest.Line(id: "1", quantity: 2, row: 2), ShipmentRequest.Line(id: "2", quantity: nil, row: 4)])
        #expect(requests[0].place.description == "ships.csv:2,4")
        #expect(requests[1].orderID == "E-1" && requests[1].lines.isEmpty && requests[1].carrier == "YTO" && requests[1].trackingNumber == "YT200")
    }

    @Test func aBadRowNamesFileLineAndColumnAndHoldsBackOnlyItsOrder() throws {
        let file = try parse("""
            channel,order,carrier,tracking,line,quantity
            epinduo,E-1,SF,SF1,,
            epinduo,E-2,SF,,,
            epinduo,E-3,SF,SF3,,two
            ,E-4,SF,SF4,,
            epinduo,E-5,SF,SF5,,3
            epinduo,E-1,SF,SF1,,
            walmart-cn,PO-7,SF,SF7,1,
            walmart-cn,PO-7,SF,SF8,2,
            walmart-cn,PO-8,SF,SF9,1,1,extra
            epinduo,E-9,SF,SF9,,
            """)
        #expect(requests(file).map(\.orderID) == ["E-9"])
        let found = problems(file)
        #expect(found.contains("ships.csv:3: tracking: is empty"))
        #expect(found.contains(#"ships.csv:4: quantity: "two" is not a whole number of units above 0"#))
        #expect(found.contains("ships.csv:5: channel: is empty"))
        #expect(found.contains("ships.csv:6: quantity: a quantity needs a line (the whole order ships without one)"))
        #expect(found.contains("ships.csv:7: order: order E-1 is already on line 2 (one row ships a whole order)"))
        #expect(found.contains(#"ships.csv:9: tracking: "SF8" differs from "SF7" on line 8: one shipment per order and file"#))
        #expect(found.contains("ships.csv:10: 7 fields, but the header names 6 columns"))
        // The entries keep file order, each bad one naming its rows.
        let places = file.entries.map { entry -> String in
            switch entry {
            case let .ship(request): request.place.description
            case let .bad(_, _, place, _): place.description
            }
        }
        #expect(places == ["ships.csv:2,7", "ships.csv:3", "ships.csv:4", "ships.csv:5", "ships.csv:6", "ships.csv:8,9", "ships.csv:10",
                           "ships.csv:11"])
    }

    @Test func semicolonsAByteOrderMarkAndQuotedFieldsAreRead() throws {
        let text = "\u{FEFF}Channel;Order;Carrier;Tracking\r\nepinduo;\"E;1\";\"S\"\"F\";T1\r\n"
        let requests = requests(try parse(text))
        #expect(requests.map(\.orderID) == ["E;1"])
        #expect(requests.first?.carrier == #"S"F"#)
    }

    @Test(arguments: [
        ("channel,order,carrier\nepinduo,E-1,SF\n", "missing column tracking"),
        ("channel,order,carrier,tracking,note\n", #"unknown column "note""#),
        ("channel,order,carrier,tracking,tracking\n", #"column "tracking" appears twice"#),
        ("channel,order,carrier,tracking,quantity\n", "a quantity column needs a line column"),
        ("", "the file is empty"),
        ("channel,order,carrier,tracking\n\"epinduo,E-1,SF,T\n", "not closed"),
    ])
    func aWrongHeaderOrBrokenFileIsAUsageError(text: String, message: String) {
        let error = #expect(throws: MarketSyncError.self) { try parse(text) }
        #expect(error?.code == .source)
        #expect(error?.file == "ships.csv")
        #expect(error?.line != nil)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func namedLinesAreCheckedAgainstTheStoredOrder() throws {
        let place = RowPlace(file: "ships.csv", lines: [2, 3])
        let stored = ChannelOrder(id: "PO-1", state: .readyToShip, rawStatus: "Acknowledged", updatedAt: Date(timeIntervalSince1970: 0),
                                  lines: [OrderLine(sku: "A", quantity: 3, id: "1"), OrderLine(sku: "B", quantity: 1, id: "2")])
        func request(_ lines: [ShipmentRequest.Line]) -> ShipmentRequest {
            ShipmentRequest(channel: "walmart-cn", orderID: "PO-1", carrier: "SF", trackingNumber: "SF1", lines: lines, place: place)
        }
        // An empty quantity is the whole line.
        let good = ShipmentLines.shipment(for: request([.init(id: "1", quantity: 2, row: 2), .init(id: "2", quantity: nil, row: 3)]), stored: stored)
        #expect(try good.get().lines == [ShipmentLine(line: "1", quantity: 2), ShipmentLine(line: "2", quantity: 1)])

        let bad = ShipmentLines.shipment(for: request([.init(id: "9", quantity: 1, row: 2), .init(id: "1", quantity: 4, row: 3)]), stored: stored)
        guard case let .failure(problems) = bad else { Issue.record("expected problems"); return }
        #expect(problems.problems.map(\.description) == [
            "ships.csv:2: line: order PO-1 has no line 9 (its lines: 1, 2)",
            "ships.csv:3: quantity: 4 is more than the 3 ordered on line 1",
        ])

        // A store that knows no line ids cannot fill in a quantity.
        let idless = ChannelOrder(id: "PO-1", state: .readyToShip, rawStatus: "x", updatedAt: Date(timeIntervalSince1970: 0),
                                  lines: [OrderLine(sku: "A", quantity: 3)])
        let unknown = ShipmentLines.shipment(for: request([.init(id: "1", quantity: nil, row: 2)]), stored: idless)
        guard case let .failure(missing) = unknown else { Issue.record("expected a problem"); return }
        #expect(missing.problems.first?.column == "quantity")
        let given = ShipmentLines.shipment(for: request([.init(id: "1", quantity: 3, row: 2)]), stored: idless)
        #expect(try given.get().lines == [ShipmentLine(line: "1", quantity: 3)])
    }
}
