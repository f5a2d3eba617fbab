// MarketSyncSandbox
