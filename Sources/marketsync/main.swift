print("marketsync")
