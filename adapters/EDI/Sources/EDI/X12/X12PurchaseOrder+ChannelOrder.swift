public import Foundation
public import MarketSync

extension X12PurchaseOrder {
    /// The order in the common model, as an EDI adapter stores it: keyed by the order number, waiting for our
    /// answer (`pendingAcceptance`), or `cancelled` when `BEG01` is `01`; the raw status is `850/<BEG01>`. Each
    /// line is keyed by `PO101` (what the 855 answers), names our SKU when the partner gave it back and the GTIN
    /// as its listing. An 850 has no time of change, so `receivedAt` (when the file came in) stands for it.
    public func channelOrder(receivedAt: Date) -> ChannelOrder {
        let lines = lines.map { line in
            OrderLine(sku: line.sku ?? SKU(line.gtin?.digits ?? line.lineID), quantity: line.quantity, unitPrice: line.unitPrice,
                      listing: line.gtin?.digits, id: line.lineID)
        }
        return ChannelOrder(id: number, state: purpose == "01" ? .cancelled : .pendingAcceptance, rawStatus: "850/\(purpose)",
                            updatedAt: receivedAt, lines: lines)
    }
}
