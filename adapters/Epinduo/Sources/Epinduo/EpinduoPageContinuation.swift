internal import MarketSync

/// Where an Epinduo order listing goes on: the page to read next. Pages are read from the last one back to page 1
/// (docs/channels.md, "Orders"), so each continuation names a lower page than the one before; after page 1 the
/// window is done. Written `page=N` inside the engine's opaque ``OrderContinuation``.
struct EpinduoPageContinuation: Sendable, Hashable {
    /// The page to read (from 1).
    var page: Int

    /// A continuation to `page`.
    init(page: Int) {
        self.page = page
    }

    /// Reads a continuation this adapter made; a `.protocolViolation` for anything else (another adapter's token,
    /// a stored one damaged).
    init(_ continuation: OrderContinuation, channel: ChannelID) throws(MarketSyncError) {
        let token = continuation.token
        guard token.hasPrefix("page="), let page = Int(token.dropFirst(5)), page >= 1 else {
            throw MarketSyncError(.protocolViolation, "\"\(token)\" is not an Epinduo order-list continuation", channel: channel)
        }
        self.page = page
    }

    /// The engine's form.
    var continuation: OrderContinuation { OrderContinuation("page=\(page)") }

    /// The page read after this one: the one below, none after page 1.
    var below: EpinduoPageContinuation? { page > 1 ? EpinduoPageContinuation(page: page - 1) : nil }

    /// The last page of a listing of `totalCount` orders, `pageSize` a page (at least page 1).
    static func lastPage(totalCount: Int, pageSize: Int) -> Int {
        max(1, (totalCount + max(pageSize, 1) - 1) / max(pageSize, 1))
    }
}
