internal import Foundation
internal import Logging
public import MarketSync

extension WalmartAdapter {
    /// Uploads one feed file (`POST /v3/feeds?feedType=…`, multipart with a `file` part) and returns its `feedId`.
    func submitFeed(type: String, operation: String, file: Data, shipNode: String?) async throws -> PushReceipt {
        var query = [("feedType", type)]
        if let shipNode { query.append(("shipNode", shipNode)) }
        let multipart = WalmartMultipart.encode(file: file, filename: "\(type).json")
        let answer = try await client.call(WalmartRequest(operation, "POST", path: ["v3", "feeds"], query: query,
                                                          body: multipart.body, contentType: multipart.contentType,
                                                          key: "feedType=\(type)"))
        guard let feedID = WalmartJSON.string(answer.object["feedId"]), !feedID.isEmpty else {
            throw answer.violation("no feedId in the answer", field: "feedId")
        }
        logger.debug("walmart feed submitted", metadata: [LogKey.channel: "\(channel)", WalmartLogKey.operation: "\(operation)"])
        return PushReceipt(feedID)
    }

    /// Where a feed stands (`getFeedItemStatus`: `GET /v3/feeds/{feedId}?includeDetails=true&offset=&limit=50`;
    /// docs/channels.md, "Feeds and how their results are read"):
    /// - `RECEIVED`, `INPROGRESS` → `.processing`;
    /// - `ERROR` → every item retryable (`.channelUnavailable`), with the feed's ingestion errors as the reason; so is
    ///   a feed Walmart does not know (404 `CONTENT_NOT_FOUND`);
    /// - `PROCESSED` → the item details, page by page until every item received is read, mapped back by SKU to the
    ///   items sent: `SUCCESS` accepted, `DATA_ERROR` a permanent `.validation` with the ingestion error's text,
    ///   `SYSTEM_ERROR` and `TIMEOUT_ERROR` retryable, an item still `INPROGRESS` makes the whole feed `.processing`.
    ///   An item the details never mention is retryable (it is sent again), never taken as accepted.
    public func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        let bySKU = Dictionary(grouping: items) { Self.walmartSKU(sku: $0.sku, listing: $0.listing) }
        var results: [Int64: ItemResult] = [:]
        var offset = 0
        var pages = 0
        while true {
            let answer: WalmartAnswer
            do {
                answer = try await client.call(WalmartRequest(
                    "getFeedItemStatus", "GET", path: ["v3", "feeds", receipt.id],
                    query: [("includeDetails", "true"), ("offset", String(offset)), ("limit", String(WalmartSettings.feedDetailPageSize))],
                    key: "feed \(receipt.id)"))
            } catch let error as MarketSyncError where error.walmartBaseCode == WalmartErrorMapper.notFoundCode {
                // Walmart does not know the feed (it never took it, or forgot it): its items are sent again rather than
                // asked about forever.
                return .completed(items.map { item in
                    ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                        .channelUnavailable, "\(channel) getFeedItemStatus: Walmart knows no feed \(receipt.id); sent again later",
                        channel: channel, sku: item.sku, key: "feedId", underlying: error))
                })
            }
            guard let feedStatus = WalmartJSON.string(answer.object["feedStatus"]) else {
                throw answer.violation("no feedStatus in the feed's status", field: "feedStatus")
            }
            switch feedStatus {
            case "RECEIVED", "INPROGRESS":
                return .processing
            case "ERROR":
                let reason = Self.ingestionText(answer.object["ingestionErrors"]) ?? "no ingestion errors given"
                return .completed(items.map { item in
                    ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                        .channelUnavailable, "\(channel) feed \(receipt.id) ended in ERROR: \(reason); sent again later",
                        channel: channel, sku: item.sku, key: "feedStatus"))
                })
            case "PROCESSED":
                break
            default:
                throw answer.violation("feedStatus \"\(feedStatus)\" is none of RECEIVED, INPROGRESS, PROCESSED, ERROR", field: "feedStatus")
            }
            let received = answer.object["itemsReceived"].map(WalmartJSON.int64)
            guard let itemsReceived = received ?? 0 else {
                throw answer.violation("itemsReceived is not a whole number", field: "itemsReceived")
            }
            let details: [Any]
            switch (answer.object["itemDetails"] as? [String: Any])?["itemIngestionStatus"] {
            case nil, is NSNull: details = []
            case let list as [Any]: details = list
            default: throw answer.violation("itemDetails.itemIngestionStatus is not a list", field: "itemDetails")
            }
            for (index, entry) in details.enumerated() {
                guard let detail = entry as? [String: Any], let sku = WalmartJSON.string(detail["sku"]),
                      let status = WalmartJSON.string(detail["ingestionStatus"]) else {
                    throw answer.violation("item detail \(offset + index) lacks sku or ingestionStatus", field: "itemIngestionStatus")
                }
                guard let sent = bySKU[sku] else { continue }
                for item in sent where results[item.item] == nil {
                    switch itemResult(item, status: status, detail: detail, feed: receipt.id) {
                    case let .some(result): results[item.item] = result
                    case .none:
                        if status == "INPROGRESS" { return .processing }
                        throw answer.violation("ingestionStatus \"\(status)\" of SKU \(sku) is not one Walmart documents",
                                               field: "ingestionStatus")
                    }
                }
            }
            offset += details.count
            pages += 1
            if details.isEmpty || Int64(offset) >= itemsReceived || pages > Int(itemsReceived) / WalmartSettings.feedDetailPageSize + 2 {
                break
            }
        }
        return .completed(items.map { item in
            results[item.item] ?? ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                .channelUnavailable, "\(channel) feed \(receipt.id) reported nothing for this SKU; sent again later",
                channel: channel, sku: item.sku, key: "itemDetails"))
        })
    }

    /// The result of one item's ingestion status; nil for `INPROGRESS` or a status Walmart does not document.
    private func itemResult(_ item: SubmittedItem, status: String, detail: [String: Any], feed: String) -> ItemResult? {
        switch status {
        case "SUCCESS":
            return .accepted(item.item, item.sku)
        case "DATA_ERROR":
            let text = Self.ingestionText(detail["ingestionErrors"]) ?? "DATA_ERROR"
            let code = Self.firstIngestionCode(detail["ingestionErrors"])
            return ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                .validation, "\(channel) feed \(feed): \(text)", channel: channel, sku: item.sku, key: code ?? "DATA_ERROR"))
        case "SYSTEM_ERROR", "TIMEOUT_ERROR":
            let text = Self.ingestionText(detail["ingestionErrors"]) ?? status
            return ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                .channelUnavailable, "\(channel) feed \(feed): \(status) \(text); sent again later", channel: channel, sku: item.sku,
                key: status))
        default:
            return nil
        }
    }

    /// `CODE: description; …` of an `ingestionErrors.ingestionError` list (a short excerpt), nil when empty.
    static func ingestionText(_ value: Any?) -> String? {
        guard let list = (value as? [String: Any])?["ingestionError"] as? [Any], !list.isEmpty else { return nil }
        let text = list.compactMap { $0 as? [String: Any] }.map { error in
            [WalmartJSON.string(error["code"]), WalmartJSON.string(error["description"])].compactMap { $0 }.joined(separator: ": ")
        }.joined(separator: "; ")
        return ResponseExcerpt.make(text, redacting: [])
    }

    static func firstIngestionCode(_ value: Any?) -> String? {
        ((value as? [String: Any])?["ingestionError"] as? [Any])?.lazy.compactMap { ($0 as? [String: Any])?["code"] as? String }.first
    }
}
