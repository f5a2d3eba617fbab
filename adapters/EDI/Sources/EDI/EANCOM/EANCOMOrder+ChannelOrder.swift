public import Foundation
public import MarketSync

extension EANCOMOrder {
    /// The order in the common model, as an EDI adapter stores it: keyed by the order number, waiting for our
    /// answer (`pendingAcceptance`, docs/channels.md "Order states"), or `cancelled` when the message cancels it
    /// (function `1`); the raw status is `ORDERS/<function>`. Each line is keyed by its line number (what the
    /// ORDRSP answers), names our SKU when the chain gave it back (`PIA` `SA`) and the GTIN as its listing.
    /// An EDI order has no time of change, so `receivedAt` (when the file came in) stands for it.
    public func channelOrder(receivedAt: Date) -> ChannelOrder {
        let lines = lines.map { line in
            OrderLine(sku: line.supplierArticle ?? SKU(line.gtin?.digits ?? line.lineNumber), quantity: line.quantity,
                      unitPrice: line.unitPrice, listing: line.gtin?.digits, id: line.lineNumber)
        }
        return ChannelOrder(id: number, state: messageFunction == "1" ? .cancelled : .pendingAcceptance,
                            rawStatus: "ORDERS/\(messageFunction)", updatedAt: receivedAt, lines: lines)
    }
}
