extension MarketSyncError.Code {
    /// A shared store cannot be reached at start (server down, wrong host or port, login refused): a setup problem,
    /// so `marketsync` exits 2 before anything is read or sent.
    public static let storeUnreachable = MarketSyncError.Code("store_unreachable")
}
