internal import Foundation
internal import Synchronization

/// An access token and when it runs out, by the adapter's clock.
struct WalmartToken: Sendable, Hashable {
    /// The `access_token`; never logged, never quoted.
    var value: String
    /// When it runs out: the time the token call was sent plus `expires_in`.
    var expiresAt: Date
}

/// The token an adapter holds, shared by every call it makes (several batches may be in flight at once).
///
/// Two calls that find it stale at the same moment may both take a new token: Walmart keeps every token valid until
/// its own expiry, so that costs one extra token call and nothing else.
final class WalmartTokenCache: Sendable {
    private let token = Mutex<WalmartToken?>(nil)

    /// An empty cache.
    init() {}

    /// The cached token if it is still good at `now` with `margin` to spare.
    func token(at now: Date, margin: TimeInterval) -> WalmartToken? {
        token.withLock { cached in
            guard let cached, cached.expiresAt.timeIntervalSince(now) > margin else { return nil }
            return cached
        }
    }

    /// Keeps `new` as the token in use.
    func store(_ new: WalmartToken) {
        token.withLock { $0 = new }
    }

    /// Forgets `rejected` if it is the one in use (a 401 answered it); a newer one another call took stays.
    func discard(_ rejected: String) {
        token.withLock { cached in
            if cached?.value == rejected { cached = nil }
        }
    }
}
