internal import Foundation
public import Logging
public import MarketSync

/// The Epinduo channel: a Pinduoduo-style open platform (docs/channels.md, "Epinduo"). Every call is a signed form
/// POST to one router URL; stock is set one SKU per call, prices one goods per call, orders are listed by
/// update-time window, shipments confirmed per order.
public struct EpinduoAdapter: ChannelAdapter {
    /// The configured channel name.
    public let channel: ChannelID
    /// Stock, prices, orders and shipments; see ``capabilities(rateLimit:)``.
    public let capabilities: ChannelCapabilities

    let settings: EpinduoSettings
    let transport: any Transport
    let clock: any SyncClock
    let logger: Logger
    let signer: EpinduoSigner
    let errors: EpinduoErrorMapper

    /// An adapter for one shop. Nothing is sent until a call is made.
    public init(channel: ChannelID, settings: EpinduoSettings, transport: any Transport, clock: any SyncClock, logger: Logger) {
        self.channel = channel
        self.settings = settings
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.signer = EpinduoSigner(secret: settings.clientSecret)
        self.errors = EpinduoErrorMapper(channel: channel, secrets: [settings.accessToken, settings.clientSecret])
        self.capabilities = Self.capabilities(rateLimit: settings.rateLimit)
    }

    /// What Epinduo can do. Stock: one SKU per call with `update_type=1` (full overwrite, so a retry is
    /// idempotent; docs/channels.md, "Stock"). Prices: up to 20 SKUs per call of `pushPrices`, sent as one request per
    /// goods. Orders: windows of at most 30 minutes on `updated_at`, ending 3 minutes behind now (docs/channels.md, "Orders").
    public static func capabilities(rateLimit: RateLimit = EpinduoSettings.defaultRateLimit) -> ChannelCapabilities {
        ChannelCapabilities(
            pushesStock: true, pushesPrices: true, pullsOrders: true, confirmsShipments: true,
            stockBatchSize: 1, priceBatchSize: 20, currency: .cny, rateLimit: rateLimit,
            orderWindow: OrderWindowPolicy(maxLength: .seconds(30 * 60), lag: .seconds(3 * 60),
                                           overlap: .seconds(2 * 60), initialLookback: .seconds(24 * 3600)))
    }

    // MARK: Stock

    /// Overwrites the stock of each SKU, one call per SKU (`update_type=1`).
    ///
    /// A rejected value (or a missing/malformed listing, sent nowhere) comes back as that item's error.
    /// A retryable failure (throttled, unavailable, network) or rejected credentials throw: with a batch size of
    /// one there is nothing else to report, and the engine retries the whole call. Epinduo answers every call at
    /// once: the outcome is always `completed`.
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        var results: [ItemResult] = []
        results.reserveCapacity(updates.count)
        for update in updates {
            let listing: EpinduoListing
            switch EpinduoListing.parse(update.listing, sku: update.sku, channel: channel) {
            case let .success(parsed): listing = parsed
            case let .failure(error):
                results.append(ItemResult(item: update.item, sku: update.sku, error: error))
                continue
            }
            guard update.quantity >= 0 else {
                results.append(ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                    .validation, "stock quantity must not be negative", channel: channel, sku: update.sku, key: "quantity")))
                continue
            }
            let fields = [
                "goods_id": listing.goodsID, "sku_id": listing.skuID, "outer_id": update.sku.rawValue,
                "quantity": String(update.quantity), "update_type": "1",
            ]
            do {
                let envelope = try await call(settings.methods.stockUpdate, fields: fields, sku: update.sku)
                _ = try errors.successPayload(envelope, key: "goods_quantity_update_response",
                                              method: settings.methods.stockUpdate, sku: update.sku)
                results.append(.accepted(update.item, update.sku))
            } catch let error as MarketSyncError where error.code == .validation {
                results.append(ItemResult(item: update.item, sku: update.sku, error: error))
            }
        }
        return .completed(results)
    }

    // MARK: Prices

    /// One entry of `sku_price_list` (docs/channels.md, "Prices"): prices in integer fen.
    struct SKUPrice: Encodable {
        var sku_id: Int64
        var group_price: Int64
        var single_price: Int64
        var is_onsale: Int
    }

    /// Sets prices, one `pdd.goods.sku.price.update` per goods with every SKU of that goods in `sku_price_list`.
    /// The team-buy and single prices are both set to the price; `sync_goods_operate=1` keeps the goods'
    /// on-sale state as it is.
    ///
    /// A goods' rejected or retryable failure becomes the error of each of its items, so the other goods'
    /// results are kept; rejected credentials throw (the whole channel is broken).
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        var results: [ItemResult] = []
        var groups: [(goodsID: String, items: [(update: PriceUpdate, skuID: Int64)])] = []
        var groupIndex: [String: Int] = [:]
        for update in updates {
            let listing: EpinduoListing
            switch EpinduoListing.parse(update.listing, sku: update.sku, channel: channel) {
            case let .success(parsed): listing = parsed
            case let .failure(error):
                results.append(ItemResult(item: update.item, sku: update.sku, error: error))
                continue
            }
            if let problem = priceProblem(update) {
                results.append(ItemResult(item: update.item, sku: update.sku, error: problem))
                continue
            }
            guard let skuID = Int64(listing.skuID) else {
                results.append(ItemResult(item: update.item, sku: update.sku, error: MarketSyncError(
                    .validation, "Epinduo sku_id is out of range", channel: channel, sku: update.sku, key: "listing")))
                continue
            }
            if let index = groupIndex[listing.goodsID] {
                groups[index].items.append((update, skuID))
            } else {
                groupIndex[listing.goodsID] = groups.count
                groups.append((listing.goodsID, [(update, skuID)]))
            }
        }
        for group in groups {
            let list = group.items.map {
                SKUPrice(sku_id: $0.skuID, group_price: $0.update.price.minorUnits,
                         single_price: $0.update.price.minorUnits, is_onsale: 1)
            }
            let skus = group.items.map(\.update.sku)
            let updates = group.items.map(\.update)
            do {
                let fields = [
                    "goods_id": group.goodsID, "sku_price_list": try EpinduoSigner.jsonString(list),
                    "sync_goods_operate": "1",
                ]
                let envelope = try await call(settings.methods.priceUpdate, fields: fields, sku: skus.count == 1 ? skus[0] : nil)
                _ = try errors.successPayload(envelope, key: "goods_update_sku_price_response",
                                              method: settings.methods.priceUpdate, sku: nil)
                results += updates.map { ItemResult.accepted($0.item, $0.sku) }
            } catch let error as MarketSyncError where error.code == .validation || error.isRetryable {
                results += updates.map { update in
                    var itemError = error
                    itemError.sku = update.sku
                    return ItemResult(item: update.item, sku: update.sku, error: itemError)
                }
            }
        }
        return .completed(results)
    }

    private func priceProblem(_ update: PriceUpdate) -> MarketSyncError? {
        if update.price.currency != .cny {
            return MarketSyncError(.validation, "Epinduo prices are in CNY, not \(update.price.currency)",
                                   channel: channel, sku: update.sku, key: "price")
        }
        if update.price.minorUnits <= 0 {
            return MarketSyncError(.validation, "price must be positive", channel: channel, sku: update.sku, key: "price")
        }
        return nil
    }

    // MARK: The router call

    /// Signs and POSTs one router call; returns the decoded success envelope or throws the mapped error.
    func call(_ method: String, fields: [String: String], sku: SKU?) async throws -> [String: Any] {
        var parameters = fields
        parameters["type"] = method
        parameters["client_id"] = settings.clientID
        parameters["access_token"] = settings.accessToken
        parameters["timestamp"] = String(EpinduoTime.unixSeconds(clock.now()))
        parameters["data_type"] = "JSON"
        parameters["sign"] = signer.sign(parameters)
        let request = WireRequest(
            method: "POST", url: settings.baseURL,
            headers: [HeaderField("Content-Type", EpinduoForm.contentType), HeaderField("Accept", "application/json")],
            body: EpinduoForm.encode(parameters), channel: channel)
        let response = try await transport.send(request)
        logger.debug("epinduo call answered", metadata: [
            "sync.channel": "\(channel)", "epinduo.method": "\(method)", "http.status": "\(response.status)",
        ])
        do {
            return try errors.envelope(of: response, method: method, sku: sku)
        } catch {
            logger.debug("epinduo call failed", metadata: [
                "sync.channel": "\(channel)", "epinduo.method": "\(method)", "error.code": "\(error.code)",
            ])
            throw error
        }
    }
}
