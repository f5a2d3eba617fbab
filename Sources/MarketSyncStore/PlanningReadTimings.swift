internal import Foundation
internal import Synchronization

/// Where one planning read spent its time, phase by phase (for `marketsync bench-plan`).
///
/// Phases of the two connections of a read overlap in time: `connection` says which one ran a phase.
package struct PlanningReadTimings: Sendable, CustomStringConvertible {
    /// One measured step of the read.
    package struct Phase: Sendable {
        /// What ran: `listings bench-3`, `lots`.
        package var name: String
        /// The reader connection it ran on (0 or 1), or nil for work after both finished.
        package var connection: Int?
        /// Wall time in seconds.
        package var seconds: Double
    }

    /// The phases in the order they ended.
    package var phases: [Phase] = []

    /// `connection 0: positions 0.080 s, catalog 0.400 s; connection 1: ...; after: ...`.
    package var description: String {
        func line(_ phases: [Phase]) -> String {
            phases.map { "\($0.name) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", ")
        }
        var parts: [String] = []
        for connection in Set(phases.compactMap(\.connection)).sorted() {
            parts.append("connection \(connection): " + line(phases.filter { $0.connection == connection }))
        }
        let after = phases.filter { $0.connection == nil }
        if !after.isEmpty { parts.append("after: " + line(after)) }
        return parts.joined(separator: "; ")
    }
}

/// Collects `PlanningReadTimings` from the reader connections of one read.
final class PhaseRecorder: Sendable {
    private let phases = Mutex<[PlanningReadTimings.Phase]>([])

    /// Runs `body` and records its wall time under `name`.
    func measure<T>(_ name: @autoclosure () -> String, connection: Int?, _ body: () throws -> T) rethrows -> T {
        let started = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let phase = PlanningReadTimings.Phase(name: name(), connection: connection, seconds: seconds)
        phases.withLock { $0.append(phase) }
        return result
    }

    /// Records the time from `started` to now under `name`.
    func record(_ name: String, connection: Int?, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        phases.withLock { $0.append(PlanningReadTimings.Phase(name: name, connection: connection, seconds: seconds)) }
    }

    var timings: PlanningReadTimings { PlanningReadTimings(phases: phases.withLock { $0 }) }
}

extension Optional where Wrapped == PhaseRecorder {
    /// Runs `body`, measured when there is a recorder.
    func measure<T>(_ name: @autoclosure () -> String, connection: Int?, _ body: () throws -> T) rethrows -> T {
        guard let recorder = self else { return try body() }
        return try recorder.measure(name(), connection: connection, body)
    }
}
