// MarketSyncStore
