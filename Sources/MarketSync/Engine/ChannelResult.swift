/// What one run did on one channel.
public struct ChannelResult: Sendable, Codable, Hashable {
    /// The channel; a run summary holds one result per channel.
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
    /// Items the channel took for later processing and has not answered for yet (asked about next run).
    public var submitted: Int = 0
    /// Items dropped before a retry because a newer value superseded them.
    public var superseded: Int = 0
    /// SKUs the planner looked at (all listed ones on a full plan; the changed ones on an incremental plan).
    public var planned: Int = 0
    /// Price changes held back by a guard (floor, ceiling, max change): see `marketsync held`.
    public var held: Int = 0
    /// Orders stored for the first time.
    public var ordersNew: Int = 0
    /// Stored orders that changed (state, lines, tracking).
    public var ordersUpdated: Int = 0
    /// Shipment confirmations the channel accepted.
    public var shipmentsConfirmed: Int = 0
    /// Orders whose lines were accepted or refused, or that were acknowledged, on the channel.
    public var ordersAnswered: Int = 0
    /// Calls the engine made to the adapter (push batches, order pages, shipments; retries included).
    public var calls: Int = 0
    /// HTTP requests sent to the channel (an Epinduo price batch is one request per goods), when counted.
    public var requests: Int?
    /// One entry per failure (SKU, kind, code, the channel's reason), at most 50.
    public var errors: [ItemFailure] = []
    /// Why the channel stopped early (credentials rejected, unreachable, shutdown), if it did.
    public var stopped: ChannelStop?
    /// Why the channel was not pulled or sent this run (another process holds its lease), if so.
    public var skipped: String?
    /// What waits for a person on this channel after the run (from every run so far, not only this one).
    public var waiting = WaitingWork()

    /// An empty result: every counter 0, nothing stopped or skipped.
    public init(channel: ChannelID) { self.channel = channel }

    var isClean: Bool { failed == 0 && stopped == nil }

    /// `ok`, `failed`, `credentials_rejected`, `unreachable`, `interrupted`, `stopped`, `skipped`.
    public var status: String {
        if let stopped {
            if stopped.credentialsRejected { return "credentials_rejected" }
            if stopped.unreachable { return "unreachable" }
            if stopped.interrupted { return "interrupted" }
            return "stopped"
        }
        if skipped != nil { return "skipped" }
        return failed > 0 ? "failed" : "ok"
    }

    mutating func note(_ failure: ItemFailure) {
        if errors.count < 50 { errors.append(failure) }
    }

    /// Adds another partial result of the same channel.
    mutating func absorb(_ other: ChannelResult) {
        pushed += other.pushed
        failed += other.failed
        retries += other.retries
        superseded += other.superseded
        submitted += other.submitted
        calls += other.calls
        ordersNew += other.ordersNew
        ordersUpdated += other.ordersUpdated
        shipmentsConfirmed += other.shipmentsConfirmed
        ordersAnswered += other.ordersAnswered
        for error in other.errors { note(error) }
        if stopped == nil { stopped = other.stopped }
        unmatchedLines += other.unmatchedLines
        illegalTransitions += other.illegalTransitions
        answersQueued += other.answersQueued
        linesRefused += other.linesRefused
        rescanFound += other.rescanFound
    }

    /// Order lines of this run that matched no product (incidents).
    public var unmatchedLines: Int = 0
    /// Pulled copies of orders held back this run because they would make a move `OrderTransitions` does not
    /// allow (new `illegal_transition` incidents).
    public var illegalTransitions: Int = 0
    /// Answers the engine queued this run for orders waiting for one (acceptances, acknowledgements).
    public var answersQueued: Int = 0
    /// Order lines refused in those acceptances (the stock could not serve them, or the SKU is unknown).
    public var linesRefused: Int = 0
    /// Orders the deep re-scan stored as new or changed: ones the incremental pulls had missed.
    public var rescanFound: Int = 0

    enum CodingKeys: String, CodingKey {
        case channel, status, pushed, unchanged, unlisted, failed, retries, superseded, submitted, planned, held, calls, requests, errors
        case stopped, skipped, waiting
        case ordersNew = "orders_new", ordersUpdated = "orders_updated", shipmentsConfirmed = "shipments_confirmed"
        case unmatchedLines = "unmatched_lines", ordersAnswered = "orders_answered"
        case illegalTransitions = "illegal_transitions", answersQueued = "answers_queued", linesRefused = "lines_refused"
        case rescanFound = "rescan_found"
    }

    /// Decodes the summary JSON; a missing counter is 0, so older summaries still read. `status` is ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(ChannelID.self, forKey: .channel)
        pushed = try container.decodeIfPresent(Int.self, forKey: .pushed) ?? 0
        unchanged = try container.decodeIfPresent(Int.self, forKey: .unchanged) ?? 0
        unlisted = try container.decodeIfPresent(Int.self, forKey: .unlisted) ?? 0
        failed = try container.decodeIfPresent(Int.self, forKey: .failed) ?? 0
        retries = try container.decodeIfPresent(Int.self, forKey: .retries) ?? 0
        superseded = try container.decodeIfPresent(Int.self, forKey: .superseded) ?? 0
        submitted = try container.decodeIfPresent(Int.self, forKey: .submitted) ?? 0
        planned = try container.decodeIfPresent(Int.self, forKey: .planned) ?? 0
        held = try container.decodeIfPresent(Int.self, forKey: .held) ?? 0
        calls = try container.decodeIfPresent(Int.self, forKey: .calls) ?? 0
        requests = try container.decodeIfPresent(Int.self, forKey: .requests)
        errors = try container.decodeIfPresent([ItemFailure].self, forKey: .errors) ?? []
        stopped = try container.decodeIfPresent(ChannelStop.self, forKey: .stopped)
        skipped = try container.decodeIfPresent(String.self, forKey: .skipped)
        waiting = try container.decodeIfPresent(WaitingWork.self, forKey: .waiting) ?? WaitingWork()
        ordersNew = try container.decodeIfPresent(Int.self, forKey: .ordersNew) ?? 0
        ordersUpdated = try container.decodeIfPresent(Int.self, forKey: .ordersUpdated) ?? 0
        shipmentsConfirmed = try container.decodeIfPresent(Int.self, forKey: .shipmentsConfirmed) ?? 0
        ordersAnswered = try container.decodeIfPresent(Int.self, forKey: .ordersAnswered) ?? 0
        unmatchedLines = try container.decodeIfPresent(Int.self, forKey: .unmatchedLines) ?? 0
        illegalTransitions = try container.decodeIfPresent(Int.self, forKey: .illegalTransitions) ?? 0
        answersQueued = try container.decodeIfPresent(Int.self, forKey: .answersQueued) ?? 0
        linesRefused = try container.decodeIfPresent(Int.self, forKey: .linesRefused) ?? 0
        rescanFound = try container.decodeIfPresent(Int.self, forKey: .rescanFound) ?? 0
    }

    /// Encodes with snake_case keys and the derived `status`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(status, forKey: .status)
        try container.encode(pushed, forKey: .pushed)
        try container.encode(unchanged, forKey: .unchanged)
        try container.encode(unlisted, forKey: .unlisted)
        try container.encode(failed, forKey: .failed)
        try container.encode(retries, forKey: .retries)
        try container.encode(superseded, forKey: .superseded)
        try container.encode(submitted, forKey: .submitted)
        try container.encode(planned, forKey: .planned)
        try container.encode(held, forKey: .held)
        try container.encode(calls, forKey: .calls)
        try container.encodeIfPresent(requests, forKey: .requests)
        try container.encode(errors, forKey: .errors)
        try container.encodeIfPresent(stopped, forKey: .stopped)
        try container.encodeIfPresent(skipped, forKey: .skipped)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(ordersNew, forKey: .ordersNew)
        try container.encode(ordersUpdated, forKey: .ordersUpdated)
        try container.encode(shipmentsConfirmed, forKey: .shipmentsConfirmed)
        try container.encode(ordersAnswered, forKey: .ordersAnswered)
        try container.encode(unmatchedLines, forKey: .unmatchedLines)
        try container.encode(illegalTransitions, forKey: .illegalTransitions)
        try container.encode(answersQueued, forKey: .answersQueued)
        try container.encode(linesRefused, forKey: .linesRefused)
        try container.encode(rescanFound, forKey: .rescanFound)
    }
}

/// What waits for a person on one channel: nothing here goes away by syncing again.
public struct WaitingWork: Sendable, Codable, Hashable {
    /// Price changes a guard held back (`marketsync held`, `marketsync approve`).
    public var heldPrices: Int = 0
    /// Items the channel rejected for good (`marketsync failures`, `marketsync retry`).
    public var parkedItems: Int = 0
    /// Orders that need a look: lines that match no product, illegal status changes.
    public var incidents: Int = 0

    /// Counts of what waits for a person.
    public init(heldPrices: Int = 0, parkedItems: Int = 0, incidents: Int = 0) {
        self.heldPrices = heldPrices
        self.parkedItems = parkedItems
        self.incidents = incidents
    }

    /// True when nothing waits: the run does not exit with `attention`.
    public var isEmpty: Bool { heldPrices == 0 && parkedItems == 0 && incidents == 0 }

    enum CodingKeys: String, CodingKey {
        case heldPrices = "held_prices", parkedItems = "parked_items", incidents
    }
}

/// What one run did, across channels, and the import before it.
public struct RunSummary: Sendable, Codable, Hashable {
    /// The store's id of the run (`SyncStore.beginRun`); nil when none was recorded (`ship`).
    public var runID: Int64?
    /// Whether this was a dry run. Every summary made today says false: a dry run returns plans
    /// (`SyncEngine.dryRun(reports:)`), not a summary.
    public var dryRun: Bool
    /// How the import changed the catalog.
    public var imported: ImportCounts
    /// `file:line: reason` for each catalog row that was skipped.
    public var rejectedRows: [String]
    /// One result per channel, in the order of the engine's runners.
    public var channels: [ChannelResult]

    /// A summary; `rates` and `interrupted` are set afterwards.
    public init(runID: Int64?, dryRun: Bool, imported: ImportCounts, rejectedRows: [String], channels: [ChannelResult]) {
        self.runID = runID
        self.dryRun = dryRun
        self.imported = imported
        self.rejectedRows = rejectedRows
        self.channels = channels
    }

    /// The RUB→currency rates the run used.
    public var rates: [String: String] = [:]

    /// Set when the run stopped early on SIGINT or SIGTERM (the batches in flight finished).
    public var interrupted = false

    /// The channels the run pulled from or sent to, with the kinds of work it did for each, by channel name; nil
    /// when it covered every channel and kind (a `sync`). A worker's run covers only what was due.
    public var work: [String: [WorkKind]]?

    /// The run's outcome for scripts (see `ExitStatus`).
    public var exitStatus: ExitStatus {
        if interrupted || channels.contains(where: { $0.stopped?.interrupted == true }) { return .interrupted }
        if channels.contains(where: { $0.stopped?.credentialsRejected == true || $0.stopped?.unreachable == true }) {
            return .channelDown
        }
        if !rejectedRows.isEmpty || !channels.allSatisfy(\.isClean) { return .failures }
        if channels.contains(where: { !$0.waiting.isEmpty }) { return .attention }
        return .ok
    }

    /// The process exit code of the run.
    public var exitCode: Int32 { exitStatus.rawValue }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", dryRun = "dry_run", imported, rejectedRows = "rejected_rows", channels, rates, interrupted, work
        case result, exitCode = "exit_code"
    }

    /// Decodes the summary JSON; `result` and `exit_code` are derived, so they are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runID = try container.decodeIfPresent(Int64.self, forKey: .runID)
        dryRun = try container.decode(Bool.self, forKey: .dryRun)
        imported = try container.decode(ImportCounts.self, forKey: .imported)
        rejectedRows = try container.decode([String].self, forKey: .rejectedRows)
        channels = try container.decode([ChannelResult].self, forKey: .channels)
        rates = try container.decodeIfPresent([String: String].self, forKey: .rates) ?? [:]
        interrupted = try container.decodeIfPresent(Bool.self, forKey: .interrupted) ?? false
        work = try container.decodeIfPresent([String: [WorkKind]].self, forKey: .work)
    }

    /// Encodes with snake_case keys plus the derived `result` (`ExitStatus.label`) and `exit_code`, for scripts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(runID, forKey: .runID)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(imported, forKey: .imported)
        try container.encode(rejectedRows, forKey: .rejectedRows)
        try container.encode(channels, forKey: .channels)
        try container.encode(rates, forKey: .rates)
        try container.encode(interrupted, forKey: .interrupted)
        try container.encodeIfPresent(work, forKey: .work)
        try container.encode(exitStatus.label, forKey: .result)
        try container.encode(exitCode, forKey: .exitCode)
    }
}
