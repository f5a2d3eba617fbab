public import Foundation
public import Logging
public import MarketSync
import EDI
import RetailEDI
import RetailFiles

/// Wires a partner on X12 (`adapter: x12`, Walmart's supplier link and others) over its file drop: the ISA/GS
/// identities and codes from `options:` (docs/configuration.md, "X12 channels"), the drop from `options.delivery`,
/// and the store for control numbers, the file ledger and kept answers. There is no sandbox: a local folder drop is
/// the stand-in.
public struct X12Factory: AdapterFactory {
    /// Where the delivery block's credential variables are read.
    let environment: [String: String]

    /// A factory reading delivery credentials from `environment` (the process's by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `adapter: x12` in a config.
    public let name = "x12"
    /// None under `credentials:`: a drop's login is under `options.delivery.credentials`.
    public let requiredCredentials: [String] = []
    /// The partner's profile, the shared EDI options and the delivery block.
    public let knownOptions: Set<String> = FileChannelOptions.ediKeys.union([
        "sender_id", "sender_qualifier", "receiver_id", "receiver_qualifier", "application_sender", "application_receiver", "usage",
        "acknowledgment_requested", "sku_qualifier", "unit", "inventory_quantity_qualifier", "price_identifier", "catalog_purpose",
        "transaction_sets",
    ])

    /// The transaction sets the adapter builds or reads.
    static let knownSets: Set<String> = ["846", "832", "850", "855", "997"]

    /// An adapter that can list the partner's outbox but keeps nothing (check-config): drawing a control number or
    /// recording a file throws `.config`.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        try make(settings, store: UnavailableRetailFileStore(channel: settings.id), clock: clock, logger: logger)
    }

    /// The adapter for a run, keeping its records in `store` (which must keep EDI records: `SQLiteStore` does).
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger,
                            store: any SyncStore) throws -> any ChannelAdapter {
        guard let store = store as? any RetailFileStore else {
            throw settings.configError("the store cannot keep EDI control numbers and files", key: "adapter")
        }
        return try make(settings, store: store, clock: clock, logger: logger)
    }

    private func make(_ settings: ChannelSettings, store: any RetailFileStore, clock: any SyncClock, logger: Logger) throws -> X12Adapter {
        let (drop, minimumAge) = try FileChannelOptions(settings: settings).drop(environment: environment)
        return X12Adapter(channel: settings.id, profile: try profile(settings), drop: drop, store: store, clock: clock, logger: logger,
                          minimumAge: minimumAge)
    }

    /// The partner's profile from `options:`; throws `.config` naming the key at fault.
    func profile(_ settings: ChannelSettings) throws -> X12Profile {
        let options = FileChannelOptions(settings: settings)
        func identity(_ key: String, _ what: String) throws -> String {
            let value = try options.required(key, what)
            guard value.count <= 15 else { throw options.error("\"\(value)\" is longer than 15 characters", key) }
            return value
        }
        func code(_ key: String, length: ClosedRange<Int>, default fallback: String) throws -> String {
            guard let value = try options.text(key) else { return fallback }
            guard length.contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw options.error("\"\(value)\" must be \(length.lowerBound == length.upperBound ? "\(length.lowerBound)" : "\(length.lowerBound) to \(length.upperBound)") letters or digits", key)
            }
            return value.uppercased()
        }
        let senderID = try identity("sender_id", "our interchange ID (ISA06)")
        let receiverID = try identity("receiver_id", "the partner's interchange ID (ISA08)")
        let usageText = try options.required("usage", "P (production) or T (test), ISA15")
        guard let usage = X12Usage(rawValue: usageText.uppercased()) else { throw options.error("\"\(usageText)\" must be P, T or I", "usage") }
        var sets: Set<String> = Self.knownSets
        if let text = try options.text("transaction_sets") {
            sets = Set(text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty })
            if let unknown = sets.subtracting(Self.knownSets).sorted().first {
                throw options.error("\"\(unknown)\" is not a set this adapter exchanges (846, 832, 850, 855, 997)", "transaction_sets")
            }
            guard !sets.isEmpty else { throw options.error("must name at least one set", "transaction_sets") }
        }
        let applicationSender = try options.text("application_sender")
        let applicationReceiver = try options.text("application_receiver")
        let x12 = try X12Settings(
            partner: settings.id, senderQualifier: try code("sender_qualifier", length: 2...2, default: "ZZ"), senderID: senderID,
            receiverQualifier: try code("receiver_qualifier", length: 2...2, default: "ZZ"), receiverID: receiverID,
            applicationSender: applicationSender, applicationReceiver: applicationReceiver, usage: usage,
            acknowledgmentRequested: try options.flag("acknowledgment_requested") ?? false, timeZone: settings.timeZone.zone,
            currency: try options.currency(), skuQualifier: try code("sku_qualifier", length: 2...2, default: "SK"),
            unit: try code("unit", length: 2...2, default: "EA"),
            inventoryQuantityQualifier: try code("inventory_quantity_qualifier", length: 1...3, default: "33"),
            priceIdentifier: try code("price_identifier", length: 3...3, default: "UCP"),
            catalogPurposeCode: try code("catalog_purpose", length: 2...2, default: "PC"), transactionSets: sets)
        return X12Profile(settings: x12, options: try options.retailOptions())
    }

    /// Files carry no secrets to redact and no HTTP to record.
    public func cassetteRules(signatureCheck: Bool) -> CassetteRules { .standard }

    /// Nothing is signed.
    public let signingCredential: String? = nil

    /// No sandbox: a `file://` delivery URL is the local stand-in.
    public func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? {
        nil
    }
}
