/// The version `marketsync --version` prints.
public enum MarketSyncVersion {
    public static let current = "0.3.0"
}
