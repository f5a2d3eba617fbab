import Foundation
import MarketSync
import Synchronization

/// A channel whose answers the test scripts: each push call takes the next scripted outcome, and every call is
/// recorded so the test can check what was sent.
final class ScriptedAdapter: ChannelAdapter {
    enum Outcome: Sendable {
        case accept
        case fail(MarketSyncError)
        case failItems([SKU: MarketSyncError])
        /// Takes the batch for later under this receipt id (see `scriptStatus`).
        case submit(String)
    }

    /// What `status(of:for:)` answers for a receipt, in turn.
    enum StatusAnswer: Sendable {
        case processing
        case complete([SKU: MarketSyncError])
        case fail(MarketSyncError)
    }

    let channel: ChannelID
    let capabilities: ChannelCapabilities
    private let state = Mutex<State>(State())

    struct State {
        var outcomes: [Outcome] = []
        var statusAnswers: [String: [StatusAnswer]] = [:]
        var statusQuestions: [(String, [SubmittedItem])] = []
        var stockCalls: [[StockUpdate]] = []
        /// `LogContext.requestID` as each stock call saw it.
        var stockRequestIDs: [String?] = []
        var priceCalls: [[PriceUpdate]] = []
        var shipments: [Shipment] = []
        var orders: [ChannelOrder] = []
        var pageSize = 2
        /// Each pull's window and the continuation it was given.
        var pulls: [(OrderWindow, OrderContinuation?)] = []
    }

    init(channel: ChannelID = "test", stockBatchSize: Int = 1, priceBatchSize: Int = 20, offers: OfferMode = .delta,
         orderAnswer: OrderAnswerPolicy = .none, answerSettlesOrder: Bool = false) {
        self.channel = channel
        capabilities = ChannelCapabilities(
            pushesStock: true, pushesPrices: true, pullsOrders: true, confirmsShipments: true,
            stockBatchSize: stockBatchSize, priceBatchSize: priceBatchSize, currency: .cny,
            rateLimit: RateLimit(requestsPerSecond: 1000, burst: 1000),
            orderWindow: OrderWindowPolicy(maxLength: .seconds(1800), lag: .seconds(180), overlap: .seconds(120), initialLookback: .seconds(3600)),
            offers: offers, orderAnswer: orderAnswer, answerSettlesOrder: answerSettlesOrder)
    }

    func script(_ outcomes: Outcome...) { state.withLock { $0.outcomes += outcomes } }
    func setOrders(_ orders: [ChannelOrder]) { state.withLock { $0.orders = orders } }
    var stockCalls: [[StockUpdate]] { state.withLock { $0.stockCalls } }
    var stockRequestIDs: [String?] { state.withLock { $0.stockRequestIDs } }
    var priceCalls: [[PriceUpdate]] { state.withLock { $0.priceCalls } }
    var pulls: [(OrderWindow, OrderContinuation?)] { state.withLock { $0.pulls } }

    private func next(_ items: [(item: Int64, sku: SKU)]) throws -> PushOutcome {
        let outcome = state.withLock { $0.outcomes.isEmpty ? Outcome.accept : $0.outcomes.removeFirst() }
        switch outcome {
        case .accept: return .completed(items.map { ItemResult.accepted($0.item, $0.sku) })
        case let .fail(error): throw error
        case let .failItems(errors): return .completed(items.map { ItemResult(item: $0.item, sku: $0.sku, error: errors[$0.sku]) })
        case let .submit(receipt): return .submitted(PushReceipt(receipt))
        }
    }

    /// Scripts the answers to status questions about `receipt` from now on, in turn (the last one repeats).
    func scriptStatus(_ receipt: String, _ answers: StatusAnswer...) { state.withLock { $0.statusAnswers[receipt] = answers } }
    /// Every status question asked: the receipt and the items it named.
    var statusQuestions: [(String, [SubmittedItem])] { state.withLock { $0.statusQuestions } }

    func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        let answer: StatusAnswer = state.withLock { state in
            state.statusQuestions.append((receipt.id, items))
            guard var queue = state.statusAnswers[receipt.id], let first = queue.first else { return .processing }
            if queue.count > 1 { queue.removeFirst() }
            state.statusAnswers[receipt.id] = queue
            return first
        }
        switch answer {
        case .processing: return .processing
        case let .fail(error): throw error
        case let .complete(errors):
            return .completed(items.map { ItemResult(item: $0.item, sku: $0.sku, error: errors[$0.sku]) })
        }
    }

    /// Runs on every stock call, before it answers.
    let onStockCall = Mutex<(@Sendable () -> Void)?>(nil)

    /// Runs on every stock call, before it answers, and may wait (without blocking a thread).
    let onStockCallAsync = Mutex<(@Sendable () async -> Void)?>(nil)

    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        state.withLock { $0.stockCalls.append(updates); $0.stockRequestIDs.append(LogContext.requestID) }
        onStockCall.withLock { $0 }?()
        if let hook = onStockCallAsync.withLock({ $0 }) { await hook() }
        return try next(updates.filter { !$0.carried }.map { ($0.item, $0.sku) })
    }

    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        state.withLock { $0.priceCalls.append(updates) }
        return try next(updates.filter { !$0.carried }.map { ($0.item, $0.sku) })
    }

    /// When set, order pulls hang until cancelled (a channel that stopped answering).
    let hangsOnPull = Mutex(false)
    /// When set, pulls of windows starting before this instant hang until cancelled (a channel slow on old orders).
    let hangsBefore = Mutex<Date?>(nil)

    /// When set, answers order pulls instead of the scripted orders (a channel whose paging misbehaves).
    let pullAnswer = Mutex<(@Sendable (OrderContinuation?) -> OrderPage)?>(nil)

    /// Every `settle` call, in order.
    let settled = Mutex<[[OrderSettlement]]>([])
    /// Runs in `settle`, before it returns (a test checks what the store holds by then, or fails it).
    let onSettle = Mutex<(@Sendable ([OrderSettlement]) async throws -> Void)?>(nil)

    func settle(_ settlements: [OrderSettlement]) async throws {
        settled.withLock { $0.append(settlements) }
        if let hook = onSettle.withLock({ $0 }) { try await hook(settlements) }
    }

    /// Pages forward through the scripted orders, `pageSize` at a time; the continuation is the next page number.
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        if hangsOnPull.withLock({ $0 }) { try await Task.sleep(for: .seconds(3600)) }
        if let limit = hangsBefore.withLock({ $0 }), window.start < limit { try await Task.sleep(for: .seconds(3600)) }
        let answer = pullAnswer.withLock { $0 }
        return state.withLock { state in
            state.pulls.append((window, continuation))
            if let answer { return answer(continuation) }
            let page = continuation.flatMap { Int($0.token) } ?? 1
            let inWindow = state.orders.filter { $0.updatedAt >= window.start && $0.updatedAt <= window.end }
                .sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
            let slice = Array(inWindow.dropFirst((page - 1) * state.pageSize).prefix(state.pageSize))
            return OrderPage(orders: slice, next: page * state.pageSize < inWindow.count ? OrderContinuation(String(page + 1)) : nil)
        }
    }

    /// The ids each read by id asked for, in order; while `readsByID` is false the channel has no such read (nil).
    let idReads = Mutex<[[String]]>([])
    let readsByID = Mutex(true)

    /// The scripted orders with those ids, whatever their update time (a read by id sees an order at once, before
    /// the listing's lag would).
    func orders(withIDs ids: [String]) async throws -> [ChannelOrder]? {
        guard readsByID.withLock({ $0 }) else { return nil }
        idReads.withLock { $0.append(ids) }
        return state.withLock { state in state.orders.filter { ids.contains($0.id) } }
    }

    /// Every order answer besides shipments, in order; fails with `respondFailure` while it is set.
    let responses = Mutex<[OrderResponse]>([])
    let respondFailure = Mutex<MarketSyncError?>(nil)

    func respond(_ response: OrderResponse) async throws {
        if case let .shipment(shipment) = response { return try await confirmShipment(shipment) }
        if let failure = respondFailure.withLock({ $0 }) { throw failure }
        responses.withLock { $0.append(response) }
    }

    func confirmShipment(_ shipment: Shipment) async throws {
        state.withLock { $0.shipments.append(shipment) }
    }

    /// Always lets the caller in: the scripted channel has no credentials to reject.
    func verifyAccess() async throws {}
}

/// A clock that never really waits: each sleep is recorded and moves time forward.
final class SteppingClock: SyncClock {
    private let state: Mutex<(now: Date, sleeps: [Duration])>
    /// Runs during each sleep: lets a test change the world while the engine waits to retry.
    let onSleep: Mutex<(@Sendable () async throws -> Void)?> = Mutex(nil)
    init(now: Date) { state = Mutex((now, [])) }
    func now() -> Date { state.withLock { $0.now } }
    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now = $0.now.addingTimeInterval(duration.timeInterval)
        }
        if let hook = onSleep.withLock({ $0 }) { try await hook() }
    }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
    func advance(seconds: TimeInterval) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }
}
