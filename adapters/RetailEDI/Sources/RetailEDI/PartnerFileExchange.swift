import Foundation
import EDI
import Logging
import MarketSync

/// The file side every EDI adapter shares: delivering files into the partner's inbox, keeping the answers made
/// for it (so a retry delivers the same bytes), and reading its outbox file by file into orders, quarantining a
/// file that cannot be read and archiving one only once its orders are stored.
struct PartnerFileExchange: Sendable {
    let channel: ChannelID
    let drop: any FileDrop
    let store: any RetailEDIStore
    let clock: any SyncClock
    let logger: Logger
    let filesPerPull: Int
    let inbox: FileDropInbox

    init(channel: ChannelID, drop: any FileDrop, store: any RetailEDIStore, clock: any SyncClock, logger: Logger, filesPerPull: Int,
         minimumAge: Duration = .zero) {
        self.channel = channel
        self.drop = drop
        self.store = store
        self.clock = clock
        self.logger = logger
        self.filesPerPull = filesPerPull
        inbox = FileDropInbox(drop: drop, ledger: store, channel: channel, clock: clock, minimumAge: minimumAge)
    }

    // MARK: Delivering

    /// Writes `file` into the partner's inbox (atomic, verified) and logs the names it left out, once per file.
    func deliver(_ file: ComposedFile) async throws {
        try await drop.put(file.contents, named: file.name)
        logger.info("file delivered to the partner", metadata: [LogKey.channel: "\(channel)", LogKey.file: "\(file.name)"])
        reportOmittedNames(file)
    }

    /// Delivers the file kept under `key`, making and keeping it first when there is none (`make` draws its control
    /// numbers). A file kept and delivered before is not delivered again: the partner has it, and a second copy of
    /// an answer is not a second answer.
    func deliverKept(_ key: String, make: () async throws -> ComposedFile) async throws {
        let kept = try await keep(key, make: make)
        guard kept.deliveredAt == nil else { return }
        try await deliver(kept)
    }

    /// The file kept under `key`, made and kept now when there is none. Kept before it is delivered: a crash in
    /// between leaves the same bytes, control numbers included, for the next attempt.
    @discardableResult
    func keep(_ key: String, make: () async throws -> ComposedFile) async throws -> OutgoingFile {
        if let kept = try await store.outgoingFile(key, channel: channel) { return kept }
        let made = try await make()
        reportOmittedNames(made)
        return try await store.keep(OutgoingFile(key: key, name: made.name, contents: made.contents, createdAt: clock.now()),
                                    channel: channel)
    }

    /// Delivers a kept file and records it delivered.
    func deliver(_ kept: OutgoingFile) async throws {
        try await drop.put(kept.contents, named: kept.name)
        try await store.markDelivered(kept.key, channel: channel, at: clock.now())
        logger.info("file delivered to the partner", metadata: [LogKey.channel: "\(channel)", LogKey.file: "\(kept.name)"])
    }

    /// Delivers every kept file whose key starts with `prefix` and that has not gone out yet (an acknowledgement a
    /// failure kept back after its file was settled).
    func deliverWaiting(prefix: String) async throws {
        for kept in try await store.undeliveredFiles(prefix: prefix, channel: channel) {
            try await deliver(kept)
        }
    }

    private func reportOmittedNames(_ file: ComposedFile) {
        guard !file.omittedNames.isEmpty else { return }
        logger.notice("product names left out of the file: its character set cannot carry them", metadata: [
            LogKey.channel: "\(channel)", LogKey.file: "\(file.name)", LogKey.count: "\(file.omittedNames.count)",
            LogKey.sku: "\(file.omittedNames.map(\.rawValue).joined(separator: ","))",
        ])
    }

    // MARK: Reading

    /// The next file of the partner's outbox read into orders, one file an answer: `continuation` names the files
    /// this window already handed out. A file `read` cannot make sense of (`edi_syntax`, `edi_control`,
    /// `edi_content`, `validation`) is quarantined with the reason and the listing goes on with the next one; a
    /// file read is archived only when the engine settles it, after its orders are stored. At most `filesPerPull`
    /// files a window; the rest wait for the next run.
    func listOrders(after continuation: OrderContinuation?, read: (FileDropInboundFile) async throws -> [ChannelOrder]) async throws -> OrderPage {
        var handedOut = InboxContinuation.names(in: continuation)
        guard handedOut.count < filesPerPull else { return OrderPage(orders: []) }
        while true {
            try Task.checkCancellation()
            let poll = try await inbox.poll(limit: 1, skipping: handedOut)
            for aside in poll.setAside {
                logger.notice("partner file set aside", metadata: [
                    LogKey.channel: "\(channel)", LogKey.file: "\(FileDropName.escaped(aside.name))",
                    LogKey.errorMessage: "\(aside.error.message)",
                ])
            }
            guard let file = poll.files.first else { return OrderPage(orders: []) }
            do {
                let orders = try await read(file)
                handedOut.insert(file.name.value)
                return OrderPage(orders: orders, next: handedOut.count < filesPerPull ? InboxContinuation.make(handedOut) : nil,
                                 settlement: file.settlement)
            } catch let error as MarketSyncError where Self.quarantines(error) {
                try await inbox.reject(file, reason: error.message)
                logger.warning("partner file quarantined", metadata: [
                    LogKey.channel: "\(channel)", LogKey.file: "\(file.name)", LogKey.errorCode: "\(error.code)",
                    LogKey.errorMessage: "\(error.message)",
                ])
            }
        }
    }

    /// Archives the files whose orders are stored, in order, then delivers what was kept for them to answer
    /// (`acknowledgementKey`, an X12 997).
    func settle(_ settlements: [OrderSettlement], acknowledgementKey: (String) -> String? = { _ in nil }) async throws {
        for settlement in settlements {
            try await inbox.settle(settlement)
            guard let digest = settlement.token.split(separator: " ").first, let key = acknowledgementKey(String(digest)),
                  let kept = try await store.outgoingFile(key, channel: channel), kept.deliveredAt == nil else { continue }
            try await deliver(kept)
        }
    }

    /// Lists the partner's outbox: read-only, proves the login and the folders.
    func verifyAccess() async throws {
        _ = try await drop.listOutbox()
    }

    /// Whether an error reading a file means the file is bad (and goes to the quarantine) rather than the run.
    static func quarantines(_ error: MarketSyncError) -> Bool {
        [MarketSyncError.Code.ediSyntax, .ediControl, .ediContent, .validation].contains(error.code)
    }
}
