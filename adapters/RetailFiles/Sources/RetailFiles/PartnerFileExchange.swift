import Foundation
public import Logging
public import MarketSync

/// The file side every retail file adapter shares (EDI, CSV sheets): delivering files into the partner's inbox,
/// keeping the answers made for it (so a retry delivers the same bytes), and reading its outbox file by file into
/// orders, quarantining a file that cannot be read and archiving one only once its orders are stored.
public struct PartnerFileExchange: Sendable {
    /// The channel the files are exchanged with.
    public let channel: ChannelID
    /// The partner's folders.
    public let drop: any FileDrop
    /// Control numbers, the file ledger and the files kept for the partner.
    public let store: any RetailFileStore
    let clock: any SyncClock
    let logger: Logger
    let filesPerPull: Int
    let inbox: FileDropInbox
    /// The error codes that mean a partner's file is bad (it goes to the quarantine) rather than the run.
    let quarantined: Set<MarketSyncError.Code>

    /// An exchange with `channel`'s partner over `drop`, reading at most `filesPerPull` files a listing; a file whose
    /// reading fails with one of `quarantining` (else `.validation` only) is quarantined.
    public init(channel: ChannelID, drop: any FileDrop, store: any RetailFileStore, clock: any SyncClock, logger: Logger, filesPerPull: Int,
                minimumAge: Duration = .zero, quarantining: Set<MarketSyncError.Code> = [.validation]) {
        self.channel = channel
        self.drop = drop
        self.store = store
        self.clock = clock
        self.logger = logger
        self.filesPerPull = filesPerPull
        inbox = FileDropInbox(drop: drop, ledger: store, channel: channel, clock: clock, minimumAge: minimumAge)
        quarantined = quarantining
    }

    // MARK: Delivering

    /// Writes `file` into the partner's inbox (atomic, verified) and logs the names it left out, once per file.
    public func deliver(_ file: ComposedFile) async throws {
        try await drop.put(file.contents, named: file.name)
        logger.info("file delivered to the partner", metadata: [LogKey.channel: "\(channel)", LogKey.file: "\(file.name)"])
        reportOmittedNames(file)
    }

    /// Delivers the file kept under `key`, making and keeping it first when there is none (`make` draws its control
    /// numbers). A file kept and delivered before is not delivered again: the partner has it, and a second copy of
    /// an answer is not a second answer.
    public func deliverKept(_ key: String, make: () async throws -> ComposedFile) async throws {
        let kept = try await keep(key, make: make)
        guard kept.deliveredAt == nil else { return }
        try await deliver(kept)
    }

    /// The file kept under `key`, made and kept now when there is none. Kept before it is delivered: a crash in
    /// between leaves the same bytes, control numbers included, for the next attempt.
    @discardableResult
    public func keep(_ key: String, make: () async throws -> ComposedFile) async throws -> OutgoingFile {
        if let kept = try await store.outgoingFile(key, channel: channel) { return kept }
        let made = try await make()
        reportOmittedNames(made)
        return try await store.keep(OutgoingFile(key: key, name: made.name, contents: made.contents, createdAt: clock.now()),
                                    channel: channel)
    }

    /// Delivers a kept file and records it delivered.
    public func deliver(_ kept: OutgoingFile) async throws {
        try await drop.put(kept.contents, named: kept.name)
        try await store.markDelivered(kept.key, channel: channel, at: clock.now())
        logger.info("file delivered to the partner", metadata: [LogKey.channel: "\(channel)", LogKey.file: "\(kept.name)"])
    }

    /// Delivers every kept file whose key starts with `prefix` and that has not gone out yet (an acknowledgement a
    /// failure kept back after its file was settled).
    public func deliverWaiting(prefix: String) async throws {
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
    /// this window already handed out. A file `read` cannot make sense of (an error with one of the quarantining
    /// codes: `edi_syntax`, `edi_control`, `edi_content`, `validation` for EDI) is quarantined with the reason and the listing goes on with the next one; a
    /// file read is archived only when the engine settles it, after its orders are stored. At most `filesPerPull`
    /// files a window; the rest wait for the next run.
    public func listOrders(after continuation: OrderContinuation?, read: (FileDropInboundFile) async throws -> [ChannelOrder]) async throws -> OrderPage {
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
            } catch let error as MarketSyncError where quarantines(error) {
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
    public func settle(_ settlements: [OrderSettlement], acknowledgementKey: (String) -> String? = { _ in nil }) async throws {
        for settlement in settlements {
            try await inbox.settle(settlement)
            guard let digest = settlement.token.split(separator: " ").first, let key = acknowledgementKey(String(digest)),
                  let kept = try await store.outgoingFile(key, channel: channel), kept.deliveredAt == nil else { continue }
            try await deliver(kept)
        }
    }

    /// Lists the partner's outbox: read-only, proves the login and the folders.
    public func verifyAccess() async throws {
        _ = try await drop.listOutbox()
    }

    /// Whether an error reading a file means the file is bad (and goes to the quarantine) rather than the run.
    func quarantines(_ error: MarketSyncError) -> Bool {
        quarantined.contains(error.code)
    }
}
