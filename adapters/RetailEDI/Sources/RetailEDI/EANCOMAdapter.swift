import EDI
import Foundation
public import Logging
public import MarketSync
public import RetailFiles

/// A retail chain on EANCOM (Carrefour and Auchan offline, Wu Mart…), over file drops (docs/channels.md, "Retail
/// chains on EDI"): stock goes out as INVRPT and prices as PRICAT files, a snapshot of every listed SKU by default;
/// the chain's ORDERS files are read from its outbox, each file a settlement archived only once its orders are
/// stored; the engine's acceptance of each order goes back as an ORDRSP (29 all accepted, 27 all refused, 4 with
/// lines 5/7). A file delivered is the push's completion. Shipments are not confirmed: DESADV is not built yet.
public struct EANCOMAdapter: ChannelAdapter {
    /// The channel.
    public let channel: ChannelID
    /// Stock, prices and orders as the profile's messages allow; acceptance by lines when ORDRSP is configured.
    public let capabilities: ChannelCapabilities
    let profile: EANCOMProfile
    let exchange: PartnerFileExchange
    let resolver: OfferResolver
    let records: any RetailRecords
    let clock: any SyncClock
    let logger: Logger

    /// An adapter for `profile`'s chain on `drop`, keeping its control numbers, file ledger and answers in `store`.
    public init(channel: ChannelID, profile: EANCOMProfile, drop: any FileDrop, store: any RetailFileStore, clock: any SyncClock,
                logger: Logger, minimumAge: Duration = .zero) {
        self.channel = channel
        var profile = profile
        profile.settings.partner = channel
        self.profile = profile
        self.records = store
        self.clock = clock
        self.logger = logger
        exchange = PartnerFileExchange(channel: channel, drop: drop, store: store, clock: clock, logger: logger,
                                       filesPerPull: profile.options.filesPerPull, minimumAge: minimumAge,
                                       quarantining: [.ediSyntax, .ediControl, .ediContent, .validation])
        let characterSet = profile.settings.characterSet
        resolver = OfferResolver(channel: channel, records: store, names: profile.options.productNames, skuProblem: { sku in
            if sku.rawValue.isEmpty || sku.rawValue.count > 35 { return "a SKU sent in PIA must have 1 to 35 characters" }
            if !characterSet.canEncode(sku.rawValue) { return "the SKU holds characters \(characterSet.rawValue) cannot carry" }
            return nil
        }, logger: logger)
        capabilities = ChannelCapabilities(
            pushesStock: profile.exchanges(.invrpt), pushesPrices: profile.exchanges(.pricat), pullsOrders: profile.exchanges(.orders),
            confirmsShipments: false, stockBatchSize: FileChannelCapabilities.batchSize, priceBatchSize: FileChannelCapabilities.batchSize,
            currency: profile.settings.currency, rateLimit: FileChannelCapabilities.rateLimit, orderWindow: FileChannelCapabilities.orderWindow,
            offers: profile.options.offers,
            orderAnswer: profile.exchanges(.orders) && profile.exchanges(.ordrsp) ? .acceptLines : .none, answerSettlesOrder: true)
    }

    private var composer: EANCOMInterchangeComposer {
        EANCOMInterchangeComposer(settings: profile.settings, numbers: exchange.store)
    }

    // MARK: Stock and prices

    /// One INVRPT of every update that can be a line (carried ones included); each item's result is the file's
    /// delivery. An update without a GTIN fails alone.
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let (lines, failed) = try await resolver.resolve(updates.map { ($0.item, $0.sku, $0.listing, $0.quantity, $0.carried) },
                                                         needsName: false)
        guard !lines.isEmpty else { return .completed(failed) }
        let now = clock.now()
        let report = EANCOMInventoryReport(number: DocumentNumber.make("INV", at: now), date: now, warehouse: profile.warehouse,
                                           lines: lines.map { EANCOMStockLine(gtin: $0.gtin, sku: $0.sku, quantity: $0.value) })
        let interchange = try await composer.compose([try report.body(settings: profile.settings)], at: now)
        try await exchange.deliver(ComposedFile(name: try ComposedFile.name("INVRPT", interchange: interchange.reference, extension: "edi"),
                                                contents: Data(interchange.bytes)))
        return .completed(lines.filter { !$0.carried }.map { .accepted($0.item, $0.sku) } + failed)
    }

    /// One PRICAT of every update that can be a line, each with the product's name when the character set carries
    /// it (a name it cannot carry is left out and logged once for the file).
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        let (lines, failed) = try await resolver.resolve(updates.map { ($0.item, $0.sku, $0.listing, $0.price, $0.carried) },
                                                         needsName: profile.options.productNames != .none)
        guard !lines.isEmpty else { return .completed(failed) }
        let now = clock.now()
        let catalogue = EANCOMPriceCatalogue(number: DocumentNumber.make("PRC", at: now), date: now, lines: lines.map {
            EANCOMPriceLine(gtin: $0.gtin, sku: $0.sku, description: $0.name, price: $0.value)
        })
        let interchange = try await composer.compose([try catalogue.body(settings: profile.settings)], at: now)
        try await exchange.deliver(ComposedFile(name: try ComposedFile.name("PRICAT", interchange: interchange.reference, extension: "edi"),
                                                contents: Data(interchange.bytes),
                                                omittedNames: catalogue.omittedDescriptions(settings: profile.settings)))
        return .completed(lines.filter { !$0.carried }.map { .accepted($0.item, $0.sku) } + failed)
    }

    // MARK: Orders

    /// The chain's next ORDERS file, read whole, as orders waiting for acceptance; the window is not used (the
    /// outbox holds what is new). A file that is not an interchange for us, or whose orders cannot be read, is
    /// quarantined with the reason.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await exchange.listOrders(after: continuation) { file in try read(file) }
    }

    /// Archives the files whose orders are stored.
    public func settle(_ settlements: [OrderSettlement]) async throws {
        try await exchange.settle(settlements)
    }

    func read(_ file: FileDropInboundFile) throws -> [ChannelOrder] {
        let interchange = try EDIFACTReader.parse(file.contents, channel: channel)
        let recipient = interchange.header.recipient.id.trimmingWhitespace()
        guard recipient == profile.settings.supplier.digits else {
            throw MarketSyncError(.validation, "the interchange is addressed to \(recipient), not to us (\(profile.settings.supplier))",
                                  channel: channel, key: "UNB03")
        }
        let others = Set(interchange.messages.map(\.identifier.type)).subtracting([EANCOMMessageType.orders.rawValue])
        if !others.isEmpty {
            logger.notice("messages in a partner file not read (not built)", metadata: [
                LogKey.channel: "\(channel)", LogKey.file: "\(file.name)", LogKey.errorMessage: "\(others.sorted().joined(separator: ","))",
            ])
        }
        let receivedAt = file.modified ?? clock.now()
        let zone = ChannelTimeZone(identifier: profile.settings.timeZone.identifier)
        return try EANCOMOrderReader(defaultCurrency: profile.settings.currency, channel: channel).orders(in: interchange).map { order in
            var channelOrder = order.channelOrder(receivedAt: receivedAt)
            channelOrder.placedAt = order.documentDate.flatMap { day in zone?.instants(of: day).lowerBound }
            return capabilities.orderAnswer == .none ? channelOrder.bindingOnReceipt() : channelOrder
        }
    }

    // MARK: Answers

    /// An acceptance becomes an ORDRSP naming the order (`RFF+ON`), made once, kept, and delivered; sending it again
    /// delivers nothing new. Acknowledgements and shipments are not EANCOM answers here (`.validation`).
    public func respond(_ response: OrderResponse) async throws {
        guard case let .acceptance(orderID, decisions) = response else {
            throw MarketSyncError(.validation, "\(channel) takes no \(response.payload.kind) of orders (DESADV is not built)",
                                  channel: channel, key: "order \(response.orderID)")
        }
        guard profile.exchanges(.ordrsp) else {
            throw MarketSyncError(.validation, "\(channel) takes no ORDRSP (no subset code configured)", channel: channel,
                                  key: "order \(orderID)")
        }
        try await exchange.deliverKept("ORDRSP \(orderID)") {
            let lines = try await AnsweredOrder.resolve(orderID, decisions: decisions, channel: channel, records: records).lines
            let now = clock.now()
            let answer = EANCOMOrderResponse(number: DocumentNumber.response(to: orderID, maximumLength: 35), orderNumber: orderID,
                                             date: now, lines: lines.map { line in
                EANCOMOrderResponseLine(lineNumber: line.id, gtin: line.gtin, orderedQuantity: line.quantity,
                                        decision: line.accepted ? .accepted : .rejected)
            })
            let interchange = try await composer.compose([try answer.body(settings: profile.settings)], at: now)
            return ComposedFile(name: try ComposedFile.name("ORDRSP", interchange: interchange.reference, extension: "edi"),
                                contents: Data(interchange.bytes))
        }
    }

    /// DESADV is not built: a shipment cannot be confirmed to an EANCOM chain yet (`.validation`).
    public func confirmShipment(_ shipment: Shipment) async throws {
        throw MarketSyncError(.validation, "\(channel) cannot confirm shipments: DESADV is not built yet", channel: channel,
                              key: "order \(shipment.orderID)")
    }

    /// Lists the chain's outbox (read-only).
    public func verifyAccess() async throws {
        try await exchange.verifyAccess()
    }
}

extension EDIFACTOutgoingInterchange {
    /// The interchange control reference as a number (the composer draws it from a `ControlNumberSource`).
    var reference: Int { Int(header.reference) ?? 0 }
}
