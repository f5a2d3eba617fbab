// MarketSyncConfig
