internal import MarketSync

/// One role of the store, as the seams name them: the conformance suite checks a store role by role, and a store
/// that does not take a role is reported as not implementing it rather than failing its checks.
public enum StoreRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `CatalogStore`: imports and product look-ups.
    case catalog
    /// `OutboxStore`: versions, acknowledgements, failures, requeue.
    case outbox
    /// `SubmissionStore`: batches a channel took for later.
    case submissions
    /// `OrderStore`: orders keyed by channel and id, the cursor moved with them.
    case orders
    /// `OrderAnswerStore`: orders waiting for an answer, answers queued once.
    case orderAnswers
    /// `OrderQueryStore`: what the fulfilment commands read.
    case orderQueries
    /// `DeepRescanStore`: where a channel's deep re-scan stands.
    case deepRescan
    /// `IncidentStore`: what waits for a person.
    case incidents
    /// `RunStore`: the record of runs.
    case runs
    /// `PlanningStore`: the planner's input, change sequence, plan marks, outbox versions.
    case planning
    /// `HeldChangeStore`: held prices and their approvals.
    case heldChanges
    /// `ChannelLeaseStore`: one sender per channel per store.
    case leases
    /// `ControlNumberSource`: numbers never handed out twice.
    case controlNumbers
    /// `FileDropLedger`: the inbound files' ledger.
    case fileLedger
    /// `OutgoingFileStore`: files kept for a partner until delivered.
    case outgoingFiles
    /// `StatusStore`: what the worker's status endpoint reads (recent runs, orders by state, a probe).
    case status
    /// `RunHistoryStore`: the runs `marketsync status` shows.
    case runHistory
    /// `ChannelEventStore`: events delivered by channels, acted on once.
    case channelEvents

    /// Whether `store` takes this role.
    public func isTaken(by store: any Sendable) -> Bool {
        switch self {
        case .catalog: store is any CatalogStore
        case .outbox: store is any OutboxStore
        case .submissions: store is any SubmissionStore
        case .orders: store is any OrderStore
        case .orderAnswers: store is any OrderAnswerStore
        case .orderQueries: store is any OrderQueryStore
        case .deepRescan: store is any DeepRescanStore
        case .incidents: store is any IncidentStore
        case .runs: store is any RunStore
        case .planning: store is any PlanningStore
        case .heldChanges: store is any HeldChangeStore
        case .leases: store is any ChannelLeaseStore
        case .controlNumbers: store is any ControlNumberSource
        case .fileLedger: store is any FileDropLedger
        case .outgoingFiles: store is any OutgoingFileStore
        case .status: store is any StatusStore
        case .runHistory: store is any RunHistoryStore
        case .channelEvents: store is any ChannelEventStore
        }
    }

    /// In declaration order.
    public static func < (lhs: StoreRole, rhs: StoreRole) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
