internal import Foundation

/// A replay scenario as written in `scenario.yaml`: the instant it happens at, the fake credentials, the
/// config, and steps each with its catalog, cassettes (`<step>.<channel>.cassette.json`), the partner files a file
/// channel's drop gets, and expected outcome.
struct ScenarioSpec: Decodable, Sendable {
    /// One line saying what the scenario shows, printed with its verdict.
    public var description: String
    /// ISO 8601 instant the scenario's clock starts at.
    public var now: String
    /// Environment for the config's credentials: fake values only.
    var env: [String: String]
    /// The config file, relative to the scenario folder (default `marketsync.yaml`).
    public var config: String?
    /// Per channel, credentials the recording sandbox checks instead of the config's (to record a rejection).
    var sandboxCredentials: [String: [String: String]]?
    /// The commands, run in order on one store and one clock.
    public var steps: [Step]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case description, now, env, config, steps
        case sandboxCredentials = "sandbox_credentials"
    }

    /// One command of the scenario.
    public struct Step: Decodable, Sendable {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, run, advance, catalog, ship, sandbox, expect
            case fullPlan = "full_plan", partnerFiles = "partner_files", blockArchive = "block_archive"
        }
        /// Names the step in messages and in its cassette files (`<step>.<channel>.cassette.json`).
        public var name: String
        /// `sync` or `ship`.
        public var run: String
        /// Clock advance before the step (`10m`).
        public var advance: String?
        /// A catalog file replacing the config's sources for this step.
        public var catalog: String?
        /// Plan every SKU, not only the changed ones (`sync --full-plan`).
        public var fullPlan: Bool?
        /// The shipment of a `ship` step.
        public var ship: ShipSpec?
        /// Admin calls made to the sandbox before the step, when recording.
        public var sandbox: [AdminCall]?
        /// Files a partner leaves in its drop before the step (file channels only).
        var partnerFiles: [PartnerFile]?
        /// File channels whose archive folder is replaced by a plain file for this step, so archiving a partner's
        /// file fails after its orders are stored; the folder is put back after the step.
        var blockArchive: [String]?
        /// What must hold after the step.
        public var expect: Expectation
    }

    /// A shipment to confirm.
    struct ShipSpec: Decodable, Sendable {
        /// The channel's id in the config.
        public var channel: String
        /// The channel's order id.
        public var order: String
        /// The carrier, as the channel names it.
        public var carrier: String
        /// The tracking number.
        public var tracking: String
    }

    /// A call to a sandbox's admin endpoint.
    struct AdminCall: Decodable, Sendable {
        /// The channel whose sandbox is called.
        public var channel: String
        /// The admin path (`/_sandbox/orders`).
        public var path: String
        /// The JSON body; without one the call is a GET.
        public var body: ScenarioJSON?
    }

    /// What must hold after the step.
    struct Expectation: Decodable, Sendable {
        /// The exit code the step must end with (an `ExitStatus` value).
        public var exit: Int
        /// Counters by channel id.
        public var channels: [String: ChannelExpectation]?
        /// By channel id, then SKU: what the channel must have acknowledged.
        public var acknowledged: [String: [String: OfferExpectation]]?
        /// By channel id, then order id: what the store must hold.
        public var orders: [String: [String: OrderExpectation]]?
        /// Entries still queued, over the channels of the step's summary.
        public var pendingOutbox: Int?
        /// Entries parked, over every channel.
        public var failedOutbox: Int?
        /// Catalog rows the step's import must have rejected.
        public var rejectedRows: Int?
        /// By file channel id: what its drop's folders hold, and golden files compared byte for byte.
        var files: [String: FileExpectation]?
        /// By SKU: the units every open order line of every channel holds back now, as the store sums them for the
        /// planner (a line refused by the seller, cancelled, shipped or refunded holds none).
        public var reserved: [String: Int64]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case exit, channels, acknowledged, orders, reserved, files
            case pendingOutbox = "pending_outbox", failedOutbox = "failed_outbox", rejectedRows = "rejected_rows"
        }
    }

    /// Expected counters of one channel's result (only those given are checked).
    struct ChannelExpectation: Decodable, Sendable {
        /// Expected `ChannelResult.planned`.
        public var planned: Int?
        /// Expected `ChannelResult.held`.
        public var held: Int?
        /// Expected `ChannelResult.superseded`.
        public var superseded: Int?
        /// Expected `ChannelResult.pushed`.
        public var pushed: Int?
        /// Expected `ChannelResult.unchanged`.
        public var unchanged: Int?
        /// Expected `ChannelResult.failed`.
        public var failed: Int?
        /// Expected `ChannelResult.retries`.
        public var retries: Int?
        /// Expected `ChannelResult.ordersNew` (`orders_new`).
        public var ordersNew: Int?
        /// Expected `ChannelResult.ordersUpdated` (`orders_updated`).
        public var ordersUpdated: Int?
        /// Expected `ChannelResult.shipmentsConfirmed` (`shipments_confirmed`).
        public var shipmentsConfirmed: Int?
        /// Expected `ChannelResult.answersQueued` (`answers_queued`): answers the engine queued for orders waiting for one.
        public var answersQueued: Int?
        /// Expected `ChannelResult.linesRefused` (`lines_refused`): lines refused in those acceptances.
        public var linesRefused: Int?
        /// Expected `ChannelResult.ordersAnswered` (`orders_answered`): acceptances and acknowledgements the channel took.
        public var ordersAnswered: Int?
        /// Expected `ChannelResult.illegalTransitions` (`illegal_transitions`): pulled copies held back as illegal moves.
        public var illegalTransitions: Int?
        /// The code the channel stopped with (`unauthorized`, `rate_limited`); `""` for "did not stop".
        public var stopped: String?
        /// How many errors the channel reported (`ChannelResult.errors`), a failure after the orders were stored
        /// (archiving a partner's file) included, which changes no counter and no exit code.
        public var errors: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case planned, held, superseded, pushed, unchanged, failed, retries, stopped, errors
            case ordersNew = "orders_new", ordersUpdated = "orders_updated", shipmentsConfirmed = "shipments_confirmed"
            case answersQueued = "answers_queued", linesRefused = "lines_refused", ordersAnswered = "orders_answered"
            case illegalTransitions = "illegal_transitions"
        }
    }

    /// What the channel must have acknowledged for a SKU.
    struct OfferExpectation: Decodable, Sendable {
        /// The acknowledged quantity.
        public var quantity: Int64?
        /// `"38.50 CNY"`.
        public var price: String?
    }

    /// What the store must hold for an order.
    struct OrderExpectation: Decodable, Sendable {
        /// The `OrderState` raw value the order must be in (`readyToShip`).
        public var state: String?
        /// The channel's own status text (`raw_status`).
        public var rawStatus: String?
        /// Units per SKU, summed over the order's lines.
        public var lines: [String: Int64]?
        /// The states the order went through, oldest first.
        public var history: [String]?
        /// The tracking number stored on the order.
        public var tracking: String?
        /// By the channel's line id: the `OrderState` raw value of the line (its own state, or its order's when the
        /// channel reports none). Every line named must exist; lines not named are not checked.
        public var lineStates: [String: String]?
        /// The answer the engine queued for the order: `acceptance`, `acknowledgement`, or `none`.
        public var answer: String?
        /// By the channel's line id: `accepted` or `refused`, the seller's decision the store recorded. Compared
        /// whole: a line decided but not named here fails the check.
        public var decisions: [String: String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case state, lines, history, tracking, answer, decisions
            case rawStatus = "raw_status", lineStates = "line_states"
        }
    }
}

/// Any JSON value, decodable from YAML or JSON.
enum ScenarioJSON: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ScenarioJSON])
    case object([String: ScenarioJSON])

    /// Decodes any YAML or JSON value. Numbers become `Double`, so a whole number is exact only up to 2^53.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .number(Double(value)) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ScenarioJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: ScenarioJSON].self)) }
    }

    /// The value as Foundation JSON objects.
    var foundation: Any {
        switch self {
        case .null: NSNull()
        case let .bool(value): value
        case let .number(value): value.rounded() == value && abs(value) < 1e15 ? Int64(value) as Any : value as Any
        case let .string(value): value
        case let .array(values): values.map(\.foundation)
        case let .object(values): values.mapValues(\.foundation)
        }
    }

    /// Compact JSON bytes.
    public func data() throws -> Data {
        try JSONSerialization.data(withJSONObject: foundation, options: [.sortedKeys, .fragmentsAllowed])
    }
}
