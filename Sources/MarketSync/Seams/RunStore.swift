public import Foundation

/// The record of runs (`sync`, a worker's ticks): when each began and ended, its summary and exit code.
///
/// Contract: every method is one transaction; run ids only grow.
public protocol RunStore: Sendable {
    /// Starts recording a run; returns its id.
    func beginRun(mode: String, at date: Date) async throws -> Int64
    /// Ends a run with its summary (JSON).
    func finishRun(_ id: Int64, summaryJSON: String, exitCode: Int, at date: Date) async throws
}
