/// Everything the Mirakl sandbox holds: offers, imports, orders, armed faults and settings. It is what
/// `GET /_sandbox/state` answers and what the state file stores.
struct MiraklSandboxState: Sendable, Hashable, Codable {
    /// Offers by `shop_sku`.
    var offers: [String: MiraklSandboxOffer] = [:]
    /// Imports by id.
    var imports: [String: MiraklSandboxImport] = [:]
    /// Orders by `order_id`.
    var orders: [String: MiraklSandboxOrder] = [:]
    var nextImportID: Int64 = 1001
    var nextOfferID: Int64 = 5001
    var nextRefundID: Int64 = 9001
    /// What the next import does wrong, once.
    var importFault: ImportFault?
    /// Faults still armed, in the order they were added.
    var faults: [MiraklSandboxFault] = []
    /// Calls received, by Mirakl name (refused ones included).
    var requestCounts: [String: Int] = [:]
    /// Calls answered 429 (faults and limits).
    var throttled = 0
    /// The shortest time between two calls of one kind (`OF24`: 60), in seconds; faster calls are answered 429 with
    /// the seconds left in `Retry-After`.
    var limits: [String: Int] = [:]
    /// When each kind of call was last served (Unix seconds).
    var lastCall: [String: Int64] = [:]
    var settings = Settings()

    /// What the next import does wrong.
    struct ImportFault: Sendable, Hashable, Codable {
        /// SKUs whose line fails, with the error report's message.
        var failSKUs: [String: String]?
        /// Fails the whole import with this `reason_status`.
        var failImport: String?

        enum CodingKeys: String, CodingKey { case failSKUs = "fail_skus", failImport = "fail_import" }
    }

    /// How the sandbox behaves.
    struct Settings: Sendable, Hashable, Codable {
        /// Seconds an import waits before it runs.
        var waitingSeconds: Int64 = 10
        /// Seconds an import runs before it completes.
        var runningSeconds: Int64 = 20
        /// OR11 lists from `start_update_date` minus this many seconds, as Mirakl subtracts "a time delta to ensure
        /// no orders are missed" (docs/channels.md, "Orders and their states").
        var orderDeltaSeconds: Int64 = 300
        /// Whether OR21 may accept some lines and refuse others (an operator setting).
        var partialAcceptance = true
        /// Whether accepted orders are debited at once (`SHIPPING` straight after OR21) instead of waiting for an
        /// admin debit in `WAITING_DEBIT_PAYMENT`.
        var debitOnAcceptance = false
        /// The operator's currency.
        var currency = "EUR"

        enum CodingKeys: String, CodingKey {
            case waitingSeconds = "waiting_seconds", runningSeconds = "running_seconds", orderDeltaSeconds = "order_delta_seconds"
            case partialAcceptance = "partial_acceptance", debitOnAcceptance = "debit_on_acceptance", currency
        }

        init() {}

        /// Decodes leniently: a missing setting keeps its default.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            waitingSeconds = try container.decodeIfPresent(Int64.self, forKey: .waitingSeconds) ?? 10
            runningSeconds = try container.decodeIfPresent(Int64.self, forKey: .runningSeconds) ?? 20
            orderDeltaSeconds = try container.decodeIfPresent(Int64.self, forKey: .orderDeltaSeconds) ?? 300
            partialAcceptance = try container.decodeIfPresent(Bool.self, forKey: .partialAcceptance) ?? true
            debitOnAcceptance = try container.decodeIfPresent(Bool.self, forKey: .debitOnAcceptance) ?? false
            currency = try container.decodeIfPresent(String.self, forKey: .currency) ?? "EUR"
        }
    }

    enum CodingKeys: String, CodingKey {
        case offers, imports, orders, nextImportID = "next_import_id", nextOfferID = "next_offer_id", nextRefundID = "next_refund_id"
        case importFault = "import_fault", faults, requestCounts = "request_counts", throttled, limits, lastCall = "last_call"
        case settings
    }

    /// An empty world.
    init() {}

    /// Decodes leniently: a state file that lacks a section starts that section empty.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        offers = try container.decodeIfPresent([String: MiraklSandboxOffer].self, forKey: .offers) ?? [:]
        imports = try container.decodeIfPresent([String: MiraklSandboxImport].self, forKey: .imports) ?? [:]
        orders = try container.decodeIfPresent([String: MiraklSandboxOrder].self, forKey: .orders) ?? [:]
        nextImportID = try container.decodeIfPresent(Int64.self, forKey: .nextImportID) ?? 1001
        nextOfferID = try container.decodeIfPresent(Int64.self, forKey: .nextOfferID) ?? 5001
        nextRefundID = try container.decodeIfPresent(Int64.self, forKey: .nextRefundID) ?? 9001
        importFault = try container.decodeIfPresent(ImportFault.self, forKey: .importFault)
        faults = try container.decodeIfPresent([MiraklSandboxFault].self, forKey: .faults) ?? []
        requestCounts = try container.decodeIfPresent([String: Int].self, forKey: .requestCounts) ?? [:]
        throttled = try container.decodeIfPresent(Int.self, forKey: .throttled) ?? 0
        limits = try container.decodeIfPresent([String: Int].self, forKey: .limits) ?? [:]
        lastCall = try container.decodeIfPresent([String: Int64].self, forKey: .lastCall) ?? [:]
        settings = try container.decodeIfPresent(Settings.self, forKey: .settings) ?? Settings()
    }
}
