/// Orders that change while a client pages through one order listing, as they do on the platform: after each
/// page of `pdd.order.number.list.increment.get` it serves, the sandbox updates the first `ordersPerRead` orders
/// still in that call's window (in list order), which moves their `updated_at` to its now, out of the window.
/// The orders behind them shift one place towards page 1, which is how a client paging forward skips an order
/// and one paging from the last page back does not (see docs/channels.md, "Orders").
struct EpinduoSandboxOrderChurn: Sendable, Hashable, Codable {
    /// Orders updated after each page served.
    var ordersPerRead: Int
    /// Page reads it still acts after; nil for every read until it is cleared.
    public var times: Int?

    /// Churn of `ordersPerRead` orders after each of the next `times` page reads (every read when nil).
    public init(ordersPerRead: Int = 1, times: Int? = nil) {
        self.ordersPerRead = ordersPerRead
        self.times = times
    }

    enum CodingKeys: String, CodingKey {
        case ordersPerRead = "orders_per_read", times
    }

    /// Reads `{"orders_per_read": N, "times": T}`; `orders_per_read` defaults to 1, `times` to every read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ordersPerRead = try container.decodeIfPresent(Int.self, forKey: .ordersPerRead) ?? 1
        times = try container.decodeIfPresent(Int.self, forKey: .times)
    }

    /// Updates the orders of `query`'s window after one of its pages was served; returns the churn still armed
    /// (nil once its reads are used up).
    ///
    /// An updated order takes `now` as its `updated_at`. A listing's window ends at least 3 minutes before the
    /// platform's now, so that is after the window; a client whose clock runs behind the sandbox's (a test's
    /// fixed window) still sees the order leave, because the order never moves to before the window's end.
    func apply(to world: inout EpinduoSandboxState, after query: EpinduoSandboxOrderQuery, now: Int64) -> EpinduoSandboxOrderChurn? {
        let listed = query.matching(world.orders.values)
        let updatedAt = max(now, query.end + 1)
        for order in listed.prefix(max(ordersPerRead, 0)) {
            world.orders[order.orderSN]?.updatedAt = updatedAt
        }
        guard let times else { return self }
        var left = self
        left.times = times - 1
        return times > 1 ? left : nil
    }
}
