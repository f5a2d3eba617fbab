internal import Foundation
public import Logging
public import MarketSync

/// The Walmart Marketplace channel: Walmart's US seller API, REST and JSON (docs/channels.md, "Walmart Marketplace").
/// A token taken with the client credentials signs every call; a few changed SKUs go as single-item calls answered at
/// once, more as one bulk feed whose results are read later by its `feedId`; orders are listed by last-modified
/// window and walked by `nextCursor`; a new order is acknowledged, then shipped line by line with tracking.
public struct WalmartAdapter: ChannelAdapter {
    /// The configured channel name.
    public let channel: ChannelID
    /// Stock, prices, orders and shipments; see ``capabilities(settings:)``.
    public let capabilities: ChannelCapabilities

    let settings: WalmartSettings
    let client: WalmartClient
    let logger: Logger

    /// An adapter for one seller account. Nothing is sent until a call is made; `correlationID` makes each request's
    /// `WM_QOS.CORRELATION_ID` (a new UUID when nil).
    public init(channel: ChannelID, settings: WalmartSettings, transport: any Transport, clock: any SyncClock, logger: Logger,
                correlationID: (@Sendable () -> String)? = nil) {
        self.channel = channel
        self.settings = settings
        self.logger = logger
        self.capabilities = Self.capabilities(settings: settings)
        self.client = WalmartClient(channel: channel, settings: settings, transport: transport, clock: clock, logger: logger,
                                    tokens: WalmartTokenCache(),
                                    errors: WalmartErrorMapper(channel: channel, secrets: [settings.clientSecret]),
                                    correlationID: correlationID ?? { UUID().uuidString })
    }

    /// What Walmart can do. A stock batch is as large as a feed may be (`feed_size`), a price batch at most 1,000
    /// (Walmart's recommendation for a price feed); a batch of `bulk_threshold` items or fewer goes as single calls.
    /// Orders: windows of at most a day on the last-modified time, ending 2 minutes behind now, each starting 2
    /// minutes before the last one ended (docs/channels.md, "Paging"). An order needs an acknowledgement.
    public static func capabilities(settings: WalmartSettings) -> ChannelCapabilities {
        ChannelCapabilities(
            pushesStock: true, pushesPrices: true, pullsOrders: true, confirmsShipments: true,
            stockBatchSize: settings.feedSize, priceBatchSize: min(settings.feedSize, WalmartSettings.maxPriceFeedSize),
            currency: settings.currency, rateLimit: settings.rateLimit,
            orderWindow: OrderWindowPolicy(maxLength: .seconds(24 * 3600), lag: .seconds(2 * 60), overlap: .seconds(2 * 60),
                                           initialLookback: .seconds(24 * 3600)),
            offers: .delta, orderAnswer: .acknowledge)
    }

    /// Walmart's SKU of an update: the catalog's listing id for this channel when it has one, else the SKU itself.
    static func walmartSKU(sku: SKU, listing: String?) -> String {
        if let listing, !listing.trimmingWhitespace().isEmpty { return listing }
        return sku.rawValue
    }

    // MARK: Stock

    /// Sets the stock of each SKU. Up to `bulk_threshold` updates: one `PUT /v3/inventory?sku=` each
    /// (`updateInventoryForAnItem`), answered at once (`.completed`). More: one bulk inventory feed
    /// (`POST /v3/feeds?feedType=inventory`, spec 1.4), answered later (`.submitted` with the `feedId`).
    ///
    /// Single calls: a value refused by Walmart (or negative, never sent) is that item's error; a throttle or an
    /// outage stops the loop and comes back as the error of this item and every one not yet sent, so they are sent
    /// again later and nothing more is sent now; rejected credentials or an answer that breaks the documents throw.
    /// A feed carries every item as given and Walmart judges each one (``status(of:for:)``).
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let live = updates.filter { !$0.carried }
        if live.count > settings.bulkThreshold {
            let file = WalmartBodies.InventoryFeed(items: live.map {
                WalmartBodies.InventoryItem(sku: Self.walmartSKU(sku: $0.sku, listing: $0.listing), quantity: .init(amount: $0.quantity))
            })
            return .submitted(try await submitFeed(type: "inventory", operation: "updateBulkInventory", file: try WalmartBodies.json(file),
                                                   shipNode: settings.shipNode))
        }
        return .completed(try await eachSingly(live.map { ($0.item, $0.sku) }) { index in
            let update = live[index]
            guard update.quantity >= 0 else {
                throw MarketSyncError(.validation, "stock quantity must not be negative", channel: channel, sku: update.sku, key: "quantity")
            }
            try await putInventory(update)
        })
    }

    /// One `updateInventoryForAnItem`: `sku` both in the query and in the body, the answer echoing the body.
    private func putInventory(_ update: StockUpdate) async throws {
        let sku = Self.walmartSKU(sku: update.sku, listing: update.listing)
        var query = [("sku", sku)]
        if let shipNode = settings.shipNode { query.append(("shipNode", shipNode)) }
        let body = try WalmartBodies.json(WalmartBodies.InventoryItem(sku: sku, quantity: .init(amount: update.quantity)))
        let answer = try await client.call(WalmartRequest("updateInventoryForAnItem", "PUT", path: ["v3", "inventory"], query: query,
                                                          body: body, contentType: "application/json", sku: update.sku))
        guard WalmartJSON.string(answer.object["sku"]) != nil,
              let quantity = answer.object["quantity"] as? [String: Any], WalmartJSON.int64(quantity["amount"]) != nil else {
            throw answer.violation("the answer does not echo the inventory (sku, quantity.amount)", field: "sku")
        }
    }

    // MARK: Prices

    /// Sets the base price of each SKU in the configured currency: up to `bulk_threshold` as one `PUT /v3/price`
    /// each (`updatePrice`), more as one price feed (`POST /v3/feeds?feedType=price`, spec 1.7). Errors as for stock.
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        let live = updates.filter { !$0.carried }
        if live.count > settings.bulkThreshold {
            let file = WalmartBodies.PriceFeed(items: live.map {
                WalmartBodies.priceItem(sku: Self.walmartSKU(sku: $0.sku, listing: $0.listing), price: $0.price)
            })
            return .submitted(try await submitFeed(type: "price", operation: "priceBulkUploads", file: try WalmartBodies.json(file),
                                                   shipNode: nil))
        }
        return .completed(try await eachSingly(live.map { ($0.item, $0.sku) }) { index in
            let update = live[index]
            if let problem = priceProblem(update) { throw problem }
            let sku = Self.walmartSKU(sku: update.sku, listing: update.listing)
            let body = try WalmartBodies.json(WalmartBodies.priceItem(sku: sku, price: update.price))
            _ = try await client.call(WalmartRequest("updatePrice", "PUT", path: ["v3", "price"], body: body,
                                                     contentType: "application/json", sku: update.sku))
        })
    }

    private func priceProblem(_ update: PriceUpdate) -> MarketSyncError? {
        if update.price.currency != settings.currency {
            return MarketSyncError(.validation, "this Walmart channel prices in \(settings.currency), not \(update.price.currency)",
                                   channel: channel, sku: update.sku, key: "price")
        }
        if update.price.minorUnits <= 0 {
            return MarketSyncError(.validation, "price must be positive", channel: channel, sku: update.sku, key: "price")
        }
        return nil
    }

    /// Runs `send` for each item in turn: `.validation` becomes that item's error; a retryable error becomes the error
    /// of that item and of every item after it, which are not sent now; any other error is thrown.
    private func eachSingly(_ items: [(item: Int64, sku: SKU)], _ send: (Int) async throws -> Void) async throws -> [ItemResult] {
        var results: [ItemResult] = []
        results.reserveCapacity(items.count)
        for (index, entry) in items.enumerated() {
            do {
                try await send(index)
                results.append(.accepted(entry.item, entry.sku))
            } catch let error as MarketSyncError where error.code == .validation {
                results.append(ItemResult(item: entry.item, sku: entry.sku, error: error))
            } catch let error as MarketSyncError where error.isRetryable {
                for rest in items[index...] {
                    var itemError = error
                    itemError.sku = rest.sku
                    results.append(ItemResult(item: rest.item, sku: rest.sku, error: itemError))
                }
                break
            }
        }
        return results
    }
}
