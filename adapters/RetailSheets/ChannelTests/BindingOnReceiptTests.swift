import Foundation
import MarketSync
import RetailFiles
import Testing

/// A purchase order from a chain that exchanges no order response is binding as it arrives.
@Suite struct BindingOnReceiptTests {
    @Test func waitingOrdersAndLinesBecomeReadyToShipCancellationsStay() {
        let lines = [OrderLine(sku: "A", quantity: 2, id: "1", state: .pendingAcceptance),
                     OrderLine(sku: "B", quantity: 1, id: "2", state: .cancelled),
                     OrderLine(sku: "C", quantity: 1, id: "3")]
        let order = ChannelOrder(id: "PO-1", state: .pendingAcceptance, rawStatus: "order_sheet",
                                 updatedAt: Date(timeIntervalSince1970: 0), lines: lines)
        let bound = order.bindingOnReceipt()
        #expect(bound.state == .readyToShip)
        #expect(bound.lines.map(\.state) == [.readyToShip, .cancelled, nil])
        #expect(bound.rawStatus == "order_sheet")
        let cancelled = ChannelOrder(id: "PO-2", state: .cancelled, rawStatus: "ORDERS/1", updatedAt: Date(timeIntervalSince1970: 0), lines: [])
        #expect(cancelled.bindingOnReceipt().state == .cancelled)
    }
}
