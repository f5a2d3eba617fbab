internal import Foundation
internal import MarketSync

/// `SubmissionStore`: what is in flight is not sent twice, a newer version goes out as usual, polls are counted,
/// and a closed submission is gone.
enum SubmissionChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .submissions, name: "in flight, rescheduled, closed", needs: [.outbox]) { underTest in
            let store = try role(underTest.store, (any SubmissionStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            let items = try await outbox.enqueue([D.stock("SKU-A", 5), D.stock("SKU-B", 1)], at: D.at(0))
            try await store.recordSubmission(PushReceipt("R-1"), channel: D.channel, items: [items[0]], at: D.at(1), nextPoll: D.at(31))
            p.expectEqual(try await outbox.pendingOutbox(for: D.channel).map(\.key), ["SKU-B"], "pending while SKU-A is in flight")
            var open = try await store.submissions(for: D.channel)
            p.expectEqual(open.count, 1, "open submissions")
            p.expectEqual(open.first?.receipt, PushReceipt("R-1"), "the receipt")
            p.expectEqual(open.first?.items, [items[0]], "the items as sent")
            p.expectEqual(open.first?.submittedAt, D.at(1), "when it went out")
            p.expectEqual(open.first?.nextPollAt, D.at(31), "the first poll")
            p.expectEqual(open.first?.polls, 0, "polls so far")
            p.expectEqual(try await store.submissions(for: D.other).count, 0, "another channel's submissions")
            // A newer version of the in-flight key is pending again; the submission still holds the old one.
            let newer = try await outbox.enqueue([D.stock("SKU-A", 9)], at: D.at(2))
            p.expectEqual(try await outbox.pendingOutbox(for: D.channel).map(\.version).sorted(), [items[1].version, newer[0].version].sorted(),
                          "pending after a newer version of the in-flight key")
            p.expectEqual(try await store.submissions(for: D.channel).first?.items.first?.payload, .stock(quantity: 5), "the item as sent, after the newer version")
            try await store.recordSubmission(PushReceipt("R-2"), channel: D.channel, items: [items[1]], at: D.at(3), nextPoll: D.at(33))
            try await store.reschedule(PushReceipt("R-1"), channel: D.channel, nextPoll: D.at(60))
            open = try await store.submissions(for: D.channel)
            p.expectEqual(open.map(\.receipt), [PushReceipt("R-1"), PushReceipt("R-2")], "open submissions, oldest first")
            p.expectEqual(open.first?.polls, 1, "polls after a reschedule")
            p.expectEqual(open.first?.nextPollAt, D.at(60), "the next poll after a reschedule")
            try await store.closeSubmission(PushReceipt("R-1"), channel: D.channel)
            p.expectEqual(try await store.submissions(for: D.channel).map(\.receipt), [PushReceipt("R-2")], "open after closing R-1")
            try await store.closeSubmission(PushReceipt("unknown"), channel: D.channel)
            return p.list
        },
    ]
}
