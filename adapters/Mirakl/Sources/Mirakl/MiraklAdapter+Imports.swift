internal import Foundation
internal import Logging
public import MarketSync

extension MiraklAdapter {
    /// Where an OF24 import stands, with OF02 (docs/channels.md, "Asynchronous imports and how their results are read"):
    ///
    /// - `WAITING`, `WAITING_SYNCHRONIZATION_PRODUCT`, `QUEUED`, `RUNNING` (and a status this version does not know) →
    ///   `.processing`;
    /// - `COMPLETE` with no line in error and no error report → every item accepted;
    /// - `COMPLETE` with `lines_in_error > 0` or `has_error_report` → the OF03 report: each item whose SKU it names is
    ///   rejected for good (`.validation` with the channel's `error-message`); if the report names fewer lines than
    ///   `lines_in_error`, the items it does not name are sent again (retryable), never counted as accepted;
    /// - `FAILED` → every item retryable, with `reason_status`;
    /// - an import the channel does not know (404) → every item retryable: the import was lost, the records are sent
    ///   again (whole records, so a resend is harmless).
    ///
    /// Mirakl allows OF02 once a minute: an import asked about less than `statusInterval` ago is `.processing`
    /// without a call.
    public func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        let id = receipt.id
        guard book.mayAsk(about: id, at: clock.now(), interval: settings.statusInterval) else { return .processing }
        let subject = "import \(id)"
        let response = try await send(.of02, "GET", "/api/offers/imports/\(Self.segment(id))")
        if response.status == 404 {
            book.forget(id)
            return .completed(retry(items, "\(channel) \(subject) is unknown to the channel; the offers are sent again"))
        }
        let answer = try errors.object(response, call: .of02, subject: subject)
        guard let status = MiraklJSON.string(answer["status"]) else {
            throw errors.unreadable(response.body, call: .of02, field: "status", subject: subject)
        }
        switch status {
        case "COMPLETE":
            book.forget(id)
            let inError = MiraklJSON.integer(answer["lines_in_error"]) ?? 0
            guard inError > 0 || MiraklJSON.bool(answer["has_error_report"]) == true else {
                return .completed(items.map { .accepted($0.item, $0.sku) })
            }
            return .completed(try await resultsFromErrorReport(id, items: items, linesInError: Int(max(inError, 0))))
        case "FAILED":
            book.forget(id)
            let reason = MiraklJSON.string(answer["reason_status"]).map { ResponseExcerpt.make(Data($0.utf8), redacting: errors.secrets) }
            return .completed(retry(items, "\(channel) \(subject) FAILED: \(reason ?? "no reason_status given"); the offers are sent again"))
        default:
            logger.debug("mirakl import still processing", metadata: [
                LogKey.channel: "\(channel)", MiraklLogKey.importID: "\(id)", MiraklLogKey.status: "\(status)",
            ])
            return .processing
        }
    }

    /// Each item a retryable error with `message`.
    private func retry(_ items: [SubmittedItem], _ message: String) -> [ItemResult] {
        items.map { ItemResult(item: $0.item, sku: $0.sku, error: MarketSyncError(.channelUnavailable, message, channel: channel, sku: $0.sku)) }
    }

    /// The items' results from the import's OF03 error report. A report not there yet (404) or unreadable throws a
    /// retryable error: the engine asks again later.
    private func resultsFromErrorReport(_ id: String, items: [SubmittedItem], linesInError: Int) async throws -> [ItemResult] {
        let subject = "import \(id)"
        let response = try await send(.of03, "GET", "/api/offers/imports/\(Self.segment(id))/error_report", accept: "text/csv, */*")
        if response.status == 404 {
            throw MarketSyncError(.channelUnavailable, "\(channel) \(MiraklCall.of03) (\(subject)): the error report is not there yet",
                                  channel: channel, key: subject)
        }
        try errors.check(response, call: .of03, subject: subject)
        guard let report = MiraklErrorReport(response.body) else {
            throw errors.garbled(response, call: .of03)
        }
        var messages: [String: String] = [:]
        for row in report.rows where messages[row.sku] == nil { messages[row.sku] = row.message }
        let named = Set(items.map(\.sku.rawValue)).intersection(messages.keys)
        let unexplained = linesInError > named.count
        return items.map { item in
            if let message = messages[item.sku.rawValue] {
                let reason = ResponseExcerpt.make(Data(message.utf8), redacting: errors.secrets)
                return ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                    .validation, "\(channel) \(subject) rejected the offer: \(reason.isEmpty ? "no error-message given" : reason)",
                    channel: channel, sku: item.sku, key: subject))
            }
            if unexplained {
                return ItemResult(item: item.item, sku: item.sku, error: MarketSyncError(
                    .channelUnavailable, "\(channel) \(subject) reported \(linesInError) lines in error but its report names \(named.count) "
                    + "of the offers sent; sent again", channel: channel, sku: item.sku, key: subject))
            }
            return .accepted(item.item, item.sku)
        }
    }
}
