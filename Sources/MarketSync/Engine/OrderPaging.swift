/// The walk through one order window's answers: what to ask for next, and when to stop an adapter that goes
/// round in circles (a continuation it already gave in this window) or on for too long (`pageLimit` answers).
/// A value type deciding one answer at a time, so it is tested without a channel.
struct OrderPaging: Sendable {
    /// Far above any real window (a million orders in one window at 100 a page), low enough to stop a runaway listing.
    static let defaultPageLimit = 10_000

    let pageLimit: Int
    /// What the next call passes: nil for the first one.
    private(set) var continuation: OrderContinuation?
    /// Answers taken so far.
    private(set) var answers = 0
    /// Whether the window has been read.
    private(set) var isDone = false
    private var given: Set<OrderContinuation> = []

    init(pageLimit: Int = OrderPaging.defaultPageLimit) {
        self.pageLimit = max(pageLimit, 1)
    }

    /// Takes one answer: done when it has no `next`; a `.protocolViolation` when its `next` was given before in the
    /// window (reading on would never end or read a page twice as new) or when the page limit is reached.
    mutating func take(_ page: OrderPage, channel: ChannelID) throws(MarketSyncError) {
        answers += 1
        guard let next = page.next else {
            isDone = true
            continuation = nil
            return
        }
        guard given.insert(next).inserted else {
            throw MarketSyncError(.protocolViolation, "the order listing returned continuation \"\(next)\" a second time in one window",
                                  channel: channel)
        }
        guard answers < pageLimit else {
            throw MarketSyncError(.protocolViolation, "the order listing did not end within \(pageLimit) pages", channel: channel)
        }
        continuation = next
    }
}
