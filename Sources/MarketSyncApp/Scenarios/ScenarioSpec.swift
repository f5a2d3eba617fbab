public import Foundation

/// A replay scenario as written in `scenario.yaml`: the instant it happens at, the fake credentials, the
/// config, and steps each with its catalog, cassettes (`<step>.<channel>.cassette.json`) and expected outcome.
struct ScenarioSpec: Decodable, Sendable {
    public var description: String
    /// ISO 8601 instant the scenario's clock starts at.
    public var now: String
    /// Environment for the config's credentials: fake values only.
    var env: [String: String]
    /// The config file, relative to the scenario folder (default `marketsync.yaml`).
    public var config: String?
    /// Per channel, credentials the recording sandbox checks instead of the config's (to record a rejection).
    var sandboxCredentials: [String: [String: String]]?
    public var steps: [Step]

    enum CodingKeys: String, CodingKey {
        case description, now, env, config, steps
        case sandboxCredentials = "sandbox_credentials"
    }

    /// One command of the scenario.
    public struct Step: Decodable, Sendable {
        enum CodingKeys: String, CodingKey {
            case name, run, advance, catalog, ship, sandbox, expect
            case fullPlan = "full_plan"
        }
        public var name: String
        /// `sync` or `ship`.
        public var run: String
        /// Clock advance before the step (`10m`).
        public var advance: String?
        /// A catalog file replacing the config's sources for this step.
        public var catalog: String?
        /// Plan every SKU, not only the changed ones (`sync --full-plan`).
        public var fullPlan: Bool?
        public var ship: ShipSpec?
        /// Admin calls made to the sandbox before the step, when recording.
        public var sandbox: [AdminCall]?
        public var expect: Expectation
    }

    /// A shipment to confirm.
    struct ShipSpec: Decodable, Sendable {
        public var channel: String
        public var order: String
        public var carrier: String
        public var tracking: String
    }

    /// A call to a sandbox's admin endpoint.
    struct AdminCall: Decodable, Sendable {
        public var channel: String
        public var path: String
        public var body: ScenarioJSON?
    }

    /// What must hold after the step.
    struct Expectation: Decodable, Sendable {
        public var exit: Int
        public var channels: [String: ChannelExpectation]?
        public var acknowledged: [String: [String: OfferExpectation]]?
        public var orders: [String: [String: OrderExpectation]]?
        public var pendingOutbox: Int?
        public var failedOutbox: Int?
        public var rejectedRows: Int?

        enum CodingKeys: String, CodingKey {
            case exit, channels, acknowledged, orders
            case pendingOutbox = "pending_outbox", failedOutbox = "failed_outbox", rejectedRows = "rejected_rows"
        }
    }

    /// Expected counters of one channel's result (only those given are checked).
    struct ChannelExpectation: Decodable, Sendable {
        public var planned: Int?
        public var held: Int?
        public var superseded: Int?
        public var pushed: Int?
        public var unchanged: Int?
        public var failed: Int?
        public var retries: Int?
        public var ordersNew: Int?
        public var ordersUpdated: Int?
        public var shipmentsConfirmed: Int?
        /// A text the abort reason must contain; `""` means it must not have stopped.
        public var aborted: String?

        enum CodingKeys: String, CodingKey {
            case planned, held, superseded, pushed, unchanged, failed, retries, aborted
            case ordersNew = "orders_new", ordersUpdated = "orders_updated", shipmentsConfirmed = "shipments_confirmed"
        }
    }

    /// What the channel must have acknowledged for a SKU.
    struct OfferExpectation: Decodable, Sendable {
        public var quantity: Int64?
        /// `"38.50 CNY"`.
        public var price: String?
    }

    /// What the store must hold for an order.
    struct OrderExpectation: Decodable, Sendable {
        public var state: String?
        public var rawStatus: String?
        public var lines: [String: Int64]?
        public var history: [String]?
        public var tracking: String?

        enum CodingKeys: String, CodingKey {
            case state, lines, history, tracking
            case rawStatus = "raw_status"
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
