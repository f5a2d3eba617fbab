/// A channel's configured deep re-scan (`orders.deep_rescan_every`, `orders.deep_rescan_days`).
public enum DeepRescanSetting: Sendable, Hashable {
    /// Neither key given: the adapter's own (`OrderWindowPolicy.deepRescan`, none for most).
    case adapterDefault
    /// `deep_rescan_every: off`: none, whatever the adapter suggests.
    case off
    /// A re-scan on this policy (a key not given takes `DeepRescanPolicy`'s default).
    case on(DeepRescanPolicy)

    /// The policy to run with, given the adapter's.
    public func resolve(adapter: DeepRescanPolicy?) -> DeepRescanPolicy? {
        switch self {
        case .adapterDefault: adapter
        case .off: nil
        case let .on(policy): policy
        }
    }
}
