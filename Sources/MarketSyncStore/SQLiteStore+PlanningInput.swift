public import MarketSync
internal import GRDB
internal import Synchronization

extension SQLiteStore {
    /// The planner's input for `channels`, SKUs ordered by SKU (SQLite's binary order of the UTF-8 text).
    ///
    /// With `changedSince`, only products whose change sequence is above it, plus those with a lot expiring
    /// before day `expiringBefore` (days since 1970, UTC) when given. Dates are days since 1970 (UTC), rounded
    /// down. Everything is read from one snapshot.
    ///
    /// Both reads run on two reader connections at once, both opened on the same committed state (see
    /// `readConcurrently`). A full read (`PlanningInputReader`) shares its scans (products, lots, each channel,
    /// pending and approved values) between them as they come free; an incremental read (`ChangedInputReader`)
    /// gives each connection half of the changed products.
    public func planningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?) async throws
        -> PlanningInput
    {
        try await readPlanningInput(channels: channels, changedSince: changedSince, expiringBefore: expiringBefore,
                                    recorder: nil)
    }

    /// The planner's input for `channels` and the products of `skus` only (SKUs not in the catalog are left
    /// out), ordered by SKU, read from one snapshot like an incremental plan's input.
    public func planningInput(channels: [ChannelID], skus: [SKU]) async throws -> PlanningInput {
        var reader = ChangedInputReader(channels: channels, since: 0, expiringBefore: nil, path: path, recorder: nil)
        reader.skus = skus.map(\.rawValue)
        let selection = reader
        let (first, second) = try await readConcurrently("read planning input", { try selection.readHalf(0, $0) },
                                                         { try selection.readHalf(1, $0) })
        return try selection.assemble(first, second)
    }

    /// `planningInput(channels:changedSince:expiringBefore:)` with the time each phase of the read took.
    package func timedPlanningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?) async throws
        -> (input: PlanningInput, timings: PlanningReadTimings)
    {
        let recorder = PhaseRecorder()
        let input = try await readPlanningInput(channels: channels, changedSince: changedSince,
                                                expiringBefore: expiringBefore, recorder: recorder)
        return (input, recorder.timings)
    }

    private func readPlanningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?,
                                   recorder: PhaseRecorder?) async throws -> PlanningInput {
        if let changedSince {
            let reader = ChangedInputReader(channels: channels, since: changedSince,
                                            expiringBefore: expiringBefore.map { Int64($0) * 86_400_000 }, path: path,
                                            recorder: recorder)
            let (first, second) = try await readConcurrently("read planning input", { try reader.readHalf(0, $0) },
                                                             { try reader.readHalf(1, $0) })
            return try recorder.measure("assemble", connection: nil) { try reader.assemble(first, second) }
        }
        let reader = PlanningInputReader(channels: channels, path: path, recorder: recorder)
        let queue = JobQueue(reader.jobs)
        _ = try await readConcurrently("read planning input", { try reader.work($0, connection: 0, queue: queue) },
                                       { try reader.work($0, connection: 1, queue: queue) })
        return try recorder.measure("assemble", connection: nil) { try reader.assemble(queue.takeOutputs()) }
    }

    /// Runs `first` and `second` at the same time on two reader connections that see the same committed state:
    /// both reads are started from the writer's queue (GRDB's `asyncConcurrentRead`), so no write can commit
    /// between them, and the writer is released as soon as both snapshots are established.
    func readConcurrently<A: Sendable, B: Sendable>(
        _ action: String, _ first: @escaping @Sendable (Database) throws -> A,
        _ second: @escaping @Sendable (Database) throws -> B
    ) async throws -> (A, B) {
        let pool = self.pool
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let join = PairJoin<A, B>(continuation)
                pool.asyncWriteWithoutTransaction { _ in
                    pool.asyncConcurrentRead { db in join.first(Result { try first(db.get()) }) }
                    pool.asyncConcurrentRead { db in join.second(Result { try second(db.get()) }) }
                }
            }
        } catch {
            throw Self.storeError(action, at: path, error)
        }
    }
}

/// Resumes a continuation once both halves of a pair are in (or with the first error).
private final class PairJoin<A: Sendable, B: Sendable>: Sendable {
    private struct State {
        var first: A?
        var second: B?
        var continuation: CheckedContinuation<(A, B), any Error>?
    }
    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<(A, B), any Error>) {
        state = Mutex(State(continuation: continuation))
    }

    func first(_ result: Result<A, any Error>) { finish { state in state.first = try result.get() } }
    func second(_ result: Result<B, any Error>) { finish { state in state.second = try result.get() } }

    private func finish(_ record: (inout State) throws -> Void) {
        state.withLock { state in
            guard let continuation = state.continuation else { return }
            do {
                try record(&state)
            } catch {
                state.continuation = nil
                continuation.resume(throwing: error)
                return
            }
            if let first = state.first, let second = state.second {
                state.continuation = nil
                continuation.resume(returning: (first, second))
            }
        }
    }
}
