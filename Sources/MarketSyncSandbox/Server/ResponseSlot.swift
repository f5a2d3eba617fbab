internal import Dispatch
internal import MarketSync
internal import Synchronization

/// Hands a handler's answer from its task back to the connection thread that waits for it.
final class ResponseSlot: Sendable {
    private let value = Mutex<WireResponse?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func fill(_ response: WireResponse) {
        value.withLock { $0 = response }
        ready.signal()
    }

    /// Blocks the calling (dedicated, non-pool) thread until `fill` ran, and empties the slot.
    func take() -> WireResponse {
        ready.wait()
        return value.withLock { slot in
            let response = slot ?? WireResponse(status: 500)
            slot = nil
            return response
        }
    }
}
