internal import Foundation
internal import MarketSync

/// The text form of a status report, for a person at a terminal.
public enum StatusFormatter {
    /// One block per channel: last runs, waiting work, orders by state.
    public static func text(_ report: StatusReport) -> String {
        let time = ISO8601DateFormatter()
        var lines: [String] = []
        for channel in report.channels {
            lines.append("\(channel.channel) (runs every \(StatusCheck.span(TimeInterval(channel.intervalSeconds))) or more often)")
            if channel.lastRuns.isEmpty { lines.append("  no run yet") }
            for run in channel.lastRuns {
                let finished = run.finishedAt.map { time.string(from: $0) } ?? "-"
                lines.append("  run \(run.runID) \(run.mode) \(time.string(from: run.startedAt)) → \(finished) "
                             + "[\(run.work.map(\.rawValue).joined(separator: "+"))] \(run.status): pushed \(run.pushed), failed \(run.failed)")
            }
            let waiting = channel.waiting
            lines.append("  waiting: \(waiting.heldPrices) held, \(waiting.parkedItems) parked, \(waiting.incidents) incidents")
            let orders = channel.ordersByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("  orders: " + (orders.isEmpty ? "none" : orders.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }
}
