import Foundation
import MarketSync
import MarketSyncStore
import MarketSyncTesting
import Testing

/// SQLite through the store conformance suite: every role, each check on a fresh file, with a second open of the
/// same file standing in for a second process.
@Suite struct SQLiteStoreConformanceTests {
    static func freshStore() throws -> StoreUnderTest {
        let temporary = try TemporaryStore()
        let second = try temporary.reopen()
        return StoreUnderTest(store: temporary.store, secondHandle: second) {
            try? second.close()
            temporary.remove()
        }
    }

    @Test func sqliteHoldsToEveryRoleContract() async {
        let report = await StoreConformanceSuite { try Self.freshStore() }.run()
        #expect(report.problems == [])
        #expect(report.notTaken == [])
        #expect(report.checked == StoreRole.allCases)
        #expect(report.checksRun >= 25)
    }
}
