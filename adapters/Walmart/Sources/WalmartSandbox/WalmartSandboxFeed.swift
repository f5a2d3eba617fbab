/// A feed the sandbox took: its items as read from the file, each with the outcome decided when it came, and the
/// time it came. Its status follows the sandbox's clock: `RECEIVED`, then `INPROGRESS`, then `PROCESSED` (or `ERROR`
/// when armed to fail); what its successful items set takes effect once it is processed.
struct WalmartSandboxFeed: Sendable, Hashable, Codable {
    /// The `feedId` (with an `@`, as Walmart's are).
    var feedID: String
    /// `inventory`, `MP_INVENTORY` or `price`.
    var feedType: String
    /// When it came, epoch milliseconds.
    var submittedAt: Int64
    /// Its items, in file order.
    var items: [Item]
    /// When it ends in `ERROR`: the ingestion error given for the whole feed.
    var failure: IngestionError?
    /// Whether the successful items' values have been applied.
    var applied = false

    /// One item of the file and what becomes of it.
    struct Item: Sendable, Hashable, Codable {
        /// The SKU as sent.
        var sku: String
        /// Its position in the file.
        var index: Int
        /// `SUCCESS`, `DATA_ERROR`, `SYSTEM_ERROR` or `TIMEOUT_ERROR` (or anything an outcome armed).
        var outcome: String
        /// Why, when not `SUCCESS`.
        var error: IngestionError?
        /// The stock it sets, for an inventory item.
        var quantity: Int64?
        /// The price it sets, for a price item.
        var price: WalmartSandboxState.PriceEntry?
    }

    /// `{"type", "code", "description"}` of `ingestionErrors.ingestionError`.
    struct IngestionError: Sendable, Hashable, Codable {
        var type: String
        var code: String
        var description: String
    }

    /// The status at `now` (epoch milliseconds) under `limits`.
    func status(at now: Int64, limits: WalmartSandboxState.Limits) -> String {
        let age = now - submittedAt
        if age < limits.receivedSeconds * 1000 { return "RECEIVED" }
        if age < limits.processingSeconds * 1000 { return "INPROGRESS" }
        return failure == nil ? "PROCESSED" : "ERROR"
    }

    enum CodingKeys: String, CodingKey {
        case feedID = "feed_id", feedType = "feed_type", submittedAt = "submitted_at", items, failure, applied
    }
}

/// An outcome armed for a SKU: the next `times` feeds carrying the SKU give it `status` with this error.
struct WalmartSandboxFeedOutcome: Sendable, Hashable, Codable {
    /// The SKU.
    var sku: String
    /// `DATA_ERROR`, `SYSTEM_ERROR`, `TIMEOUT_ERROR` (or any text, to test an adapter against a status it does not know).
    var status: String
    /// The ingestion error's code.
    var code: String
    /// The ingestion error's text.
    var description: String
    /// Feeds it still acts on.
    var times: Int

    enum CodingKeys: String, CodingKey {
        case sku, status, code, description, times
    }

    /// Reads `{"sku", "status", "code", "description", "times"}`; `times` defaults to 1, code and text to generic ones.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sku = try container.decode(String.self, forKey: .sku)
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? "DATA_ERROR"
        code = try container.decodeIfPresent(String.self, forKey: .code) ?? "ERR_EXT_DATA_0100001"
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? "sandbox: item refused"
        times = try container.decodeIfPresent(Int.self, forKey: .times) ?? 1
    }
}
