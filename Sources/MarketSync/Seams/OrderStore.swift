public import Foundation

/// Orders pulled from the channels: stored by channel and id with their history, and the cursor of each channel's
/// pulls moved in the same transaction.
///
/// Contract: every method is one transaction; the cursor moves only with the orders it covers.
public protocol OrderStore: Sendable {
    /// How far a channel's orders have been read: the latest window end stored with them (nil before the first
    /// pull); the next pull starts the channel's overlap (`OrderWindowPolicy.overlap`) before it.
    func orderCursor(for channel: ChannelID) async throws -> Date?
    /// Stores a window's orders and moves the cursor to `cursor`, in one transaction. Orders are keyed by
    /// channel and id; one older than the stored copy changes nothing, one as recent replaces it only when its
    /// content differs; a status change is appended to the order's history. A copy that would move the order, or a
    /// line (matched by its channel id), where `OrderTransitions` does not allow is not applied at all: the stored
    /// order stays as it was and an `illegal_transition` incident names the channel, order, both states and the raw
    /// status. Each line reserves while `OrderLine.reservesStock(orderState:refused:)` says so. The cursor never
    /// moves backwards.
    func storeOrders(_ orders: [ChannelOrder], channel: ChannelID, cursor: Date, at date: Date) async throws -> OrderStoreCounts
    /// One stored order, or nil.
    func order(_ id: String, channel: ChannelID) async throws -> StoredOrder?
    /// Every stored order of a channel, ordered by id.
    func orders(for channel: ChannelID) async throws -> [StoredOrder]
}
