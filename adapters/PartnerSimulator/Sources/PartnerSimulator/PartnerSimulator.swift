public import MarketSync
import EDI
import Foundation
import RetailSheets

/// A retail chain's side of a file channel, for a demo or a person trying the channel without a partner: one pass,
/// deterministic. It reads every file marketsync delivered into the chain's inbox, as the chain would (each reported:
/// its messages, lines, answers; a file it cannot read is reported with the reason), moves each out of the way
/// (`read/` or `unreadable/` under the inbox, so it is reported once), and, when asked, writes a purchase order into
/// the chain's outbox for marketsync to read. It is not a conformance checker of any chain's guide: it reads what the
/// codecs write and writes what the adapters read (docs/partner-simulator.md).
public struct PartnerSimulator: Sendable {
    /// The channel played.
    public let channel: ChannelID
    let profile: PartnerProfile
    let drop: any FileDrop
    let catalog: PartnerCatalog
    let clock: any SyncClock

    /// A simulator for `channel` on `drop`, which must be the channel's drop seen from the partner's side
    /// (`FileDropSettings.partnerView`): its outbox role is our inbox, its inbox role our outbox.
    public init(channel: ChannelID, profile: PartnerProfile, drop: any FileDrop, catalog: PartnerCatalog, clock: any SyncClock) {
        self.channel = channel
        self.profile = profile
        self.drop = drop
        self.catalog = catalog
        self.clock = clock
    }

    /// One pass: the order is resolved first (a SKU the catalog does not hold, or one without the GTIN the channel
    /// needs, is a `config` error before any file is touched), then the inbox is read and emptied, then the order is
    /// written. Errors of the drop itself (`transport`, `unauthorized`…) end the pass.
    public func run(order request: PartnerOrderRequest?) async throws -> PartnerReport {
        let order = try request.map(resolve)
        let files = try await readInbox()
        var written: PartnerWrittenOrder?
        if let order {
            let file = try profile.syntax.write(order)
            try await drop.write(file.contents, named: file.name, in: .inbox)
            written = file.report
        }
        return PartnerReport(channel: channel, files: files, order: written)
    }

    /// The order `request` asks for, each SKU resolved through the catalog, numbered as asked or derived.
    func resolve(_ request: PartnerOrderRequest) throws -> PartnerOrder {
        guard !request.lines.isEmpty else {
            throw MarketSyncError(.config, "an order needs at least one line", channel: channel, key: "--order")
        }
        let now = clock.now()
        let number = request.number ?? PartnerOrderNumber.derived(
            channel: channel, day: (ChannelTimeZone(identifier: profile.timeZone.identifier) ?? .utc).day(containing: now),
            lines: request.lines)
        guard PartnerOrderNumber.isValid(number) else {
            throw MarketSyncError(.config, "order number \"\(number)\" must be 1 to 22 letters, digits, '-', '_' or '.'", channel: channel,
                                  key: "--order-number")
        }
        let lines = try request.lines.map { line in
            guard let item = catalog.item(line.sku) else { throw PartnerProblems.unknownSKU(line.sku, channel: channel) }
            return PartnerOrder.Line(item: item, quantity: line.quantity, priceHundredths: line.priceHundredths)
        }
        return PartnerOrder(number: number, date: now, lines: lines)
    }

    /// Every file of ours in the inbox, oldest first, read and moved.
    func readInbox() async throws -> [PartnerFileReport] {
        // The ledger lives for one pass: files leave the inbox once reported, so nothing is seen twice anyway.
        let inbox = FileDropInbox(drop: drop, ledger: PassLedger(), channel: channel, clock: clock)
        let poll = try await inbox.poll()
        var reports = poll.setAside.map { aside in
            // A second copy of a file read in this pass is not a problem: it goes where the first went.
            aside.action == .archivedDuplicate
                ? PartnerFileReport(name: aside.name, messageType: "", lines: 0, note: aside.error.message, movedTo: "read/")
                : PartnerFileReport(name: FileDropName.escaped(aside.name), messageType: "", lines: 0, problem: aside.error.message,
                                    movedTo: aside.action == .leftInPlace ? nil : "unreadable/")
        }
        for file in poll.files {
            do {
                let reading = try profile.syntax.read(file)
                try await inbox.settle(file)
                reports.append(PartnerFileReport(name: file.name.value, messageType: reading.messageTypes.joined(separator: ","),
                                                 lines: reading.lines, answers: reading.answers,
                                                 acknowledgements: reading.acknowledgements, movedTo: "read/"))
            } catch let error as MarketSyncError where Self.isAboutTheFile(error) {
                try await inbox.reject(file, reason: error.message)
                reports.append(PartnerFileReport(name: file.name.value, messageType: "", lines: 0, problem: error.message,
                                                 movedTo: "unreadable/"))
            }
        }
        return reports
    }

    /// Whether an error reading a file says the file is bad (rather than the drop or the config).
    static func isAboutTheFile(_ error: MarketSyncError) -> Bool {
        [MarketSyncError.Code.ediSyntax, .ediControl, .ediContent, .validation, .sheetFormat, .sheetEncoding, .sheetRow].contains(error.code)
    }
}
