public import Foundation

/// Answers to orders (accepting or refusing lines, acknowledging a purchase order): which orders wait for one, and
/// queueing them.
///
/// Contract: every method is one transaction; an order is answered once.
public protocol OrderAnswerStore: Sendable {
    /// Orders of `channel` in `pendingAcceptance` with no answer queued or sent yet, oldest first (by when they
    /// were placed, else by their last update, then by id).
    func ordersAwaitingAnswer(for channel: ChannelID) async throws -> [StoredOrder]
    /// Queues the engine's answers (`acceptance`, `acknowledgement`) in one transaction: each goes to the outbox
    /// keyed by its order, the order is marked answered (it is never answered again), the lines' decisions are
    /// recorded, and a refused line stops reserving at once (its product's change sequence moves, so the next
    /// plan offers the units again). An answer for an order that is unknown or already answered is skipped.
    /// Returns the outbox items written.
    func queueOrderAnswers(_ responses: [OrderResponse], channel: ChannelID, at date: Date) async throws -> [OutboxItem]
}
