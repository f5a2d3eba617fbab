// MarketSyncTesting
