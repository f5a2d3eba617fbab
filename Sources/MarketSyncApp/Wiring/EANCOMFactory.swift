public import Foundation
public import Logging
public import MarketSync
import EDI
import RetailEDI
import RetailFiles

/// Wires a retail chain on EANCOM (`adapter: eancom`) over its file drop: the chain's profile from `options:`
/// (docs/configuration.md, "EANCOM channels"), the drop from `options.delivery`, and the store for control
/// numbers, the file ledger and kept answers. There is no sandbox: a local folder drop is the stand-in.
public struct EANCOMFactory: AdapterFactory {
    /// Where the delivery block's credential variables are read.
    let environment: [String: String]

    /// A factory reading delivery credentials from `environment` (the process's by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `adapter: eancom` in a config.
    public let name = "eancom"
    /// None under `credentials:`: a drop's login is under `options.delivery.credentials`.
    public let requiredCredentials: [String] = []
    /// The chain's profile, the shared EDI options and the delivery block.
    public let knownOptions: Set<String> = FileChannelOptions.ediKeys.union([
        "our_gln", "chain_gln", "warehouse_gln", "messages.invrpt", "messages.pricat", "messages.orders", "messages.ordrsp",
        "character_set", "syntax_version", "quantity_unit", "test",
    ])

    /// An adapter that can list the chain's outbox but keeps nothing (check-config): drawing a control number or
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

    private func make(_ settings: ChannelSettings, store: any RetailFileStore, clock: any SyncClock, logger: Logger) throws -> EANCOMAdapter {
        let options = FileChannelOptions(settings: settings)
        let (drop, minimumAge) = try options.drop(environment: environment)
        return EANCOMAdapter(channel: settings.id, profile: try profile(settings), drop: drop, store: store, clock: clock, logger: logger,
                             minimumAge: minimumAge)
    }

    /// The chain's profile from `options:`; throws `.config` naming the key at fault.
    func profile(_ settings: ChannelSettings) throws -> EANCOMProfile {
        let options = FileChannelOptions(settings: settings)
        guard let supplier = try options.gln("our_gln") else { throw options.error("is required: our GLN (UNB sender, NAD+SU)", "our_gln") }
        guard let buyer = try options.gln("chain_gln") else { throw options.error("is required: the chain's GLN (UNB recipient, NAD+BY)", "chain_gln") }
        var codes: [EANCOMMessageType: String] = [:]
        for type in EANCOMMessageType.allCases {
            if let code = try options.text("messages.\(type.rawValue.lowercased())") { codes[type] = code }
        }
        guard !codes.isEmpty else {
            throw options.error("must name at least one message with its subset code (invrpt: EAN008, pricat: EAN008, orders: EAN008, ordrsp: EAN005)",
                                "messages")
        }
        var characterSet = EDIFACTCharacterSet.unoc
        if let value = try options.text("character_set") {
            guard let parsed = EDIFACTCharacterSet(rawValue: value.uppercased()) else {
                throw options.error("\"\(value)\" must be UNOA, UNOB, UNOC or UNOW", "character_set")
            }
            characterSet = parsed
        }
        let version = try options.text("syntax_version")
        if let version, !["3", "4"].contains(version) { throw options.error("\"\(version)\" must be 3 or 4", "syntax_version") }
        let currency = try options.currency()
        let unit = try options.text("quantity_unit")
        let isTest = try options.flag("test") ?? false
        let edi: EANCOMSettings
        do {
            edi = try EANCOMSettings(partner: settings.id, supplier: supplier, buyer: buyer, associationCodes: codes,
                                     characterSet: characterSet, syntaxVersion: version, timeZone: settings.timeZone.zone,
                                     currency: currency, quantityUnit: unit, isTest: isTest)
        } catch let error as MarketSyncError where error.code == .config {
            throw options.error(error.message, error.key ?? "syntax_version")
        }
        return EANCOMProfile(settings: edi, warehouse: try options.gln("warehouse_gln"), options: try options.retailOptions())
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
