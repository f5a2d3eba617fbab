public import MarketSync
