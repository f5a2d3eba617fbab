internal import Foundation
public import MarketSync

extension WalmartAdapter {
    /// Reads the orders an event named, one `getAnOrder` (`GET /v3/orders/{purchaseOrderId}`) each, as the published
    /// API has it (it has no call for several ids). A 404 `CONTENT_NOT_FOUND` means Walmart does not show the order
    /// yet (a webhook can come before the order is readable): it is left out, not an error, and the next listing
    /// finds it. Any other error is mapped as every call's is and thrown; an order that cannot be read, or that is
    /// not the one asked for, is a `protocol` error naming it.
    public func orders(withIDs ids: [String]) async throws -> [ChannelOrder]? {
        var seen: Set<String> = []
        var orders: [ChannelOrder] = []
        for id in ids where !id.isEmpty && seen.insert(id).inserted {
            let dto: WalmartOrderDTO
            do {
                dto = try await order(id)
            } catch let error as MarketSyncError where error.walmartBaseCode == WalmartErrorMapper.notFoundCode {
                continue
            }
            guard dto.purchaseOrderID == id else {
                throw MarketSyncError(.protocolViolation, "\(channel) getAnOrder: asked for order \(id), Walmart answered order "
                                      + "\(ResponseExcerpt.make(dto.purchaseOrderID, redacting: []))", channel: channel, key: "order \(id)")
            }
            orders.append(dto.channelOrder)
        }
        return orders
    }
}
