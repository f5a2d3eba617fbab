internal import MarketSync
internal import Synchronization

/// The events taken since the last run took them: filled from any task (a webhook request, an event stream),
/// emptied by the worker's loop.
final class EventInbox: Sendable {
    /// What the next event run serves.
    struct Batch: Sendable {
        /// Per channel with news, the orders to read by id (possibly none).
        var orders: [ChannelID: Set<String>] = [:]
        /// The events, as triggers, in the order taken.
        var triggers: [WorkerTrigger] = []

        var isEmpty: Bool { orders.isEmpty }
    }

    private let waiting = Mutex(Batch())

    /// Notes an event of `channel`; `orderID` joins the orders its next run reads by id.
    func add(_ channel: ChannelID, orderID: String?, trigger: WorkerTrigger) {
        waiting.withLock { waiting in
            var orders = waiting.orders[channel] ?? []
            if let orderID { orders.insert(orderID) }
            waiting.orders[channel] = orders
            waiting.triggers.append(trigger)
        }
    }

    /// Everything noted so far, forgotten here.
    func take() -> Batch {
        waiting.withLock { waiting in
            defer { waiting = Batch() }
            return waiting
        }
    }

    /// Puts back what a run could not serve (the store was down), so the next run reads it.
    func restore(_ batch: Batch) {
        waiting.withLock { waiting in
            for (channel, orders) in batch.orders { waiting.orders[channel, default: []].formUnion(orders) }
            waiting.triggers = batch.triggers + waiting.triggers
        }
    }
}
