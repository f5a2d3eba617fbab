/// The version `marketsync --version` prints.
public enum MarketSyncVersion {
    /// Semantic version of this release, without a `v` prefix.
    public static let current = "0.3.0"
}
