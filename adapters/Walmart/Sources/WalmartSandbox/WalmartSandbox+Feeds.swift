internal import Foundation
internal import MarketSync
internal import Walmart

extension WalmartSandbox {
    /// `updateBulkInventory` / `priceBulkUploads`: `POST /v3/feeds?feedType=inventory|MP_INVENTORY|price`, multipart
    /// with a `file` part. A file over the size limit answers 413, a feed over the hourly limit 429; a file that is not
    /// the feed's JSON is refused. Each item's outcome is decided now (an armed outcome, else `DATA_ERROR` for a value
    /// Walmart refuses, else `SUCCESS`); an armed failure makes the whole feed end in `ERROR`.
    static func submitFeed(_ request: WireRequest, query: [String: String], world: inout WalmartSandboxState, now: Int64)
        -> Result<WireResponse, WalmartSandboxError>
    {
        guard let feedType = query["feedType"], !feedType.isEmpty else { return .failure(.missingParam("feedType")) }
        guard ["inventory", "MP_INVENTORY", "price"].contains(feedType) else {
            return .failure(.invalidParam("feedType", "feedType must be inventory, MP_INVENTORY or price here"))
        }
        guard let parts = WalmartMultipart.parts(of: request.body, contentType: request.header("Content-Type")) else {
            return .failure(WalmartSandboxError(status: 415, code: "UNSUPPORTED_MEDIA_TYPE", field: "Content-Type",
                                                description: "a feed is multipart/form-data", category: "REQUEST"))
        }
        guard let file = parts.first(where: { $0.name == "file" }) else { return .failure(.invalid("file", "the file part is required")) }
        guard file.data.count <= world.limits.maxFeedBytes else {
            return .failure(WalmartSandboxError(status: 413, code: "INVALID_REQUEST_CONTENT", field: "file",
                                                description: "the feed file is larger than \(world.limits.maxFeedBytes) bytes"))
        }
        if let perHour = world.limits.feedsPerHour {
            let recent = world.feeds.values.filter { $0.submittedAt > now - 3_600_000 }
            if recent.count >= perHour {
                world.throttled += 1
                let oldest = recent.map(\.submittedAt).min() ?? now
                return .failure(throttle(retryAfter: Int(max(1, (oldest + 3_600_000 - now + 999) / 1000)), now: now))
            }
        }
        let items: [WalmartSandboxFeed.Item]
        switch feedItems(file.data, feedType: feedType) {
        case let .success(read): items = read
        case let .failure(error): return .failure(error)
        }
        world.feedsSubmitted += 1
        let serial = String(world.feedsSubmitted, radix: 16, uppercase: true)
        let feedID = String(repeating: "0", count: max(0, 32 - serial.count)) + serial + "@AQMBCgA"
        var feed = WalmartSandboxFeed(feedID: feedID, feedType: feedType, submittedAt: now, items: [])
        for var item in items {
            if let index = world.feedOutcomes.firstIndex(where: { $0.sku == item.sku && $0.times > 0 }) {
                let outcome = world.feedOutcomes[index]
                item.outcome = outcome.status
                item.error = .init(type: outcome.status, code: outcome.code, description: outcome.description)
                world.feedOutcomes[index].times -= 1
                if world.feedOutcomes[index].times <= 0 { world.feedOutcomes.remove(at: index) }
            }
            feed.items.append(item)
        }
        if world.failingFeeds > 0 {
            world.failingFeeds -= 1
            feed.failure = .init(type: "SYSTEM_ERROR", code: "ERR_INT_SYS_0000001", description: "sandbox: the feed could not be processed")
        }
        world.feeds[feedID] = feed
        return .success(json(200, ["feedId": feedID]))
    }

    /// The items of a feed file: 1.4 inventory (`InventoryHeader`/`Inventory`), 1.5 (`inventoryHeader`/`inventory` with
    /// `shipNodes`), 1.7 price (`PriceHeader`/`Price`). An item with a value Walmart would refuse is `DATA_ERROR`.
    static func feedItems(_ data: Data, feedType: String) -> Result<[WalmartSandboxFeed.Item], WalmartSandboxError> {
        guard let file = WalmartJSON.object(data) else { return .failure(.invalid("file", "the feed file is not a JSON object")) }
        let key = feedType == "price" ? "Price" : feedType == "inventory" ? "Inventory" : "inventory"
        guard let list = file[key] as? [Any] else { return .failure(.invalid("file", "the feed file has no \(key) list")) }
        var items: [WalmartSandboxFeed.Item] = []
        for (index, entry) in list.enumerated() {
            let object = entry as? [String: Any] ?? [:]
            let sku = WalmartJSON.string(object["sku"]) ?? ""
            var item = WalmartSandboxFeed.Item(sku: sku, index: index, outcome: "SUCCESS")
            let problem: WalmartSandboxError?
            if feedType == "price" {
                switch priceItem(object) {
                case let .success((_, entry)): item.price = entry; problem = nil
                case let .failure(error): problem = error
                }
            } else {
                var node = object
                if feedType == "MP_INVENTORY", let nodes = object["shipNodes"] as? [Any], let first = nodes.first as? [String: Any] {
                    node["quantity"] = first["quantity"]
                }
                switch inventoryItem(node) {
                case let .success((_, amount)) where amount >= 0: item.quantity = amount; problem = nil
                case .success: problem = .invalid("quantity.amount", "quantity must not be negative")
                case let .failure(error): problem = error
                }
            }
            if let problem {
                item.outcome = "DATA_ERROR"
                item.error = .init(type: "DATA_ERROR", code: "ERR_EXT_DATA_0101001", description: "\(problem.field ?? "item"): \(problem.description)")
            }
            items.append(item)
        }
        return .success(items)
    }

    /// Applies what processed feeds' successful items set, once, when their time has come.
    static func settleFeeds(_ world: inout WalmartSandboxState, now: Int64) {
        for (id, feed) in world.feeds where !feed.applied && feed.status(at: now, limits: world.limits) != "RECEIVED"
            && feed.status(at: now, limits: world.limits) != "INPROGRESS" {
            if feed.failure == nil {
                for item in feed.items where item.outcome == "SUCCESS" {
                    if let quantity = item.quantity {
                        world.inventory[item.sku] = quantity
                        world.stockHistory[item.sku, default: []].append(quantity)
                    }
                    if let price = item.price {
                        world.prices[item.sku] = price
                        world.priceHistory[item.sku, default: []].append(price.amount)
                    }
                }
            }
            world.feeds[id]?.applied = true
        }
    }

    /// `getFeedItemStatus`: `GET /v3/feeds/{feedId}?includeDetails=&offset=&limit=` (`limit` at most 50).
    static func feedStatus(_ feedID: String, query: [String: String], world: WalmartSandboxState, now: Int64)
        -> Result<WireResponse, WalmartSandboxError>
    {
        guard let feed = world.feeds[feedID] else { return .failure(.notFound("no feed \(feedID)", api: "GMP_FEED_API")) }
        guard let offset = Int(query["offset"] ?? "0"), offset >= 0 else { return .failure(.invalidParam("offset", "offset must be 0 or more")) }
        guard let limit = Int(query["limit"] ?? "50"), (1...50).contains(limit) else {
            return .failure(.invalidParam("limit", "limit must be 1 to 50"))
        }
        let status = feed.status(at: now, limits: world.limits)
        let done = status == "PROCESSED"
        var body: [String: Any] = [
            "feedId": feed.feedID, "feedStatus": status, "itemsReceived": feed.items.count,
            "itemsSucceeded": done ? feed.items.filter { $0.outcome == "SUCCESS" }.count : 0,
            "itemsFailed": done ? feed.items.filter { $0.outcome != "SUCCESS" }.count : (status == "ERROR" ? feed.items.count : 0),
            "itemsProcessing": done || status == "ERROR" ? 0 : feed.items.count,
            "offset": offset, "limit": limit,
        ]
        if let failure = feed.failure, status == "ERROR" {
            body["ingestionErrors"] = ["ingestionError": [["type": failure.type, "code": failure.code, "description": failure.description]]]
        }
        if query["includeDetails"] == "true" {
            let page = feed.items.dropFirst(offset).prefix(limit)
            body["itemDetails"] = ["itemIngestionStatus": page.map { item -> [String: Any] in
                var detail: [String: Any] = ["martId": 0, "sku": item.sku, "index": item.index,
                                             "ingestionStatus": done ? item.outcome : "INPROGRESS"]
                if done, let error = item.error {
                    detail["ingestionErrors"] = ["ingestionError": [["type": error.type, "code": error.code, "description": error.description]]]
                }
                return detail
            }]
        }
        return .success(json(200, body))
    }

    /// `getAllFeedStatuses`: `GET /v3/feeds?feedId=&offset=&limit=`, newest first.
    static func allFeeds(query: [String: String], world: WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        let offset = max(Int(query["offset"] ?? "0") ?? 0, 0)
        let limit = min(max(Int(query["limit"] ?? "50") ?? 50, 1), 50)
        var feeds = world.feeds.values.sorted { ($0.submittedAt, $0.feedID) > ($1.submittedAt, $1.feedID) }
        if let id = query["feedId"], !id.isEmpty { feeds = feeds.filter { $0.feedID == id } }
        let page = feeds.dropFirst(offset).prefix(limit).map { feed -> [String: Any] in
            let status = feed.status(at: now, limits: world.limits)
            return [
                "feedId": feed.feedID, "feedType": feed.feedType, "feedStatus": status, "itemsReceived": feed.items.count,
                "itemsSucceeded": status == "PROCESSED" ? feed.items.filter { $0.outcome == "SUCCESS" }.count : 0,
                "itemsFailed": status == "PROCESSED" ? feed.items.filter { $0.outcome != "SUCCESS" }.count : 0,
                "itemsProcessing": status == "PROCESSED" || status == "ERROR" ? 0 : feed.items.count,
                "feedDate": feed.submittedAt, "modifiedDtm": feed.submittedAt,
            ]
        }
        return .success(json(200, ["totalResults": feeds.count, "offset": offset, "limit": limit, "results": ["feed": page]]))
    }
}
