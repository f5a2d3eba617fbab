public import Foundation
public import Logging
public import MarketSync
public import RetailFiles
public import RetailSheets

/// A retail chain that takes CSV sheets (Wu Mart, Trust-Mart, Alldays, 7-Eleven), over file drops (docs/channels.md,
/// "Retail chains on CSV sheets"): stock and prices go out as sheets laid out as the chain's config says, a snapshot
/// of every listed SKU by default, one file a push or one per store; the chain's order sheets are read from its
/// outbox, each file a settlement archived only once its orders are stored; the engine's acceptance of each order
/// goes back as an order response sheet when the layouts have one. A file delivered is the push's completion.
/// Shipments are not confirmed: the chains' sheets have no despatch advice.
public struct SheetChannelAdapter: ChannelAdapter {
    /// The channel.
    public let channel: ChannelID
    /// Stock, prices and orders as the layouts allow; acceptance by lines when the chain sends order sheets and takes
    /// an order response.
    public let capabilities: ChannelCapabilities
    let layouts: ChainSheetLayouts
    let options: SheetChannelOptions
    let timeZone: TimeZone
    let exchange: PartnerFileExchange
    let store: any RetailFileStore
    let clock: any SyncClock
    let logger: Logger

    /// The store's counter the sheets' sequence numbers (`{seq}`) are drawn from: one per channel, shared by its
    /// stock, price and response sheets, as an EDI partner's files share interchange numbers (the store keeps
    /// counters of the EDI envelope kinds only).
    static let sequence = ControlNumberKind.interchange

    /// The codes that send a partner's file to the quarantine: it is not a sheet of the layout, its header cannot be
    /// decoded, or not one of its orders could be read.
    static let quarantining: Set<MarketSyncError.Code> = [.sheetFormat, .sheetEncoding, .sheetRow, .validation]

    /// An adapter for a chain with `layouts` on `drop`, keeping its sequence numbers, file ledger, order notes and
    /// answers in `store`; dates and `{date}` in names are in `timeZone`.
    public init(channel: ChannelID, layouts: ChainSheetLayouts, options: SheetChannelOptions, timeZone: TimeZone, drop: any FileDrop,
                store: any RetailFileStore, clock: any SyncClock, logger: Logger, minimumAge: Duration = .zero) {
        self.channel = channel
        self.layouts = layouts
        self.options = options
        self.timeZone = timeZone
        self.store = store
        self.clock = clock
        self.logger = logger
        exchange = PartnerFileExchange(channel: channel, drop: drop, store: store, clock: clock, logger: logger,
                                       filesPerPull: options.filesPerPull, minimumAge: minimumAge, quarantining: Self.quarantining)
        capabilities = ChannelCapabilities(
            pushesStock: layouts.stock != nil, pushesPrices: layouts.price != nil, pullsOrders: layouts.orders != nil,
            confirmsShipments: false, stockBatchSize: FileChannelCapabilities.batchSize, priceBatchSize: FileChannelCapabilities.batchSize,
            currency: options.currency, rateLimit: FileChannelCapabilities.rateLimit, orderWindow: FileChannelCapabilities.orderWindow,
            offers: options.offers,
            orderAnswer: layouts.orders != nil && layouts.orderResponse != nil ? .acceptLines : .none, answerSettlesOrder: true)
    }

    // MARK: Stock and prices

    /// The stock sheet of every update (carried ones included), one row per store when the sheet has a store column,
    /// one file or one per store; each item's result is the delivery of the files holding it. A row the sheet cannot
    /// hold (no barcode under a barcode column, a name the encoding cannot carry) fails alone.
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        guard let layout = layouts.stock else { throw unsupported("stock") }
        let writer = try StockSheetWriter(layout: layout, catalog: try await catalog(for: updates.map(\.sku)), timeZone: timeZone)
        let stores = storeCodes(for: layout)
        let rows = stores.isEmpty ? updates.map { SheetStockRow($0) } : stores.flatMap { code in updates.map { SheetStockRow($0, store: code) } }
        let now = clock.now()
        return try await deliverSheets(rows, store: \.store, split: layout.naming?.split ?? .none,
                                       updates: updates.map { ($0.item, $0.sku, $0.carried) }) { group, first in
            try writer.write(group, on: now, firstSequence: first)
        }
    }

    /// The price sheet of every update, as `pushStock` does stock: amounts exact, in the channel's currency.
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        guard let layout = layouts.price else { throw unsupported("price") }
        let writer = try PriceSheetWriter(layout: layout, catalog: try await catalog(for: updates.map(\.sku)), timeZone: timeZone)
        let stores = storeCodes(for: layout)
        let rows = stores.isEmpty ? updates.map { SheetPriceRow($0) } : stores.flatMap { code in updates.map { SheetPriceRow($0, store: code) } }
        let now = clock.now()
        return try await deliverSheets(rows, store: \.store, split: layout.naming?.split ?? .none,
                                       updates: updates.map { ($0.item, $0.sku, $0.carried) }) { group, first in
            try writer.write(group, on: now, firstSequence: first)
        }
    }

    /// The store codes rows are written for: the configured ones when the sheet has a store column, else none.
    func storeCodes(for layout: SheetLayout) -> [String] {
        layout.column(for: .store) == nil ? [] : options.stores
    }

    // MARK: Orders

    /// The chain's next order sheet, read whole, as orders waiting for acceptance; the window is not used (the outbox
    /// holds what is new). A bad row is logged with its file and line and its order held back; a file that is not a
    /// sheet of the layout, or of which not one order could be read, is quarantined with the reason.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        guard let layout = layouts.orders else { return OrderPage(orders: []) }
        return try await exchange.listOrders(after: continuation) { file in try await read(file, layout: layout) }
    }

    /// Archives the files whose orders are stored.
    public func settle(_ settlements: [OrderSettlement]) async throws {
        try await exchange.settle(settlements)
    }

    // MARK: Shipments and access

    /// The chains' sheets have no despatch advice: a shipment cannot be confirmed (`.validation`).
    public func confirmShipment(_ shipment: Shipment) async throws {
        throw MarketSyncError(.validation, "\(channel) cannot confirm shipments: its sheets have no despatch advice", channel: channel,
                              key: "order \(shipment.orderID)")
    }

    /// Lists the chain's outbox (read-only).
    public func verifyAccess() async throws {
        try await exchange.verifyAccess()
    }

    func unsupported(_ sheet: String) -> MarketSyncError {
        MarketSyncError(.validation, "\(channel) has no \(sheet) sheet configured", channel: channel)
    }
}
