import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

/// One sender per channel per store: two processes (two store connections with two holders) never both send to a
/// channel, a second one waits or fails naming the first, a dead holder's lease is taken over after it expires,
/// and an item superseded before its batch starts is never sent.
@Suite struct ChannelLeaseTests: EngineTestSupport {
    func holder(_ name: String, pid: Int32) -> LeaseHolder {
        LeaseHolder(id: name, pid: pid, host: "host-\(name)", since: start)
    }

    /// An engine as one process would build it: its own store connection, its own lease holder.
    func engine(_ path: String, _ adapter: ScriptedAdapter, _ clock: any SyncClock, holder: LeaseHolder, ttl: Duration = .seconds(60)) throws -> SyncEngine {
        let store = try SQLiteStore(path: path)
        let leases = ChannelLeases(store: store, clock: clock, logger: Logger(label: "test"), holder: holder, ttl: ttl,
                                   pollInterval: .milliseconds(5))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"), leases: leases)
        return SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test"), leases: leases)
    }

    @Test func theStoreGrantsOneHolderAndHandsAnExpiredLeaseOver() async throws {
        let store = try SQLiteStore(path: storePath())
        let a = holder("a", pid: 11), b = holder("b", pid: 22)
        #expect(try await store.acquireLease("ch", for: a, until: start + 60, now: start) == nil)
        let blocking = try #require(try await store.acquireLease("ch", for: b, until: start + 90, now: start + 30))
        #expect(blocking.holder == a && blocking.expiresAt == start + 60)
        // A renews: still its own.
        #expect(try await store.renewLease("ch", for: a, until: start + 120))
        #expect(try await store.acquireLease("ch", for: b, until: start + 150, now: start + 90) != nil)
        // A dies; once its lease expires, B takes it over and A's renewal fails.
        #expect(try await store.acquireLease("ch", for: b, until: start + 200, now: start + 121) == nil)
        #expect(try await store.renewLease("ch", for: a, until: start + 300) == false)
        // Releasing someone else's lease does nothing.
        try await store.releaseLease("ch", for: a)
        #expect(try await store.leases().map(\.holder.id) == ["b"])
        try await store.releaseLease("ch", for: b)
        #expect(try await store.leases().isEmpty)
    }

    @Test func twoSendersRacingOnOneStoreSendEachValueOnce() async throws {
        let path = storePath()
        let clock = SystemClock()
        let channel = ScriptedAdapter()
        // Every call takes a moment, so the two runs overlap.
        channel.onStockCallAsync.withLock { $0 = { try? await Task.sleep(for: .milliseconds(2)) } }
        let catalog = ImportReport(source: "t", products: (0..<40).map { product(SKU("S\($0)"), stock: Int64($0 + 1)) }, rejections: [])
        let first = try engine(path, channel, clock, holder: holder("first", pid: 1))
        let second = try engine(path, channel, clock, holder: holder("second", pid: 2))
        async let one = first.sync(reports: [catalog])
        async let two = second.sync(reports: [catalog])
        let summaries = try await [one, two]
        let sent = channel.stockCalls.flatMap { $0 }
        // 40 values were needed; each went out exactly once, whoever sent it.
        #expect(sent.count == 40)
        #expect(Set(sent.map(\.sku)).count == 40)
        #expect(summaries.map { $0.channels[0].pushed }.reduce(0, +) == 80) // 40 stock + 40 prices
        #expect(try await SQLiteStore(path: path).leases().isEmpty)
    }

    @Test func aSecondSenderWithNoWaitFailsNamingTheHolder() async throws {
        let path = storePath()
        let clock = SystemClock()
        let channel = ScriptedAdapter()
        let inFlight = Mutex(false)
        let release = Mutex(false)
        channel.onStockCallAsync.withLock { $0 = {
            inFlight.withLock { $0 = true }
            while !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(1)) }
        } }
        let catalog = ImportReport(source: "t", products: [product("A", stock: 3)], rejections: [])
        let first = try engine(path, channel, clock, holder: holder("first", pid: 4242))
        let running = Task { try await first.sync(reports: [catalog]) }
        while !inFlight.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }
        let second = try engine(path, channel, clock, holder: holder("second", pid: 7))
        let error = await #expect(throws: MarketSyncError.self) { try await second.sync(reports: [catalog], whenHeld: .fail) }
        #expect(error?.code == .leaseHeld)
        #expect(error?.message.contains("pid 4242 on host-first") == true)
        release.withLock { $0 = true }
        #expect(try await running.value.channels[0].pushed == 2)
        // Free again: the second one goes through now (and finds nothing left to send).
        #expect(try await second.sync(reports: [catalog], whenHeld: .fail).channels[0].pushed == 0)
    }

    @Test func aWorkerSkipsAHeldChannelAndSaysWho() async throws {
        let path = storePath()
        let store = try SQLiteStore(path: path)
        let clock = SteppingClock(now: start)
        _ = try await store.acquireLease("test", for: holder("manual", pid: 99), until: start + 60, now: start)
        let channel = ScriptedAdapter()
        let worker = try engine(path, channel, clock, holder: holder("worker", pid: 1))
        let catalog = ImportReport(source: "t", products: [product("A", stock: 3)], rejections: [])
        let summary = try await worker.sync(reports: [catalog], mode: "worker", whenHeld: .skip)
        #expect(summary.channels[0].skipped?.contains("pid 99") == true)
        #expect(summary.channels[0].status == "skipped")
        #expect(channel.stockCalls.isEmpty)
        // The holder died: once its lease expires the worker takes the channel over.
        clock.advance(seconds: 61)
        let next = try await worker.sync(reports: [catalog], mode: "worker", whenHeld: .skip)
        #expect(next.channels[0].skipped == nil)
        #expect(channel.stockCalls.count == 1)
    }

    @Test func aLostLeaseStopsNewBatches() async throws {
        let path = storePath()
        let store = try SQLiteStore(path: path)
        let clock = SteppingClock(now: start)
        let leases = ChannelLeases(store: store, clock: clock, logger: Logger(label: "test"), holder: holder("slow", pid: 5), ttl: .seconds(30))
        _ = try await leases.acquire(["test"], whenHeld: .fail, shutdown: ShutdownSignal())
        #expect(leases.isHeld("test"))
        // The holder stalled past its expiry and another process took over: the next renewal finds out.
        _ = try await store.acquireLease("test", for: holder("other", pid: 6), until: start + 100, now: start + 31)
        await leases.renew()
        #expect(!leases.isHeld("test"))

        let channel = ScriptedAdapter()
        _ = try await store.applyImport((0..<3).map { product(SKU("S\($0)"), stock: 1) }, source: "t", at: start)
        _ = try await store.enqueue((0..<3).map { OutboxDraft(channel: "test", key: "S\($0)", listing: "1:S\($0)", payload: .stock(quantity: 1)) }, at: start)
        let runner = ChannelRunner(adapter: channel, store: store, rules: rules, clock: clock, logger: Logger(label: "test"), leases: leases)
        let result = try await runner.flushOutbox()
        #expect(result.stopped?.code == "lease_lost")
        #expect(channel.stockCalls.count <= 1)
        #expect(try await store.pendingOutbox(for: "test").count >= 2)
    }

    @Test func anItemSupersededBeforeItsBatchStartsIsNeverSent() async throws {
        let store = try SQLiteStore(path: storePath())
        let clock = SteppingClock(now: start)
        _ = try await store.applyImport((0..<2).map { product(SKU("S\($0)"), stock: 1) }, source: "t", at: start)
        _ = try await store.enqueue([OutboxDraft(channel: "test", key: "S0", listing: "1:S0", payload: .stock(quantity: 5)),
                                     OutboxDraft(channel: "test", key: "S1", listing: "1:S1", payload: .stock(quantity: 5))], at: start)
        let channel = ScriptedAdapter()
        // While S0 goes out, another run plans a newer value for S1 (the store's state moves on under this flush).
        let once = Mutex(true)
        let start = self.start
        channel.onStockCallAsync.withLock { $0 = {
            guard once.withLock({ let first = $0; $0 = false; return first }) else { return }
            _ = try? await store.enqueue([OutboxDraft(channel: "test", key: "S1", listing: "1:S1", payload: .stock(quantity: 2))], at: start)
        } }
        let runner = ChannelRunner(adapter: channel, store: store, rules: rules, clock: clock, logger: Logger(label: "test"))
        let result = try await runner.flushOutbox()
        // S1 = 5 was loaded at the start but is no longer the newest: it is not sent; S1 = 2 waits for the next run.
        #expect(channel.stockCalls.flatMap { $0 }.map(\.sku) == ["S0"])
        #expect(result.superseded == 1)
        let pending = try await store.pendingOutbox(for: "test")
        #expect(pending.map(\.payload) == [.stock(quantity: 2)])
    }

    @Test func aLeaseOfAProcessThatIsGoneIsTakenOverAtOnce() async throws {
        let path = storePath()
        let store = try SQLiteStore(path: path)
        let clock = SteppingClock(now: start)
        let me = LeaseHolder.currentProcess(at: start)
        // A process on this host that no longer exists (no pid this high runs) left its lease an hour to live.
        let dead = LeaseHolder(id: "dead", pid: 4_194_300, host: me.host, since: start)
        _ = try await store.acquireLease("test", for: dead, until: start + 3600, now: start)
        let leases = ChannelLeases(store: store, clock: clock, logger: Logger(label: "test"), holder: me)
        _ = try await leases.acquire(["test"], whenHeld: .fail, shutdown: ShutdownSignal())
        #expect(leases.isHeld("test"))
        #expect(try await store.leases().map(\.holder.id) == [me.id])

        // One on another host is waited out: its process cannot be checked from here.
        let remote = LeaseHolder(id: "remote", pid: 4_194_300, host: "another-host", since: start)
        _ = try await store.acquireLease("other", for: remote, until: start + 3600, now: start)
        await #expect(throws: MarketSyncError.self) {
            _ = try await leases.acquire(["other"], whenHeld: .fail, shutdown: ShutdownSignal())
        }
    }
}
