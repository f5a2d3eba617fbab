/// What one `pdd.order.number.list.increment.get` call asks for: its window on `updated_at`, its page and the
/// status filters, checked the way the platform checks them (see docs/channels.md, "Orders").
struct EpinduoSandboxOrderQuery: Sendable, Hashable {
    var start: Int64
    var end: Int64
    var page: Int
    var pageSize: Int
    var orderStatus: Int
    var refundStatus: Int
    /// `use_has_next=true`: the answer carries `has_next` instead of `total_count`.
    var usesHasNext: Bool

    /// Reads and checks the call's fields: a window of at most 30 minutes, pages from 1, 1 to 100 per page.
    static func parse(_ params: [String: String]) -> Result<EpinduoSandboxOrderQuery, EpinduoSandboxError> {
        guard let start = params["start_updated_at"].flatMap({ Int64($0) }) else {
            return .failure(.invalid("start_updated_at", "start_updated_at missing or not Unix seconds"))
        }
        guard let end = params["end_updated_at"].flatMap({ Int64($0) }) else {
            return .failure(.invalid("end_updated_at", "end_updated_at missing or not Unix seconds"))
        }
        guard end >= start else { return .failure(.invalid("end_updated_at", "end_updated_at is before start_updated_at")) }
        guard end - start <= 30 * 60 else {
            return .failure(.invalid("end_updated_at", "the time window must not exceed 30 minutes"))
        }
        let page = params["page"].flatMap { Int($0) } ?? 1
        guard page >= 1 else { return .failure(.invalid("page", "page starts at 1")) }
        let pageSize = params["page_size"].flatMap { Int($0) } ?? 100
        guard (1...100).contains(pageSize) else { return .failure(.invalid("page_size", "page_size must be 1 to 100")) }
        let orderStatus = params["order_status"].flatMap { Int($0) } ?? 5
        guard [1, 2, 3, 5].contains(orderStatus) else { return .failure(.invalid("order_status", "order_status must be 1, 2, 3 or 5")) }
        let refundStatus = params["refund_status"].flatMap { Int($0) } ?? 5
        guard (1...5).contains(refundStatus) else { return .failure(.invalid("refund_status", "refund_status must be 1 to 5")) }
        return .success(EpinduoSandboxOrderQuery(start: start, end: end, page: page, pageSize: pageSize, orderStatus: orderStatus,
                                                 refundStatus: refundStatus, usesHasNext: params["use_has_next"] == "true"))
    }

    /// The orders the call lists, in the platform's order: newest update first (ties by order number, also
    /// descending), so every page of a listing is a stable slice of one sequence.
    func matching(_ orders: some Sequence<EpinduoSandboxOrder>) -> [EpinduoSandboxOrder] {
        orders
            .filter { order in
                order.updatedAt >= start && order.updatedAt <= end
                    && (orderStatus == 5 || order.orderStatus == orderStatus)
                    && (refundStatus == 5 || order.refundStatus == refundStatus)
            }
            .sorted { ($0.updatedAt, $0.orderSN) > ($1.updatedAt, $1.orderSN) }
    }

    /// The positions of this call's page in the listing of `count` orders.
    func pageRange(count: Int) -> Range<Int> {
        let from = min((page - 1) * pageSize, count)
        return from..<min(from + pageSize, count)
    }
}
