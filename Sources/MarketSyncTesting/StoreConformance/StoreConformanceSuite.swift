internal import Foundation
internal import MarketSync

/// The checks every store passes, role by role, each on a fresh store from the factory: what the role protocols'
/// doc comments promise (outbox versions superseding, acknowledgements never going back, orders keyed by channel
/// and id and stored idempotently with their cursor, control numbers never handed out twice even to two racing
/// processes, the ledger and outgoing files keeping the first entry, leases exclusive with a TTL and renewal,
/// submissions, held changes, the planning input, channel events recorded once, what the status endpoint and `marketsync status` read). SQLite and PostgreSQL run the same suite.
///
/// A check needs the roles it names; when the store does not take one of them, the check is not run and the role
/// is reported in `StoreConformanceReport.notTaken`, never as passed.
public struct StoreConformanceSuite: Sendable {
    /// Makes a fresh, empty store for one check.
    public let makeStore: @Sendable () async throws -> StoreUnderTest

    /// A suite over the stores `makeStore` makes.
    public init(makeStore: @escaping @Sendable () async throws -> StoreUnderTest) {
        self.makeStore = makeStore
    }

    /// Runs every check (or only those of `roles`), each on its own store; problems are prefixed with the role
    /// and the check's name.
    public func run(only roles: Set<StoreRole>? = nil) async -> StoreConformanceReport {
        var report = StoreConformanceReport()
        var taken: [StoreRole: Bool] = [:]
        for check in Self.checks where roles.map({ $0.contains(check.role) }) ?? true {
            let underTest: StoreUnderTest
            do {
                underTest = try await makeStore()
            } catch {
                report.problems.append("\(check.role.rawValue): \(check.name): the factory threw \(error)")
                continue
            }
            let missing = ([check.role] + check.needs).filter { !$0.isTaken(by: underTest.store) }
            if missing.isEmpty {
                taken[check.role] = true
                report.checksRun += 1
                do {
                    report.problems += try await check.body(underTest).map { "\(check.role.rawValue): \(check.name): \($0)" }
                } catch {
                    report.problems.append("\(check.role.rawValue): \(check.name): threw \(error)")
                }
            } else if taken[check.role] == nil {
                taken[check.role] = false
            }
            await underTest.dispose()
        }
        report.checked = taken.filter { $0.value }.keys.sorted()
        report.notTaken = taken.filter { !$0.value }.keys.sorted()
        return report
    }

    /// Every check, role by role.
    static var checks: [StoreConformanceCheck] {
        CatalogChecks.all + OutboxChecks.all + SubmissionChecks.all + OrderChecks.all + OrderAnswerChecks.all
            + InspectionChecks.all + PlanningChecks.all + LeaseChecks.all + PartnerFileChecks.all
            + StatusChecks.all + ChannelEventChecks.all
    }
}

/// One check: the role it checks, the other roles it uses to set things up, and the check itself.
struct StoreConformanceCheck: Sendable {
    var role: StoreRole
    var name: String
    var needs: [StoreRole] = []
    var body: @Sendable (StoreUnderTest) async throws -> [String]
}

/// `store` as the role protocol `type`; the suite checks the roles are taken before it runs a check.
func role<Role>(_ store: any Sendable, _ type: Role.Type) throws -> Role {
    guard let role = store as? Role else {
        throw MarketSyncError(.store, "the store under test does not implement \(type)")
    }
    return role
}
