internal import Foundation
internal import MarketSync

/// The checks every adapter passes through its own sandbox: a push and its per-item results by item, a partial
/// failure, a throttle, rejected credentials, an order listing across several answers, a batch still submitted
/// across a restart (for channels that submit), and a new order answered the way the channel wants, then shipped
/// with its tracking number. Each check returns the problems it found; an empty list means the adapter holds to
/// the seam's contract.
public struct AdapterConformanceSuite: Sendable {
    /// The channel's sandbox and the adapters made to it.
    public let harness: any AdapterConformanceHarness
    /// How many status questions a submitted batch may take before the check gives up.
    public var maxPolls = 50

    /// A suite over `harness`; `maxPolls` is 50 unless set.
    public init(harness: any AdapterConformanceHarness) {
        self.harness = harness
    }

    /// Every check, in turn; problems prefixed with the check's name.
    public func run() async -> [String] {
        var problems: [String] = []
        let checks: [(String, @Sendable (AdapterConformanceSuite) async throws -> [String])] = [
            ("push", { try await $0.pushIsAnsweredPerItem() }),
            ("partial failure", { try await $0.aRejectedItemFailsAlone() }),
            ("throttle", { try await $0.aThrottleIsRetryable() }),
            ("credentials", { try await $0.rejectedCredentialsAreUnauthorized() }),
            ("paging", { try await $0.everyOrderIsListed() }),
            ("restart while submitted", { try await $0.aSubmittedBatchIsAnsweredAfterARestart() }),
            ("order answered then shipped", { try await $0.aNewOrderIsAnsweredThenShipped() }),
        ]
        for (name, check) in checks {
            do {
                problems += try await check(self).map { "\(name): \($0)" }
            } catch {
                problems.append("\(name): threw \(error)")
            }
        }
        return problems
    }

    /// The per-item results of a push, asking about a receipt until it is answered.
    func results(_ outcome: PushOutcome, adapter: any ChannelAdapter, items: [SubmittedItem]) async throws -> [ItemResult]? {
        switch outcome {
        case let .completed(results): return results
        case let .submitted(receipt):
            for _ in 0..<maxPolls {
                await harness.advance(by: .seconds(5))
                if case let .completed(results) = try await adapter.status(of: receipt, for: items) { return results }
            }
            return nil
        }
    }

    func stockUpdates(_ listings: [String], base: Int64) -> [StockUpdate] {
        listings.enumerated().map { index, listing in
            StockUpdate(item: Int64(100 + index), sku: SKU("CONF-\(index)"), listing: listing, quantity: base + Int64(index))
        }
    }

    func submitted(_ updates: [StockUpdate]) -> [SubmittedItem] {
        updates.map { SubmittedItem(item: $0.item, sku: $0.sku, listing: $0.listing) }
    }

    func pushIsAnsweredPerItem() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let listings = harness.listings(3)
        let updates = stockUpdates(listings, base: 10)
        guard let results = try await results(try await adapter.pushStock(updates), adapter: adapter, items: submitted(updates)) else {
            return ["the batch was never answered"]
        }
        var problems: [String] = []
        if Set(results.map(\.item)) != Set(updates.map(\.item)) { problems.append("results name items \(results.map(\.item)), sent \(updates.map(\.item))") }
        for result in results where result.error != nil { problems.append("item \(result.item) failed: \(result.error.map { "\($0)" } ?? "")") }
        for update in updates {
            let held = try await harness.stock(of: update.listing ?? "")
            if held != update.quantity { problems.append("\(update.listing ?? "?") holds \(held.map(String.init) ?? "nothing"), sent \(update.quantity)") }
        }
        return problems
    }

    func aRejectedItemFailsAlone() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let listings = harness.listings(3)
        try await harness.rejectNextStockUpdate(of: listings[1])
        let updates = stockUpdates(listings, base: 20)
        guard let results = try await results(try await adapter.pushStock(updates), adapter: adapter, items: submitted(updates)) else {
            return ["the batch was never answered"]
        }
        var problems: [String] = []
        let byItem = Dictionary(results.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        guard let rejected = byItem[updates[1].item] else { return ["no result for the rejected item"] }
        if rejected.error == nil { problems.append("the rejected item was accepted") }
        if rejected.error?.isRetryable == true { problems.append("a rejection is retryable (\(rejected.error?.code.description ?? ""))") }
        for index in [0, 2] where byItem[updates[index].item]?.error != nil {
            problems.append("item \(updates[index].item) failed with the other: \(byItem[updates[index].item]?.error.map { "\($0)" } ?? "")")
        }
        return problems
    }

    func aThrottleIsRetryable() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let updates = stockUpdates(harness.listings(1), base: 30)
        try await harness.throttleNextCall()
        do {
            let outcome = try await adapter.pushStock(updates)
            guard let results = try await results(outcome, adapter: adapter, items: submitted(updates)) else { return ["never answered"] }
            let errors = results.compactMap(\.error)
            if errors.isEmpty { return ["a throttled call was reported as accepted"] }
            return errors.allSatisfy { $0.code == .rateLimited } ? [] : ["throttle reported as \(errors.map(\.code.description))"]
        } catch let error as MarketSyncError {
            return error.code == .rateLimited ? [] : ["throttle reported as \(error.code)"]
        }
    }

    func rejectedCredentialsAreUnauthorized() async throws -> [String] {
        _ = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let adapter = try await harness.makeAdapter(fresh: false, validCredentials: false)
        var problems: [String] = []
        do {
            try await adapter.verifyAccess()
            problems.append("verifyAccess passed with wrong credentials")
        } catch let error as MarketSyncError {
            if error.code != .unauthorized { problems.append("verifyAccess threw \(error.code), not unauthorized") }
        }
        do {
            let outcome = try await adapter.pushStock(stockUpdates(harness.listings(1), base: 40))
            if outcome.results?.allSatisfy({ $0.error?.code == .unauthorized }) != true {
                problems.append("a push with wrong credentials did not fail as unauthorized")
            }
        } catch let error as MarketSyncError {
            if error.code != .unauthorized { problems.append("a push threw \(error.code), not unauthorized") }
        }
        return problems
    }

    func everyOrderIsListed() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let ids = try await harness.addOrders(7, listing: harness.listings(1)[0], updatedAt: harness.clock.now().addingTimeInterval(-600))
        let listing = try await walk(recentWindow(adapter), adapter: adapter)
        if let problem = listing.problem { return [problem] }
        let missing = Set(ids).subtracting(listing.orders.map(\.id))
        return missing.isEmpty ? [] : ["orders never listed: \(missing.sorted())"]
    }

    /// The last 20 minutes (or the channel's longest window, if shorter) up to now minus the channel's lag.
    func recentWindow(_ adapter: any ChannelAdapter) -> OrderWindow {
        let policy = adapter.capabilities.orderWindow
        let end = harness.clock.now().addingTimeInterval(-policy.lag.timeInterval)
        return OrderWindow(start: end.addingTimeInterval(-min(policy.maxLength.timeInterval, 1200)), end: end)
    }

    /// Every order of `window`, answer by answer as the engine reads them; a problem when a continuation comes twice.
    func walk(_ window: OrderWindow, adapter: any ChannelAdapter) async throws -> (orders: [ChannelOrder], problem: String?) {
        var orders: [ChannelOrder] = []
        var continuation: OrderContinuation?
        var given: Set<OrderContinuation> = []
        for _ in 0..<1000 {
            let page = try await adapter.pullOrders(in: window, after: continuation)
            orders += page.orders
            guard let next = page.next else { break }
            if !given.insert(next).inserted { return (orders, "continuation \(next) given twice") }
            continuation = next
        }
        return (orders, nil)
    }

    func aSubmittedBatchIsAnsweredAfterARestart() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let updates = stockUpdates(harness.listings(2), base: 50)
        guard case let .submitted(receipt) = try await adapter.pushStock(updates) else {
            return [] // The channel answers at once: nothing is ever in flight across a restart.
        }
        let restarted = try await harness.makeAdapter(fresh: false, validCredentials: true)
        guard let results = try await results(.submitted(receipt), adapter: restarted, items: submitted(updates)) else {
            return ["the receipt \(receipt) was never answered after a restart"]
        }
        return Set(results.map(\.item)) == Set(updates.map(\.item)) ? [] : ["results after a restart name \(results.map(\.item))"]
    }
}
