// MarketSyncApp
