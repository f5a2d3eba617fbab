internal import MarketSync

/// Where an OR11 listing goes on: the `offset` of the next page (docs/channels.md, "Paging"). Written `offset=N`
/// inside the engine's opaque ``OrderContinuation``.
struct MiraklOffset: Sendable, Hashable {
    /// The index of the first order of the next page.
    var offset: Int

    /// A continuation at `offset`.
    init(_ offset: Int) { self.offset = offset }

    /// Reads a continuation this adapter made; `.protocolViolation` for anything else.
    init(_ continuation: OrderContinuation, channel: ChannelID) throws(MarketSyncError) {
        let token = continuation.token
        guard token.hasPrefix("offset="), let offset = Int(token.dropFirst(7)), offset >= 0 else {
            throw MarketSyncError(.protocolViolation, "\"\(token)\" is not a Mirakl order-list continuation", channel: channel)
        }
        self.offset = offset
    }

    /// The engine's form.
    var continuation: OrderContinuation { OrderContinuation("offset=\(offset)") }
}
