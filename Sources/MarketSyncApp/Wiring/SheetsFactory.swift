public import Foundation
public import Logging
public import MarketSync
import RetailFiles
import RetailSheetChannel
import RetailSheets

/// Wires a retail chain on CSV sheets (`adapter: sheets`: Wu Mart, Trust-Mart, Alldays, 7-Eleven) over its file
/// drop: the chain's sheet layouts from `options.sheets` (docs/retail-sheets.md), the shared file channel options and
/// `stores` (docs/configuration.md, "CSV sheet channels"), the drop from `options.delivery`, and the store for
/// sequence numbers, the file ledger, order notes and kept answers. There is no sandbox: a local folder drop is the
/// stand-in.
public struct SheetsFactory: AdapterFactory {
    /// Where the delivery block's credential variables are read.
    let environment: [String: String]

    /// A factory reading delivery credentials from `environment` (the process's by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `adapter: sheets` in a config.
    public let name = "sheets"
    /// None under `credentials:`: a drop's login is under `options.delivery.credentials`.
    public let requiredCredentials: [String] = []
    /// The shared file channel options and `stores`; the keys under `sheets.` are checked by the layouts' reader.
    public let knownOptions: Set<String> = FileChannelOptions.sharedKeys.union(["stores"])
    /// Everything under `sheets.`: columns are numbered, so the keys cannot be listed; the layouts' reader names
    /// every key it does not know.
    public let knownOptionPrefixes: [String] = ["sheets."]

    /// An adapter that can list the chain's outbox but keeps nothing (check-config): drawing a sequence number or
    /// recording a file throws `.config`.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        try make(settings, store: UnavailableRetailFileStore(channel: settings.id), clock: clock, logger: logger)
    }

    /// The adapter for a run, keeping its records in `store` (`SQLiteStore` keeps them).
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger,
                            store: any SyncStore) throws -> any ChannelAdapter {
        guard let store = store as? any RetailFileStore else {
            throw settings.configError("the store cannot keep the sheets' sequence numbers and files", key: "adapter")
        }
        return try make(settings, store: store, clock: clock, logger: logger)
    }

    private func make(_ settings: ChannelSettings, store: any RetailFileStore, clock: any SyncClock, logger: Logger) throws -> SheetChannelAdapter {
        let layouts = try self.layouts(settings)
        let options = try channelOptions(settings, layouts: layouts)
        let (drop, minimumAge) = try FileChannelOptions(settings: settings).drop(environment: environment)
        return SheetChannelAdapter(channel: settings.id, layouts: layouts, options: options, timeZone: Self.timeZone(settings), drop: drop,
                                   store: store, clock: clock, logger: logger, minimumAge: minimumAge)
    }

    /// The chain's zone: the channel's `time_zone`, or China Standard Time when the config gives none (the chains
    /// these sheets are for date everything in Beijing time).
    static func timeZone(_ settings: ChannelSettings) -> TimeZone {
        settings.lines["time_zone"] == nil ? .chinaStandard : settings.timeZone.zone
    }

    /// The layouts under `options.sheets`, checked together: at least one sheet; an order response only with an order
    /// sheet, and without a column only the order sheet could fill that the order sheet lacks.
    func layouts(_ settings: ChannelSettings) throws -> ChainSheetLayouts {
        let options = FileChannelOptions(settings: settings)
        let layouts = try ChainSheetLayouts(options: settings.options, prefix: "sheets", keyPath: "\(settings.keyPath).options",
                                            file: settings.file.isEmpty ? nil : settings.file)
        guard SheetKind.allCases.contains(where: { layouts[$0] != nil }) else {
            throw options.error("must describe at least one sheet (stock, price, orders, order_response; docs/retail-sheets.md)", "sheets")
        }
        if let response = layouts.orderResponse {
            guard let orders = layouts.orders else {
                throw options.error("an order response answers order sheets: describe sheets.orders too", "sheets.order_response")
            }
            // What only the chain's order sheet can say: an answer column for it needs the order sheet's column.
            let fromOrders: Set<SheetField> = [.store, .lineNumber, .orderDate, .price, .currency]
            for (index, column) in response.columns.enumerated() where !column.optional && fromOrders.contains(column.field) {
                guard orders.column(for: column.field) != nil else {
                    throw options.error("the answer's \(column.field) comes from the order sheet, which has no \(column.field) column (add one there, or make this column optional: true)",
                                        "sheets.order_response.columns.\(index + 1)")
                }
            }
        }
        return layouts
    }

    /// `offers`, `files_per_pull`, `stores`, `currency`.
    func channelOptions(_ settings: ChannelSettings, layouts: ChainSheetLayouts) throws -> SheetChannelOptions {
        let options = FileChannelOptions(settings: settings)
        let written = [layouts.stock, layouts.price].compactMap { $0 }
        let stores = try self.stores(options)
        let needStores = written.contains { layout in layout.column(for: .store).map { !$0.optional } ?? false }
        if needStores, stores.isEmpty {
            throw options.error("is required: the store codes the stock and price sheets' store column is written for (\"1001,1002\")", "stores")
        }
        if !stores.isEmpty, !written.contains(where: { $0.column(for: .store) != nil }) {
            throw options.error("no stock or price sheet has a store column to write them in", "stores")
        }
        let sheetCurrency = (layouts.price ?? layouts.stock ?? layouts.orders ?? layouts.orderResponse)?.format.currency ?? .cny
        let currency = try options.optionalCurrency() ?? sheetCurrency
        if let price = layouts.price, price.column(for: .currency) == nil, price.format.currency != currency {
            throw options.error("prices are planned in \(currency), and the price sheet, which has no currency column, is in \(price.format.currency)",
                                "currency")
        }
        return SheetChannelOptions(offers: try options.offers(), filesPerPull: try options.filesPerPull(), stores: stores, currency: currency)
    }

    /// `stores`: store codes separated by commas, each letters, digits, `-`, `_` or `.` (not first), none twice.
    private func stores(_ options: FileChannelOptions) throws -> [String] {
        guard let text = try options.text("stores") else { return [] }
        var codes: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let code = part.trimmingWhitespace()
            guard !code.isEmpty, !code.hasPrefix("."),
                  code.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
                throw options.error("\"\(code)\" is not a store code: letters, digits, -, _ or . (not first), separated by commas", "stores")
            }
            guard !codes.contains(code) else { throw options.error("the store \(code) is named twice", "stores") }
            codes.append(code)
        }
        return codes
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
