internal import Foundation
internal import MarketSync

/// `IncidentStore`, `RunStore` and `DeepRescanStore`: what waits for a person, runs recorded, a deep re-scan's
/// standing kept.
enum InspectionChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .incidents, name: "what waits for a person", needs: [.outbox, .heldChanges]) { underTest in
            let store = try role(underTest.store, (any IncidentStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            let held = try role(underTest.store, (any HeldChangeStore).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.waitingWork(for: D.channel), WaitingWork(), "an empty store")
            p.expectEqual(try await store.openIncidents(for: nil), [], "incidents in an empty store")
            let items = try await outbox.enqueue([D.stock("SKU-A", 1), D.stock("SKU-B", 1, on: D.other)], at: D.at(0))
            for item in items { try await outbox.recordFailure(item, reason: "rejected", permanent: true, at: D.at(1)) }
            try await held.replaceHeldChanges([HeldChange(channel: D.channel, sku: "SKU-A", from: D.cny(100), to: D.cny(200), guardKind: .maxChange,
                                                          reason: "change +100% exceeds max_change 30%", heldAt: D.at(2))],
                                              channel: D.channel, planned: nil)
            p.expectEqual(try await store.waitingWork(for: D.channel), WaitingWork(heldPrices: 1, parkedItems: 1), "waiting on the channel")
            return p.list
        },
        StoreConformanceCheck(role: .runs, name: "runs begin and finish") { underTest in
            let store = try role(underTest.store, (any RunStore).self)
            var p = ConformanceProblems()
            let first = try await store.beginRun(mode: "sync", at: D.at(0))
            let second = try await store.beginRun(mode: "worker", at: D.at(1))
            p.expect(second > first, "run ids grow: \(first), \(second)")
            try await store.finishRun(first, summaryJSON: "{}", exitCode: 0, at: D.at(2))
            do {
                try await store.finishRun(second + 1000, summaryJSON: "{}", exitCode: 0, at: D.at(3))
                p.fail("finishing an unknown run did not throw")
            } catch let error as MarketSyncError {
                p.expectEqual(error.code, .store, "the error finishing an unknown run")
            }
            return p.list
        },
        StoreConformanceCheck(role: .deepRescan, name: "a deep re-scan's standing is kept") { underTest in
            let store = try role(underTest.store, (any DeepRescanStore).self)
            var p = ConformanceProblems()
            p.expect(try await store.deepRescan(for: D.channel) == nil, "before the first")
            let running = DeepRescanState(lastCompletedAt: D.at(0), pass: DeepRescanPass(startedAt: D.at(10), from: D.at(-100), until: D.at(10), position: D.at(-50)))
            try await store.saveDeepRescan(running, for: D.channel)
            p.expectEqual(try await store.deepRescan(for: D.channel), running, "a pass under way")
            let done = DeepRescanState(lastCompletedAt: D.at(10))
            try await store.saveDeepRescan(done, for: D.channel)
            p.expectEqual(try await store.deepRescan(for: D.channel), done, "a finished pass")
            p.expect(try await store.deepRescan(for: D.other) == nil, "another channel")
            return p.list
        },
    ]
}
