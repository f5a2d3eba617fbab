internal import Foundation
public import MarketSync

extension MiraklAdapter {
    /// Lists the orders updated since `window.start` with OR11, `max` orders a page, the continuation the next
    /// `offset`, until `offset` reaches `total_count` (docs/channels.md, "Paging").
    ///
    /// No `end_update_date` is sent: the listing is ordered by creation date, so an order of the window that changes
    /// while the pages are read keeps its place (with an end date it would leave the listing and the orders after it
    /// would move one place back, one of them skipped). Orders updated after `window.end` come too, harmlessly (the
    /// store keeps the latest copy), and the engine's cursor moves only to `window.end`, so an order that changed
    /// during the listing is read again by the next one.
    ///
    /// Throws on any failure, one unreadable order included (`.protocolViolation` naming the field and quoting a short
    /// excerpt; `.garbledResponse`, retryable, for a body that is not JSON): skipping it would let the cursor move
    /// past it for good.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        let offset = try continuation.map { continuation throws(MarketSyncError) in try MiraklOffset(continuation, channel: channel) }?.offset ?? 0
        let (orders, total, body) = try await listOrders([
            ("start_update_date", MiraklTime.string(window.start)), ("paginate", "true"),
            ("max", String(settings.pageSize)), ("offset", String(offset)),
        ])
        guard let total else { throw errors.unreadable(body, call: .or11, field: "total_count") }
        let next = offset + orders.count
        return OrderPage(orders: orders, next: !orders.isEmpty && next < total ? MiraklOffset(next).continuation : nil)
    }

    /// One OR11 page: its orders in the common model, its `total_count` and the raw body (for messages).
    func listOrders(_ query: [(String, String)]) async throws -> (orders: [ChannelOrder], total: Int?, body: Data) {
        let response = try await send(.or11, "GET", "/api/orders", query: query)
        let answer = try errors.object(response, call: .or11)
        guard let list = answer["orders"] as? [Any] else { throw errors.unreadable(response.body, call: .or11, field: "orders") }
        var orders: [ChannelOrder] = []
        orders.reserveCapacity(list.count)
        for entry in list {
            guard let object = entry as? [String: Any] else { throw errors.unreadable(response.body, call: .or11, field: "orders[]") }
            do {
                orders.append(try MiraklOrderDTO(json: object, fallbackCurrency: settings.currency).channelOrder)
            } catch {
                throw errors.unreadable(response.body, call: .or11, field: error.field, subject: error.orderID.map { "order \($0)" })
            }
        }
        var total: Int?
        if let value = answer["total_count"] {
            guard let count = MiraklJSON.integer(value), count >= 0 else {
                throw errors.unreadable(response.body, call: .or11, field: "total_count")
            }
            total = Int(count)
        }
        return (orders, total, response.body)
    }

    /// The order `id` as OR11 lists it now (`order_ids`), or nil when the channel does not list it.
    func currentOrder(_ id: String) async throws -> ChannelOrder? {
        try await listOrders([("order_ids", id)]).orders.first { $0.id == id }
    }
}
