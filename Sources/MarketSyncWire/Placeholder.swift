// MarketSyncWire
