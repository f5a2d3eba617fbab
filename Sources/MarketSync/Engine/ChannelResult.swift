/// What one run did on one channel.
public struct ChannelResult: Sendable, Codable, Hashable {
    public var channel: ChannelID
    /// Stock and price items the channel acknowledged.
    public var pushed: Int = 0
    /// Listed SKUs that needed nothing.
    public var unchanged: Int = 0
    /// SKUs not listed on this channel.
    public var unlisted: Int = 0
    /// Items that failed: parked with the channel's reason, or still queued after retries ran out.
    public var failed: Int = 0
    /// Retries after transient failures.
    public var retries: Int = 0
    /// Items dropped before a retry because a newer value superseded them.
    public var superseded: Int = 0
    /// SKUs the planner looked at (all listed ones on a full plan; the changed ones on an incremental plan).
    public var planned: Int = 0
    /// Price changes held back by a guard (floor, ceiling, max change): see `marketsync held`.
    public var held: Int = 0
    public var ordersNew: Int = 0
    public var ordersUpdated: Int = 0
    public var shipmentsConfirmed: Int = 0
    /// Calls the engine made to the adapter (push batches, order pages, shipments; retries included).
    public var calls: Int = 0
    /// HTTP requests sent to the channel (an Epinduo price batch is one request per goods), when counted.
    public var requests: Int?
    /// One line per failure (channel's reason, SKU), at most 50.
    public var errors: [String] = []
    /// Why the channel stopped early (unauthorized, cancelled), if it did.
    public var aborted: String?

    public init(channel: ChannelID) { self.channel = channel }

    public var isClean: Bool { failed == 0 && aborted == nil }

    mutating func note(_ error: String) {
        if errors.count < 50 { errors.append(error) }
    }

    /// Adds another partial result of the same channel.
    mutating func absorb(_ other: ChannelResult) {
        pushed += other.pushed
        failed += other.failed
        retries += other.retries
        superseded += other.superseded
        calls += other.calls
        ordersNew += other.ordersNew
        ordersUpdated += other.ordersUpdated
        shipmentsConfirmed += other.shipmentsConfirmed
        for error in other.errors { note(error) }
        if aborted == nil { aborted = other.aborted }
    }

    enum CodingKeys: String, CodingKey {
        case channel, pushed, unchanged, unlisted, failed, retries, superseded, planned, held, calls, requests, errors, aborted
        case ordersNew = "orders_new", ordersUpdated = "orders_updated", shipmentsConfirmed = "shipments_confirmed"
    }
}

/// What one run did, across channels, and the import before it.
public struct RunSummary: Sendable, Codable, Hashable {
    public var runID: Int64?
    public var dryRun: Bool
    public var imported: ImportCounts
    /// `file:line: reason` for each catalog row that was skipped.
    public var rejectedRows: [String]
    public var channels: [ChannelResult]

    public init(runID: Int64?, dryRun: Bool, imported: ImportCounts, rejectedRows: [String], channels: [ChannelResult]) {
        self.runID = runID
        self.dryRun = dryRun
        self.imported = imported
        self.rejectedRows = rejectedRows
        self.channels = channels
    }

    /// The RUB→currency rates the run used.
    public var rates: [String: String] = [:]

    /// 0 when everything went through, 1 when some rows or items failed.
    public var exitCode: Int32 {
        rejectedRows.isEmpty && channels.allSatisfy(\.isClean) ? 0 : 1
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", dryRun = "dry_run", imported, rejectedRows = "rejected_rows", channels, rates
    }
}
