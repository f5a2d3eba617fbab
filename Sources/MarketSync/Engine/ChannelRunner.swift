internal import Foundation
public import Logging

/// One channel's part of a sync: pull and store orders (so their reservations count before planning), and send
/// what the outbox holds for the channel — in its batch sizes, up to `concurrency` batches at once, within its
/// rate limit, acknowledged item by item, behind a circuit breaker. Knows no channel: everything specific comes
/// from the adapter. Planning is the engine's, across channels; pacing is the channel transport's
/// (`RateLimitedTransport`), per request.
public struct ChannelRunner: Sendable {
    /// The channel's adapter: everything channel-specific comes from it.
    public let adapter: any ChannelAdapter
    /// Where the outbox, orders, cursors and submissions are kept.
    public let store: any SyncStore
    /// The channel's rules: the engine plans with them and records their digest in the plan mark.
    public let rules: ChannelRules
    /// The run's clock: the times written to the store, retry waits and submission polls.
    public let clock: any SyncClock
    /// Where the runner logs, with the channel in the metadata.
    public let logger: Logger
    /// How a push batch or an order listing call is retried after a transient failure.
    public let retry: RetryPolicy
    let breaker: CircuitBreakerBox
    /// Push batches in flight at once; at least 1.
    public let concurrency: Int
    /// Counts the channel's HTTP requests when its transport is a `RateLimitedTransport`.
    public let requests: RequestCounter?
    /// Once requested, no new batch, window or status question starts; what is in flight finishes
    /// and is recorded.
    public let shutdown: ShutdownSignal
    /// The leases of this process; nil when nothing else can send to the store (tests, dry runs).
    public let leases: ChannelLeases?
    /// How submitted batches are asked about.
    public let submissions: SubmissionPolicy
    /// Seeds the retry jitter (for a push batch, mixed with its first item's id), so a run is
    /// reproducible.
    public let seed: UInt64
    /// The order window policy: the adapter's, with the configured first-pull lookback if any.
    public let orderWindow: OrderWindowPolicy
    /// The periodic deep re-scan of the last days' orders, if any: the configured one, else the adapter's.
    public let deepRescan: DeepRescanPolicy?
    /// Where pushes, failures, call latencies and stored orders are counted (swift-metrics).
    public let metrics: EngineMetrics

    /// A runner. `initialLookback` replaces the adapter's first-pull lookback; a `concurrency` below 1
    /// counts as 1; `metrics` defaults to the process's metrics backend.
    public init(adapter: any ChannelAdapter, store: any SyncStore, rules: ChannelRules, clock: any SyncClock,
                logger: Logger, retry: RetryPolicy = RetryPolicy(),
                initialLookback: Duration? = nil, concurrency: Int = 1, breaker: CircuitBreaker = CircuitBreaker(),
                requests: RequestCounter? = nil, shutdown: ShutdownSignal = ShutdownSignal(), leases: ChannelLeases? = nil,
                submissions: SubmissionPolicy = SubmissionPolicy(), seed: UInt64 = 0x6D61726B,
                deepRescan: DeepRescanSetting = .adapterDefault, metrics: EngineMetrics = EngineMetrics()) {
        self.metrics = metrics
        self.submissions = submissions
        self.requests = requests
        self.leases = leases
        self.adapter = adapter
        self.store = store
        self.rules = rules
        self.clock = clock
        self.logger = logger
        self.retry = retry
        self.breaker = CircuitBreakerBox(breaker)
        self.concurrency = max(1, concurrency)
        self.shutdown = shutdown
        self.seed = seed
        var window = adapter.capabilities.orderWindow
        if let initialLookback { window.initialLookback = initialLookback }
        self.orderWindow = window
        self.deepRescan = deepRescan.resolve(adapter: window.deepRescan)
    }

    /// The adapter's channel.
    public var channel: ChannelID { adapter.channel }

    /// Pulls and stores the channel's orders and answers the new ones the channel wants answered; a channel error
    /// is in the result (`stopped`), never thrown; a store failure throws. Acceptances are decided with this
    /// channel's stock rules alone (the engine passes every channel's).
    public func pull() async throws -> ChannelResult {
        try await pull(scope: ownScope)
    }

    /// `pull()`, deciding acceptances with every channel's stock rules (`scope`), as the plan will; the orders of
    /// `hints` (named by the channel's events) are read by id first.
    func pull(scope: AcceptanceScope, hints: Set<String> = []) async throws -> ChannelResult {
        guard adapter.capabilities.pullsOrders else { return ChannelResult(channel: channel) }
        return try await stoppingOnAbort { result in
            if !hints.isEmpty { try await readHinted(hints, into: &result) }
            try await pullOrders(into: &result, scope: scope)
        }
    }

    /// Goes on with the channel's deep re-scan when one is under way or due (`deepRescan`), after the pull; a
    /// channel error is in the result (`stopped`), never thrown; a store failure throws.
    public func rescanOrders() async throws -> ChannelResult {
        try await rescanOrders(scope: ownScope)
    }

    /// `rescanOrders()`, deciding acceptances with every channel's stock rules (`scope`).
    func rescanOrders(scope: AcceptanceScope) async throws -> ChannelResult {
        guard adapter.capabilities.pullsOrders, let deepRescan else { return ChannelResult(channel: channel) }
        return try await stoppingOnAbort { result in try await rescan(deepRescan, scope: scope, into: &result) }
    }

    /// This channel alone, for deciding acceptances outside an engine run.
    private var ownScope: AcceptanceScope {
        AcceptanceScope(specs: [ChannelPlanSpec(channel: channel, rules: rules, pushesStock: true, pushesPrices: false, stateIndex: 0)],
                        index: 0)
    }

    /// Runs `body`; a channel abort or a cancellation becomes the result's `stopped`. Other errors (the store's)
    /// are thrown.
    private func stoppingOnAbort(_ body: (inout ChannelResult) async throws -> Void) async throws -> ChannelResult {
        var result = ChannelResult(channel: channel)
        do { try await body(&result) } catch let error as ChannelAbort {
            result.stopped = ChannelStop(code: error.code, message: error.reason)
            if error.code == .unauthorized { metrics.credentialsRejected(channel: channel) }
            logger.error("channel stopped", metadata: [LogKey.channel: "\(channel)", LogKey.errorCode: "\(error.code)"])
        } catch is CancellationError {
            result.stopped = ChannelStop(code: .cancelled, message: "cancelled")
        }
        return result
    }

    /// Sends everything queued for this channel (stock, prices, shipments), e.g. after planning or `ship`.
    /// A channel error, or a store failure while a batch is sent, is in the result (`stopped`); any other store
    /// failure throws.
    /// `kinds`: send only queued items of these kinds (a worker's per-kind schedules); nil: everything.
    public func flushOutbox(kinds: Set<OutboxKind>? = nil) async throws -> ChannelResult {
        var result = ChannelResult(channel: channel)
        do { try await flushOutbox(into: &result, kinds: kinds) } catch let error as ChannelAbort {
            result.stopped = ChannelStop(code: error.code, message: error.reason)
            if error.code == .unauthorized { metrics.credentialsRejected(channel: channel) }
            logger.error("channel stopped", metadata: [LogKey.channel: "\(channel)", LogKey.errorCode: "\(error.code)"])
        }
        return result
    }

    func flushOutbox(into result: inout ChannelResult, kinds: Set<OutboxKind>? = nil) async throws {
        // What the channel took earlier for later processing is asked about first: its results may settle items
        // before anything new goes out.
        try await pollSubmissions(into: &result, waitFor: .zero)
        let pending = try await store.pendingOutbox(for: channel).filter { kinds?.contains($0.kind) ?? true }
        guard !pending.isEmpty else { return }
        try await send(pending, into: &result)
        // Batches the channel took for later: ask with growing intervals, for at most `submissions.waitInRun` in this run;
        // what is still processing then is asked about on the next run (the receipts are in the store).
        try await pollSubmissions(into: &result, waitFor: submissions.waitInRun)
    }

    /// Sends `pending` in the adapter's batch sizes, up to `concurrency` batches at once; to a snapshot channel,
    /// each kind as one batch completed with the unchanged values as last acknowledged.
    private func send(_ pending: [OutboxItem], into result: inout ChannelResult) async throws {
        let capabilities = adapter.capabilities
        let snapshot = capabilities.offers == .snapshot
        let carried = snapshot ? try await carriedOffers(besides: pending) : CarriedOffers()
        var jobs: [(items: [OutboxItem], call: @Sendable ([OutboxItem]) async throws -> PushOutcome)] = []
        let stock = pending.filter { $0.kind == .stock }
        for batch in snapshot ? (stock.isEmpty ? [] : [stock]) : stock.chunked(capabilities.stockBatchSize) {
            jobs.append((batch, { items in
                // A snapshot goes out whole on every try: a file the partner replaces must not lose the items
                // the channel already answered for on an earlier try.
                let changed = (snapshot ? batch : items).compactMap { item -> StockUpdate? in
                    guard case let .stock(quantity) = item.payload else { return nil }
                    return StockUpdate(item: item.id, sku: item.sku, listing: item.listing, quantity: quantity)
                }
                let updates = (changed + carried.stock).sorted { $0.sku.rawValue < $1.sku.rawValue }
                return try await metrics.timed("push_stock", channel: channel) { try await adapter.pushStock(updates) }
            }))
        }
        let prices = pending.filter { $0.kind == .price }
        for batch in snapshot ? (prices.isEmpty ? [] : [prices]) : prices.chunked(capabilities.priceBatchSize) {
            jobs.append((batch, { items in
                let changed = (snapshot ? batch : items).compactMap { item -> PriceUpdate? in
                    guard case let .price(price) = item.payload else { return nil }
                    return PriceUpdate(item: item.id, sku: item.sku, listing: item.listing, price: price)
                }
                let updates = (changed + carried.prices).sorted { $0.sku.rawValue < $1.sku.rawValue }
                return try await metrics.timed("push_prices", channel: channel) { try await adapter.pushPrices(updates) }
            }))
        }
        // Answers about orders (ship, accept or refuse lines, acknowledge): one call each, retried like a push.
        for item in pending {
            guard let response = OrderResponse(key: item.key, payload: item.payload) else { continue }
            jobs.append(([item], { _ in
                try await metrics.timed("respond", channel: channel) { try await adapter.respond(response) }
                return .completed([ItemResult.accepted(item.id, item.sku)])
            }))
        }
        var progress = SendProgress(total: pending.count, start: clock.now())
        if pending.count >= SendProgress.reportAbove {
            logger.notice("sending queued changes", metadata: [LogKey.channel: "\(channel)", LogKey.count: "\(pending.count)"])
        }
        // Up to `concurrency` batches in flight. After an abort or a shutdown request no new batch starts; the
        // ones in flight finish and are acknowledged.
        var abort: ChannelAbort?
        var merged = result
        try await withThrowingTaskGroup(of: BatchOutcome.self) { group in
            var next = 0
            func startNext() {
                let job = jobs[next]
                next += 1
                group.addTask { await send(job.items, call: job.call) }
            }
            for _ in 0..<min(concurrency, jobs.count) { startNext() }
            while let outcome = try await group.next() {
                merged.absorb(outcome.result)
                progress.advance(by: outcome.items, now: clock.now(), logger: logger, channel: channel)
                if abort == nil, let failure = outcome.abort { abort = failure }
                if abort == nil, shutdown.isRequested {
                    abort = ChannelAbort(code: .cancelled, reason: "shutdown requested; the rest stays queued")
                }
                if abort == nil, let leases, !leases.isHeld(channel) {
                    abort = ChannelAbort(code: .leaseLost, reason: "another process took this channel's lease over; the rest stays queued")
                }
                if abort == nil, next < jobs.count { startNext() }
            }
        }
        result = merged
        if let abort { throw abort }
    }

    /// What one batch did.
    struct BatchOutcome: Sendable {
        var result: ChannelResult
        var items: Int
        var abort: ChannelAbort?
    }

    /// Sends one batch, retrying what failed transiently (dropping items a newer version superseded meanwhile),
    /// acknowledging what the channel accepted item by item. Never throws: store failures and channel stops come
    /// back as `abort`.
    private func send(_ batch: [OutboxItem], call: @Sendable ([OutboxItem]) async throws -> PushOutcome) async -> BatchOutcome {
        var result = ChannelResult(channel: channel)
        do {
            try await send(batch, into: &result, call: call)
            return BatchOutcome(result: result, items: batch.count, abort: nil)
        } catch let abort as ChannelAbort {
            return BatchOutcome(result: result, items: batch.count, abort: abort)
        } catch {
            return BatchOutcome(result: result, items: batch.count, abort: ChannelAbort(code: .store, reason: "store: \(error)"))
        }
    }

    private func send(_ batch: [OutboxItem], into result: inout ChannelResult,
                      call: @Sendable ([OutboxItem]) async throws -> PushOutcome) async throws {
        guard await breaker.allows(at: clock.now()) else {
            throw ChannelAbort(code: .channelUnavailable, reason: "circuit open after repeated failures; the rest stays queued")
        }
        // Only items still the newest version go out: a value planned meanwhile (by another run) must not be
        // overwritten on the channel by this older one.
        var remaining = try await stillCurrent(batch, into: &result)
        var backoff = Backoff(policy: retry, seed: seed &+ UInt64(batch.first?.id ?? 0))
        var anyAccepted = false
        while !remaining.isEmpty {
            result.calls += 1
            var retryable: [OutboxItem] = []
            var retryAfter: Duration?
            var lastError: MarketSyncError?
            let requestID = "\(channel)/\(LogContext.runID.map(String.init) ?? "-")/\(remaining.first?.id ?? 0)/\(result.calls)"
            do {
                switch try await LogContext.$requestID.withValue(requestID, operation: { try await call(remaining) }) {
                case let .submitted(receipt):
                    // Taken for later: recorded with the items as sent; the engine asks about it from now on.
                    try await store.recordSubmission(receipt, channel: channel, items: remaining, at: clock.now(),
                                                     nextPoll: clock.now().addingTimeInterval(submissions.firstPoll.timeInterval))
                    result.submitted += remaining.count
                    anyAccepted = true
                    for item in remaining {
                        logger.debug("submitted", metadata: [
                            LogKey.channel: "\(channel)", LogKey.sku: "\(item.key)", LogKey.kind: "\(item.kind)",
                            LogKey.version: "\(item.version)", LogKey.requestID: "\(requestID)",
                        ])
                    }
                case let .completed(results):
                    let settled = try await settle(remaining, with: results, requestID: requestID, into: &result)
                    retryable = settled.retryable
                    retryAfter = settled.retryAfter
                    lastError = settled.lastError
                    anyAccepted = anyAccepted || settled.anyAccepted
                }
            } catch let error as MarketSyncError where error.isRetryable {
                retryable = remaining
                retryAfter = error.retryAfter
                lastError = error
            } catch let error as MarketSyncError where error.code == .validation {
                for item in remaining { try await park(item, error, into: &result) }
            } catch let error as MarketSyncError {
                // The whole channel refused (credentials, an answer it cannot read): the items stay queued, are
                // not item failures, and the channel stops for this run.
                for item in remaining {
                    try await store.recordFailure(item, reason: error.message, permanent: false, at: clock.now())
                }
                result.note(ItemFailure(sku: nil, kind: remaining.first.map { "\($0.kind)" } ?? "push", code: error.code,
                                        message: error.message, channelRequestID: error.channelRequestID))
                throw ChannelAbort(code: error.code, reason: error.message)
            } catch is CancellationError {
                throw ChannelAbort(code: .cancelled, reason: "cancelled; the rest stays queued")
            }
            remaining = retryable
            guard !remaining.isEmpty, let lastError else { break }
            guard let delay = backoff.delay(retryAfter: retryAfter) else {
                // Retries used up: the items stay pending in the outbox for the next run.
                for item in remaining {
                    try await store.recordFailure(item, reason: lastError.message, permanent: false, at: clock.now())
                    result.note(ItemFailure(sku: item.key, kind: "\(item.kind)", code: lastError.code,
                                            message: "gave up after \(retry.maxAttempts) attempts, stays queued: \(lastError.message)",
                                            channelRequestID: lastError.channelRequestID))
                }
                result.failed += remaining.count
                for (kind, items) in Dictionary(grouping: remaining, by: \.kind) {
                    metrics.failed(items.count, kind: kind.rawValue, code: lastError.code, channel: channel)
                }
                if !anyAccepted, await breaker.recordFailure(at: clock.now()) {
                    throw ChannelAbort(code: lastError.code, reason: "circuit opened after too many consecutive failed sends (\(lastError.message)); the rest stays queued")
                }
                return
            }
            result.retries += 1
            logger.notice("retrying after a transient failure", metadata: [
                LogKey.channel: "\(channel)", LogKey.errorCode: "\(lastError.code)", LogKey.delayMS: "\(delay.milliseconds)",
            ])
            do { try await clock.sleep(for: delay) } catch {
                throw ChannelAbort(code: .cancelled, reason: "cancelled; the rest stays queued")
            }
            // A newer value may have been planned while we waited (another run, another worker): resending the
            // older one could overwrite it on the channel, so only items still current go again.
            remaining = try await stillCurrent(remaining, into: &result)
        }
        await breaker.recordSuccess()
    }

    /// The unchanged values a snapshot repeats: every acknowledged offer of the channel whose key has no pending
    /// item of the same kind.
    private func carriedOffers(besides pending: [OutboxItem]) async throws -> CarriedOffers {
        let pendingStock = Set(pending.filter { $0.kind == .stock }.map(\.key))
        let pendingPrices = Set(pending.filter { $0.kind == .price }.map(\.key))
        var carried = CarriedOffers()
        // Only SKUs still listed on the channel: one taken off the catalog's listing is not repeated.
        for offer in try await store.acknowledgedOffers(for: channel) where offer.listing != nil {
            if let quantity = offer.quantity, !pendingStock.contains(offer.sku.rawValue) {
                carried.stock.append(StockUpdate(sku: offer.sku, listing: offer.listing, quantity: quantity, carried: true))
            }
            if let price = offer.price, !pendingPrices.contains(offer.sku.rawValue) {
                carried.prices.append(PriceUpdate(sku: offer.sku, listing: offer.listing, price: price, carried: true))
            }
        }
        return carried
    }

    struct CarriedOffers: Sendable {
        var stock: [StockUpdate] = []
        var prices: [PriceUpdate] = []
    }

    /// What a channel's per-item results did to `items`: accepted ones acknowledged, rejected ones parked with
    /// the reason, retryable ones handed back. Results map to items by the item's id, never by SKU alone.
    private func settle(_ items: [OutboxItem], with results: [ItemResult], requestID: String? = nil, into result: inout ChannelResult) async throws
        -> (retryable: [OutboxItem], retryAfter: Duration?, lastError: MarketSyncError?, anyAccepted: Bool)
    {
        var byItem: [Int64: ItemResult] = [:]
        for answer in results { byItem[answer.item] = answer }
        var accepted: [OutboxItem] = []
        var retryable: [OutboxItem] = []
        var retryAfter: Duration?
        var lastError: MarketSyncError?
        for item in items {
            guard let answer = byItem[item.id] else {
                let error = MarketSyncError(.protocolViolation, "the channel returned no result for the item", channel: channel, sku: item.sku)
                try await park(item, error, into: &result)
                continue
            }
            if let error = answer.error {
                if error.isRetryable {
                    retryable.append(item)
                    retryAfter = max(retryAfter ?? .zero, error.retryAfter ?? .zero)
                    lastError = error
                } else {
                    try await park(item, error, into: &result)
                }
            } else {
                accepted.append(item)
            }
        }
        if !accepted.isEmpty {
            try await store.acknowledge(accepted, at: clock.now())
            for item in accepted {
                logger.debug("pushed", metadata: [
                    LogKey.channel: "\(channel)", LogKey.sku: "\(item.key)", LogKey.kind: "\(item.kind)", LogKey.version: "\(item.version)",
                    LogKey.requestID: "\(requestID ?? LogContext.requestID ?? "-")",
                ])
            }
            for (kind, items) in Dictionary(grouping: accepted, by: \.kind) { metrics.pushed(items.count, kind: kind, channel: channel) }
            result.pushed += accepted.filter { $0.kind == .stock || $0.kind == .price }.count
            result.shipmentsConfirmed += accepted.filter { $0.kind == .shipment }.count
            result.ordersAnswered += accepted.filter { $0.kind == .acceptance || $0.kind == .acknowledgement }.count
            if adapter.capabilities.answerSettlesOrder {
                for item in accepted where item.kind == .acceptance { try await recordAnswered(orderID: item.key) }
            }
        }
        return (retryable, retryAfter, lastError, !accepted.isEmpty)
    }

    /// Records the state an answer the channel took leaves its order in, for a channel that never reports it
    /// (`answerSettlesOrder`): each line the seller accepted ready to ship, each refused line refused, the order
    /// rolled up from its lines. Stored like a pulled copy (history, transitions, reservations), so a refused line
    /// releases its units and the accepted ones reach the pick list. An order already past acceptance is left alone.
    private func recordAnswered(orderID: String) async throws {
        guard let stored = try await store.order(orderID, channel: channel), stored.order.state == .pendingAcceptance,
              !stored.lineDecisions.isEmpty else { return }
        var order = stored.order
        for index in order.lines.indices {
            guard let id = order.lines[index].id, let accepted = stored.lineDecisions[id] else { continue }
            order.lines[index].state = accepted ? .readyToShip : .refused
            order.lines[index].rawStatus = accepted ? "accepted by us" : "refused by us"
        }
        order.state = OrderState.rollUp(order.lines.map { $0.state ?? order.state }) ?? order.state
        let accepted = stored.lineDecisions.values.filter { $0 }.count
        order.rawStatus = accepted == stored.lineDecisions.count ? "answered: accepted"
            : accepted == 0 ? "answered: refused" : "answered: partly accepted"
        order.updatedAt = clock.now()
        let cursor = try await store.orderCursor(for: channel) ?? .distantPast
        _ = try await store.storeOrders([order], channel: channel, cursor: cursor, at: clock.now())
        logger.info("order answered: its state recorded", metadata: [
            LogKey.channel: "\(channel)", LogKey.sku: "\(orderID)", "order.state": "\(order.state)",
        ])
    }

    /// Asks the channel about its open submissions that are due, now and then again as they fall due, for at most
    /// `waitFor` of the run's clock. A finished one is settled item by item (a retryable item error leaves the
    /// item pending, to be sent again); one still processing is asked again later, each interval longer.
    private func pollSubmissions(into result: inout ChannelResult, waitFor: Duration) async throws {
        let deadline = clock.now().addingTimeInterval(waitFor.timeInterval)
        var open = try await store.submissions(for: channel)
        while true {
            guard !open.isEmpty else { return }
            let now = clock.now()
            for submission in open where submission.nextPollAt <= now {
                if shutdown.isRequested { return }
                let items = submission.items.map { SubmittedItem(item: $0.id, sku: $0.sku, listing: $0.listing) }
                let status: PushStatus
                do {
                    result.calls += 1
                    status = try await metrics.timed("status", channel: channel) {
                        try await adapter.status(of: submission.receipt, for: items)
                    }
                } catch let error as MarketSyncError where error.isRetryable {
                    try await store.reschedule(submission.receipt, channel: channel, nextPoll: now.addingTimeInterval(
                        max(submissions.delay(afterPolls: submission.polls).timeInterval, (error.retryAfter ?? .zero).timeInterval)))
                    continue
                } catch let error as MarketSyncError {
                    result.note(ItemFailure(sku: nil, kind: "status", code: error.code, message: "\(submission.receipt): \(error.message)",
                                            channelRequestID: error.channelRequestID))
                    throw ChannelAbort(code: error.code, reason: error.message)
                } catch is CancellationError {
                    throw ChannelAbort(code: .cancelled, reason: "cancelled while asking about \(submission.receipt); it is asked about next run")
                }
                switch status {
                case .processing:
                    try await store.reschedule(submission.receipt, channel: channel,
                                               nextPoll: now.addingTimeInterval(submissions.delay(afterPolls: submission.polls).timeInterval))
                case let .completed(results):
                    let settled = try await settle(submission.items, with: results, into: &result)
                    for item in settled.retryable {
                        try await store.recordFailure(item, reason: settled.lastError?.message ?? "retry", permanent: false, at: clock.now())
                    }
                    try await store.closeSubmission(submission.receipt, channel: channel)
                    result.submitted = max(0, result.submitted - submission.items.count)
                }
            }
            let remaining = try await store.submissions(for: channel)
            open = remaining
            guard let next = remaining.map(\.nextPollAt).min(), next <= deadline else {
                if !remaining.isEmpty { result.submitted = remaining.reduce(0) { $0 + $1.items.count } }
                return
            }
            // A shutdown does not wait for a channel's import: the receipt is in the store for the next run.
            if shutdown.isRequested { return }
            let wait = next.timeIntervalSince(clock.now())
            if wait > 0 {
                do { try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) } catch {
                    throw ChannelAbort(code: .cancelled, reason: "cancelled while waiting for the channel's import; it is asked about next run")
                }
            }
        }
    }

    /// The items of `items` that are still the newest version in the outbox; the others are counted superseded.
    private func stillCurrent(_ items: [OutboxItem], into result: inout ChannelResult) async throws -> [OutboxItem] {
        guard !items.isEmpty else { return items }
        let current = try await store.outboxVersions(of: items.map(\.id))
        let fresh = items.filter { current[$0.id] == $0.version }
        result.superseded += items.count - fresh.count
        return fresh
    }

    private func park(_ item: OutboxItem, _ error: MarketSyncError, into result: inout ChannelResult) async throws {
        try await store.recordFailure(item, reason: error.message, permanent: true, at: clock.now())
        result.failed += 1
        metrics.failed(1, kind: item.kind.rawValue, code: error.code, channel: channel)
        result.note(ItemFailure(sku: item.key, kind: "\(item.kind)", code: error.code, message: error.message,
                                channelRequestID: error.channelRequestID))
        logger.warning("item rejected by the channel", metadata: [
            LogKey.channel: "\(channel)", LogKey.sku: "\(item.key)", LogKey.kind: "\(item.kind)", LogKey.version: "\(item.version)",
            LogKey.errorCode: "\(error.code)",
        ])
    }

    /// Reads every window from the cursor to now − lag, answer by answer until the adapter says the window is done;
    /// each window's orders and the cursor move are stored in one transaction, so a crash re-reads at most one window
    /// and a listing that breaks off moves no cursor. After each window that brought orders, and once at the end
    /// (an answer a crash kept from being queued), the orders waiting for an answer get one.
    private func pullOrders(into result: inout ChannelResult, scope: AcceptanceScope) async throws {
        let windows = OrderWindowPlanner(policy: orderWindow).windows(cursor: try await store.orderCursor(for: channel), now: clock.now())
        for window in windows {
            guard try mayGoOn() else { return }
            let counts = try await read(window, into: &result)
            if counts.new + counts.updated > 0 { try await answerOrders(scope: scope, into: &result) }
        }
        try await answerOrders(scope: scope, into: &result)
    }

    /// False once a shutdown was requested (what is stored stays; the rest is read next run); throws when another
    /// process took the channel's lease over.
    private func mayGoOn() throws -> Bool {
        if shutdown.isRequested { return false }
        if let leases, !leases.isHeld(channel) {
            throw ChannelAbort(code: .leaseLost, reason: "another process took this channel's lease over; the rest is read next run")
        }
        return true
    }

    /// Reads the orders an event named, by id, and stores them like listed copies without moving the cursor (a copy
    /// older than the stored one changes nothing). Before the channel's first pull there is no cursor: the pull that
    /// follows reads them anyway. A channel that reads orders only through its listing (nil) finds them there.
    private func readHinted(_ ids: Set<String>, into result: inout ChannelResult) async throws {
        guard let cursor = try await store.orderCursor(for: channel) else { return }
        let wanted = ids.sorted()
        let fetched = try await withRetries(&result) {
            try await metrics.timed("read_orders", channel: channel) { try await adapter.orders(withIDs: wanted) }
        }
        guard let orders = fetched, !orders.isEmpty else { return }
        let counts = try await store.storeOrders(orders, channel: channel, cursor: cursor, at: clock.now())
        metrics.ordersStored(counts, channel: channel)
        result.ordersNew += counts.new
        result.ordersUpdated += counts.updated
        result.unmatchedLines += counts.unmatchedLines
        result.illegalTransitions += counts.illegalTransitions
        logger.info("orders named by events read", metadata: [
            LogKey.channel: "\(channel)", LogKey.count: "\(orders.count)", "orders.new": "\(counts.new)",
            "orders.updated": "\(counts.updated)",
        ])
    }

    /// Reads one window through the adapter's listing, stores its orders with the cursor moved to its end (never
    /// backwards: a re-scan's window leaves the cursor where it is), then settles what the adapter asked to.
    private func read(_ window: OrderWindow, into result: inout ChannelResult) async throws -> OrderStoreCounts {
        var orders: [ChannelOrder] = []
        var settlements: [OrderSettlement] = []
        var paging = OrderPaging()
        while !paging.isDone {
            let continuation = paging.continuation
            let answer = try await withRetries(&result) {
                try await metrics.timed("pull_orders", channel: channel) { try await adapter.pullOrders(in: window, after: continuation) }
            }
            orders += answer.orders
            if let settlement = answer.settlement { settlements.append(settlement) }
            do { try paging.take(answer, channel: channel) } catch {
                result.note(ItemFailure(sku: nil, kind: "orders", code: error.code, message: "window \(window): \(error.message)"))
                throw ChannelAbort(code: error.code, reason: error.message)
            }
        }
        let counts = try await store.storeOrders(orders, channel: channel, cursor: window.end, at: clock.now())
        metrics.ordersStored(counts, channel: channel)
        if !settlements.isEmpty {
            // Only now that the orders are stored may the adapter archive or commit what it read.
            do { try await adapter.settle(settlements) } catch let error as MarketSyncError {
                result.note(ItemFailure(sku: nil, kind: "orders", code: error.code, message: "settling after storing: \(error.message)",
                                        channelRequestID: error.channelRequestID))
                logger.warning("orders stored, but the channel could not be told", metadata: [
                    LogKey.channel: "\(channel)", LogKey.errorCode: "\(error.code)",
                ])
            }
        }
        result.ordersNew += counts.new
        result.ordersUpdated += counts.updated
        if counts.unmatchedLines > 0 {
            result.unmatchedLines += counts.unmatchedLines
            logger.warning("order lines match no product: stored as incidents", metadata: [
                LogKey.channel: "\(channel)", LogKey.count: "\(counts.unmatchedLines)",
            ])
        }
        if counts.illegalTransitions > 0 {
            result.illegalTransitions += counts.illegalTransitions
            logger.warning("order copies would make an illegal state change: held back as incidents", metadata: [
                LogKey.channel: "\(channel)", LogKey.count: "\(counts.illegalTransitions)",
            ])
        }
        return counts
    }

    /// Queues an answer for every stored order of the channel in `pendingAcceptance` that has none yet, when the
    /// channel wants one (`capabilities.orderAnswer`): an acknowledgement, or an acceptance decided line by line
    /// from the stock (`AcceptanceDecider`). The answers go out with the rest of the outbox in this run's send.
    private func answerOrders(scope: AcceptanceScope, into result: inout ChannelResult) async throws {
        let policy = adapter.capabilities.orderAnswer
        guard policy != .none else { return }
        let waiting = try await store.ordersAwaitingAnswer(for: channel)
        guard !waiting.isEmpty else { return }
        var responses: [OrderResponse] = []
        switch policy {
        case .none:
            return
        case .acknowledge:
            responses = waiting.map { .acknowledgement(orderID: $0.order.id) }
        case .acceptLines:
            let skus = Array(Set(waiting.flatMap { $0.order.lines.map(\.sku) })).sorted { $0.rawValue < $1.rawValue }
            let input = try await store.planningInput(channels: scope.specs.map(\.channel), skus: skus)
            let outcome = AcceptanceDecider(specs: scope.specs, channelIndex: scope.index, today: SyncEngine.day(clock.now()))
                .decide(waiting, input: input)
            for (orderID, reason) in outcome.unanswerable {
                result.note(ItemFailure(sku: orderID, kind: "\(OutboxKind.acceptance)", code: .protocolViolation,
                                        message: "order \(orderID) not answered: \(reason)"))
            }
            responses = outcome.responses
            result.linesRefused += outcome.refusedLines
        }
        let queued = try await store.queueOrderAnswers(responses, channel: channel, at: clock.now())
        result.answersQueued += queued.count
        if !queued.isEmpty {
            logger.info("order answers queued", metadata: [LogKey.channel: "\(channel)", LogKey.count: "\(queued.count)"])
        }
    }

    /// Goes on with the channel's deep re-scan when one is under way or due: `[now − days, cursor]` read again
    /// window by window through the same listing, at most `windowsPerRun` windows a run, each stored like any
    /// window (an order read twice is stored once; an older copy changes nothing) and its end recorded, so the next
    /// run goes on from there. The first time a channel has a re-scan, the pulls so far count as one: the first
    /// pass is due `every` later.
    private func rescan(_ policy: DeepRescanPolicy, scope: AcceptanceScope, into result: inout ChannelResult) async throws {
        guard try mayGoOn(), let cursor = try await store.orderCursor(for: channel) else { return }
        let now = clock.now()
        let state = try await store.deepRescan(for: channel)
        var pass: DeepRescanPass
        if let current = state?.pass {
            pass = current
        } else {
            guard let last = state?.lastCompletedAt else {
                try await store.saveDeepRescan(DeepRescanState(lastCompletedAt: now), for: channel)
                return
            }
            guard now >= last.addingTimeInterval(policy.every.timeInterval) else { return }
            let from = now.addingTimeInterval(-TimeInterval(policy.days) * 86_400)
            pass = DeepRescanPass(startedAt: now, from: from, until: cursor, position: from)
            try await store.saveDeepRescan(DeepRescanState(lastCompletedAt: last, pass: pass), for: channel)
            logger.info("deep re-scan of orders started", metadata: [LogKey.channel: "\(channel)"])
        }
        // Resuming, the next window starts the overlap before where the last stored one ended, like a pull.
        let start = pass.position > pass.from ? pass.position.addingTimeInterval(-orderWindow.overlap.timeInterval) : pass.from
        let windows = OrderWindowPlanner(policy: orderWindow, maxWindows: policy.windowsPerRun).windows(from: start, to: pass.until)
        for window in windows {
            guard try mayGoOn() else { return }
            let counts = try await read(window, into: &result)
            result.rescanFound += counts.new + counts.updated
            pass.position = window.end
            try await store.saveDeepRescan(DeepRescanState(lastCompletedAt: state?.lastCompletedAt, pass: pass), for: channel)
            if counts.new + counts.updated > 0 { try await answerOrders(scope: scope, into: &result) }
        }
        if windows.isEmpty || pass.position >= Date(timeIntervalSince1970: pass.until.timeIntervalSince1970.rounded(.down)) {
            try await store.saveDeepRescan(DeepRescanState(lastCompletedAt: pass.startedAt), for: channel)
            logger.info("deep re-scan of orders finished", metadata: [
                LogKey.channel: "\(channel)", LogKey.count: "\(result.rescanFound)",
            ])
        }
    }

    private func withRetries<T: Sendable>(_ result: inout ChannelResult, _ call: @Sendable () async throws -> T) async throws -> T {
        var backoff = Backoff(policy: retry, seed: seed)
        while true {
            result.calls += 1
            do {
                return try await call()
            } catch let error as MarketSyncError where error.isRetryable {
                guard let delay = backoff.delay(retryAfter: error.retryAfter) else {
                    result.note(ItemFailure(sku: nil, kind: "orders", code: error.code,
                                            message: "gave up after \(retry.maxAttempts) attempts: \(error.message)",
                                            channelRequestID: error.channelRequestID))
                    throw ChannelAbort(code: error.code, reason: "gave up after \(retry.maxAttempts) attempts: \(error.message)")
                }
                result.retries += 1
                do { try await clock.sleep(for: delay) } catch {
                    throw ChannelAbort(code: .cancelled, reason: "cancelled")
                }
            } catch let error as MarketSyncError {
                result.note(ItemFailure(sku: nil, kind: "orders", code: error.code, message: error.message,
                                        channelRequestID: error.channelRequestID))
                throw ChannelAbort(code: error.code, reason: error.message)
            } catch is CancellationError {
                throw ChannelAbort(code: .cancelled, reason: "cancelled")
            }
        }
    }
}

/// The channels acceptances are decided across: every channel the engine plans (a share splits stock between
/// them), and which of them is deciding.
struct AcceptanceScope: Sendable {
    /// Every channel's plan spec, as the engine plans (`stateIndex` counts in `specs` order).
    var specs: [ChannelPlanSpec]
    /// The deciding channel's index in `specs`.
    var index: Int
}

/// Stops one channel's run; the engine reports it and goes on with the others.
struct ChannelAbort: Error, Sendable {
    var code: MarketSyncError.Code
    var reason: String
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        let step = Swift.max(size, 1)
        return stride(from: 0, to: count, by: step).map { Array(self[$0..<Swift.min($0 + step, count)]) }
    }
}
