public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: SubmissionStore {
    /// One row per item: its outbox id and version, the item as sent (JSON), the next poll, 0 polls. The same
    /// receipt recorded again for an item replaces its version, item and next poll.
    public func recordSubmission(_ receipt: PushReceipt, channel: ChannelID, items: [OutboxItem], at date: Date, nextPoll: Date) async throws {
        guard !items.isEmpty else { return }
        let rows: [(OutboxItem, String)]
        do {
            rows = try items.map { item in (item, String(decoding: try JSONEncoder().encode(SubmittedItemRecord(item)), as: UTF8.self)) }
        } catch {
            throw MarketSyncError(.store, "cannot record a submission in the PostgreSQL store at \(location): an item cannot be encoded")
        }
        try await write("record a submission") { connection in
            for (item, json) in rows {
                try await connection.run("""
                    INSERT INTO outbox_submissions (channel, receipt, outbox_id, version, item_json, submitted_at, next_poll_at, polls)
                    VALUES (\(channel.rawValue), \(receipt.id), \(item.id), \(item.version), \(json), \(date.unixMilliseconds),
                            \(nextPoll.unixMilliseconds), 0)
                    ON CONFLICT (channel, receipt, outbox_id) DO UPDATE SET
                        version = excluded.version, item_json = excluded.item_json, next_poll_at = excluded.next_poll_at
                    """, logger: self.logger)
            }
        }
    }

    /// The open submissions of `channel`, oldest first.
    public func submissions(for channel: ChannelID) async throws -> [Submission] {
        let rows = try await read("read submissions") { connection in
            try await connection.rows("""
                SELECT receipt, item_json, submitted_at, next_poll_at, polls FROM outbox_submissions
                WHERE channel = \(channel.rawValue) ORDER BY submitted_at, receipt, outbox_id
                """, logger: self.logger).map { try $0.decode((String, String, Int64, Int64, Int).self) }
        }
        var submissions: [Submission] = []
        var index: [String: Int] = [:]
        for (receipt, json, submitted, next, polls) in rows {
            guard let record = try? JSONDecoder().decode(SubmittedItemRecord.self, from: Data(json.utf8)),
                  let item = record.item(channel: channel) else { throw corrupt("submitted item") }
            if let at = index[receipt] {
                submissions[at].items.append(item)
            } else {
                index[receipt] = submissions.count
                submissions.append(Submission(channel: channel, receipt: PushReceipt(receipt), items: [item],
                                              submittedAt: Date(unixMilliseconds: submitted), nextPollAt: Date(unixMilliseconds: next),
                                              polls: polls))
            }
        }
        return submissions
    }

    /// Moves the next poll and counts one more; an unknown receipt changes nothing.
    public func reschedule(_ receipt: PushReceipt, channel: ChannelID, nextPoll: Date) async throws {
        try await write("reschedule a submission") { connection in
            try await connection.run("""
                UPDATE outbox_submissions SET next_poll_at = \(nextPoll.unixMilliseconds), polls = polls + 1
                WHERE channel = \(channel.rawValue) AND receipt = \(receipt.id)
                """, logger: self.logger)
        }
    }

    /// Deletes the rows of `receipt`; an unknown receipt changes nothing.
    public func closeSubmission(_ receipt: PushReceipt, channel: ChannelID) async throws {
        try await write("close a submission") { connection in
            try await connection.run("DELETE FROM outbox_submissions WHERE channel = \(channel.rawValue) AND receipt = \(receipt.id)",
                                     logger: self.logger)
        }
    }
}
