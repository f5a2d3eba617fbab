import EDI
import Foundation
public import Logging
public import MarketSync
public import RetailFiles

/// A partner on X12 004010 (Walmart's supplier EDI and others), over file drops (docs/channels.md, "Retail chains
/// on EDI"): stock goes out as 846 and prices as 832 files, a snapshot of every listed SKU by default; the
/// partner's 850s are read from its outbox, each file a settlement archived only once its orders are stored, and
/// every interchange read gets a 997 for its groups once its orders are stored; the engine's acceptance of each order
/// goes back as an 855 (AD all accepted, RJ all refused, AC with IA/IR lines). A file delivered is the push's
/// completion. Shipments are not confirmed: the 856 is not built yet.
public struct X12Adapter: ChannelAdapter {
    /// The channel.
    public let channel: ChannelID
    /// Stock, prices and orders as the profile's sets allow; acceptance by lines when the 855 is exchanged.
    public let capabilities: ChannelCapabilities
    let profile: X12Profile
    let exchange: PartnerFileExchange
    let resolver: OfferResolver
    let records: any RetailRecords
    let clock: any SyncClock
    let logger: Logger

    /// The key a 997 for a partner file is kept under: the file's SHA-256.
    static func acknowledgementKey(_ sha256: String) -> String { "997 \(sha256)" }

    /// An adapter for `profile`'s partner on `drop`, keeping its control numbers, file ledger and answers in `store`.
    public init(channel: ChannelID, profile: X12Profile, drop: any FileDrop, store: any RetailFileStore, clock: any SyncClock,
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
        let separators = profile.settings.separators
        resolver = OfferResolver(channel: channel, records: store, names: profile.options.productNames, skuProblem: { sku in
            if sku.rawValue.isEmpty || sku.rawValue.count > 48 { return "a SKU sent in X12 must have 1 to 48 characters" }
            // X12 has no release character: a delimiter inside a value cannot be sent.
            let bad = sku.rawValue.contains { character in
                guard let ascii = character.asciiValue, (0x20...0x7E).contains(ascii) else { return true }
                return [separators.element, separators.component, separators.segmentTerminator].contains(character)
            }
            return bad ? "the SKU holds a delimiter or a character X12 cannot carry" : nil
        }, logger: logger)
        capabilities = ChannelCapabilities(
            pushesStock: profile.exchanges("846"), pushesPrices: profile.exchanges("832"), pullsOrders: profile.exchanges("850"),
            confirmsShipments: false, stockBatchSize: FileChannelCapabilities.batchSize, priceBatchSize: FileChannelCapabilities.batchSize,
            currency: profile.settings.currency, rateLimit: FileChannelCapabilities.rateLimit, orderWindow: FileChannelCapabilities.orderWindow,
            offers: profile.options.offers,
            orderAnswer: profile.exchanges("850") && profile.exchanges("855") ? .acceptLines : .none, answerSettlesOrder: true)
    }

    private var composer: X12InterchangeComposer {
        X12InterchangeComposer(settings: profile.settings, numbers: exchange.store)
    }

    private func file(_ set: String, _ interchange: X12OutgoingInterchange, omitted: [SKU] = []) throws -> ComposedFile {
        ComposedFile(name: try ComposedFile.name(set, interchange: interchange.header.controlNumber, extension: "x12"),
                     contents: Data(interchange.bytes), omittedNames: omitted)
    }

    // MARK: Stock and prices

    /// One 846 of every update that can be a line (carried ones included); each item's result is the file's delivery.
    public func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        let (lines, failed) = try await resolver.resolve(updates.map { ($0.item, $0.sku, $0.listing, $0.quantity, $0.carried) },
                                                         needsName: false)
        guard !lines.isEmpty else { return .completed(failed) }
        let now = clock.now()
        let advice = X12InventoryAdvice(reference: DocumentNumber.make("INV", at: now), date: now,
                                        lines: lines.map { X12InventoryLine(gtin: $0.gtin, sku: $0.sku, quantity: $0.value) })
        let body = X12TransactionSetBody(identifier: "846", segments: try advice.segments(settings: profile.settings))
        try await exchange.deliver(try file("846", try await composer.compose([body], at: now)))
        return .completed(lines.filter { !$0.carried }.map { .accepted($0.item, $0.sku) } + failed)
    }

    /// One 832 of every update that can be a line, each with the product's name when X12 carries it (a name it
    /// cannot carry is left out and logged once for the file).
    public func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        let (lines, failed) = try await resolver.resolve(updates.map { ($0.item, $0.sku, $0.listing, $0.price, $0.carried) },
                                                         needsName: profile.options.productNames != .none)
        guard !lines.isEmpty else { return .completed(failed) }
        let now = clock.now()
        let catalog = X12PriceCatalog(number: DocumentNumber.make("PRC", at: now), lines: lines.map {
            X12PriceLine(gtin: $0.gtin, sku: $0.sku, description: $0.name, price: $0.value)
        })
        let body = X12TransactionSetBody(identifier: "832", segments: try catalog.segments(settings: profile.settings))
        try await exchange.deliver(try file("832", try await composer.compose([body], at: now),
                                            omitted: catalog.omittedDescriptions(settings: profile.settings)))
        return .completed(lines.filter { !$0.carried }.map { .accepted($0.item, $0.sku) } + failed)
    }

    // MARK: Orders

    /// The partner's next file, read whole: its 850s as orders waiting for acceptance, a 997 for its groups made and
    /// kept (delivered once the orders are stored). A file that is not an interchange for us, or whose orders cannot
    /// be read, is quarantined with the reason and gets no 997. A listing first delivers any 997 a failure kept back.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        if continuation == nil { try await exchange.deliverWaiting(prefix: Self.acknowledgementKey("")) }
        return try await exchange.listOrders(after: continuation) { file in try await read(file) }
    }

    /// Archives the files whose orders are stored, then delivers each one's 997.
    public func settle(_ settlements: [OrderSettlement]) async throws {
        try await exchange.settle(settlements, acknowledgementKey: Self.acknowledgementKey)
    }

    func read(_ file: FileDropInboundFile) async throws -> [ChannelOrder] {
        let interchange = try X12Reader.parse(file.contents, channel: channel)
        let receiver = interchange.header.receiverID.trimmingWhitespace()
        guard receiver == profile.settings.senderID else {
            throw MarketSyncError(.validation, "the interchange is addressed to \(receiver), not to us (\(profile.settings.senderID))",
                                  channel: channel, key: "ISA08")
        }
        reportAcknowledgements(in: interchange, file: file)
        let orders = try X12PurchaseOrderReader(settings: profile.settings).orders(in: interchange)
        // Every group but the partner's own 997s is acknowledged (a 997 is never acknowledged).
        let groups = interchange.groups.filter { $0.header.functionalID != "FA" }
        if !groups.isEmpty, profile.exchanges("997") {
            try await exchange.keep(Self.acknowledgementKey(file.sha256)) {
                let bodies = groups.map { X12TransactionSetBody(identifier: "997", segments: X12FunctionalAcknowledgement.acknowledging($0).segments) }
                return try self.file("997", try await composer.compose(bodies, at: clock.now()))
            }
        }
        let receivedAt = file.modified ?? clock.now()
        let zone = ChannelTimeZone(identifier: profile.settings.timeZone.identifier)
        return orders.map { order in
            var channelOrder = order.channelOrder(receivedAt: receivedAt)
            channelOrder.placedAt = zone?.instants(of: order.date).lowerBound
            return capabilities.orderAnswer == .none ? channelOrder.bindingOnReceipt() : channelOrder
        }
    }

    /// Logs what the partner's 997s in a file say about our interchanges: a group or set not accepted is a warning
    /// for a person (matching them to what was sent is not built).
    private func reportAcknowledgements(in interchange: X12Interchange, file: FileDropInboundFile) {
        for set in interchange.groups.filter({ $0.header.functionalID == "FA" }).flatMap(\.transactionSets) where set.identifier == "997" {
            guard let acknowledgement = try? X12FunctionalAcknowledgement.read(set, channel: channel) else { continue }
            let level: Logger.Level = acknowledgement.groupCode.isAccepted ? .info : .warning
            logger.log(level: level, "the partner acknowledged a group of ours", metadata: [
                LogKey.channel: "\(channel)", LogKey.file: "\(file.name)",
                LogKey.errorMessage: "\(acknowledgement.functionalID) group \(acknowledgement.groupControlNumber): \(acknowledgement.groupCode.rawValue)",
            ])
        }
    }

    // MARK: Answers

    /// An acceptance becomes an 855 naming the order (`BAK03`) and its date, made once, kept, and delivered; sending it
    /// again delivers nothing new. Acknowledgements and shipments are not X12 answers here (`.validation`).
    public func respond(_ response: OrderResponse) async throws {
        guard case let .acceptance(orderID, decisions) = response else {
            throw MarketSyncError(.validation, "\(channel) takes no \(response.payload.kind) of orders (the 856 is not built)",
                                  channel: channel, key: "order \(response.orderID)")
        }
        guard profile.exchanges("855") else {
            throw MarketSyncError(.validation, "\(channel) exchanges no 855", channel: channel, key: "order \(orderID)")
        }
        try await exchange.deliverKept("855 \(orderID)") {
            let answered = try await AnsweredOrder.resolve(orderID, decisions: decisions, channel: channel, records: records)
            guard let placedAt = answered.order.order.placedAt,
                  let day = ChannelTimeZone(identifier: profile.settings.timeZone.identifier)?.day(containing: placedAt) else {
                throw MarketSyncError(.validation, "order \(orderID): no order date to answer it with (BAK04)", channel: channel,
                                      key: "order \(orderID)")
            }
            let acknowledgement = X12PurchaseOrderAcknowledgement(orderNumber: orderID, orderDate: day, lines: answered.lines.map { line in
                X12AcknowledgementLine(lineID: line.id, gtin: line.gtin, sku: line.sku, orderedQuantity: line.quantity,
                                       unitPrice: line.unitPrice, decision: line.accepted ? .accepted : .rejected)
            })
            let body = X12TransactionSetBody(identifier: "855", segments: try acknowledgement.segments(settings: profile.settings))
            return try file("855", try await composer.compose([body], at: clock.now()))
        }
    }

    /// The 856 is not built: a shipment cannot be confirmed to an X12 partner yet (`.validation`).
    public func confirmShipment(_ shipment: Shipment) async throws {
        throw MarketSyncError(.validation, "\(channel) cannot confirm shipments: the 856 is not built yet", channel: channel,
                              key: "order \(shipment.orderID)")
    }

    /// Lists the partner's outbox (read-only).
    public func verifyAccess() async throws {
        try await exchange.verifyAccess()
    }
}
