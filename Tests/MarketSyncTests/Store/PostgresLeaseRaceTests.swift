import Foundation
import MarketSync
import MarketSyncPostgres
import Testing

/// Leases on PostgreSQL while other workers take and release them at the same moment, as `scripts/drill-failover`
/// runs them: every worker releases its leases at the end of each run, so a release often commits while another
/// worker is between the statements of its acquisition.
@Suite struct PostgresLeaseRaceTests {
    static let url = ProcessInfo.processInfo.environment["MARKETSYNC_PG_TEST_URL"]
    static let skipReason: Comment = "needs MARKETSYNC_PG_TEST_URL: start a server with scripts/postgres start, or run scripts/test"

    /// Workers each take the lease, or find it held, then release what they got, many times over: each ask is
    /// answered (granted, or the lease in the way), never a store error, and no two of them ever hold it at once.
    @Test(.enabled(if: url != nil, skipReason)) func aLeaseReleasedWhileAnotherAsksIsFreeNotAnError() async throws {
        let url = try #require(Self.url)
        var location = try PostgresLocation(url: url)
        location.schema = "lease_race_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let password = ProcessInfo.processInfo.environment[PostgresStore.passwordVariable]
        let stores = (0..<3).map { _ in PostgresStore(location: location, password: password, maximumConnections: 2) }
        defer { for store in stores { store.close() } }
        try await stores[0].prepare()
        let channel = ChannelID("race")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let holding = HolderCount()

        let outcomes = await withTaskGroup(of: [String].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    let holder = LeaseHolder(id: "worker-\(index)", pid: Int32(40_000 + index), host: "host-\(index)", since: start)
                    var outcome = ["granted": 0, "held": 0]
                    var errors: [String] = []
                    for _ in 0..<200 {
                        do {
                            let blocking = try await store.acquireLease(channel, for: holder, until: start.addingTimeInterval(60), now: start)
                            if blocking == nil {
                                outcome["granted", default: 0] += 1
                                if await holding.enter() > 1 { errors.append("two holders at once") }
                                await holding.leave()
                                try await store.releaseLease(channel, for: holder)
                            } else {
                                outcome["held", default: 0] += 1
                            }
                        } catch {
                            errors.append("\(error)")
                        }
                    }
                    return errors + ["granted \(outcome["granted"] ?? 0)"]
                }
            }
            var all: [String] = []
            for await result in group { all += result }
            return all
        }
        try? await stores[0].dropSchema()
        let errors = outcomes.filter { !$0.hasPrefix("granted ") }
        #expect(errors.isEmpty, "\(errors.count) asks failed; first: \(errors.first ?? "")")
        // Each worker got the lease at least once: the loop did interleave takes and releases.
        #expect(outcomes.filter { $0.hasPrefix("granted ") && $0 != "granted 0" }.count == stores.count)
    }
}

/// How many workers believe they hold the lease right now.
private actor HolderCount {
    private var count = 0
    func enter() -> Int {
        count += 1
        return count
    }
    func leave() { count -= 1 }
}
