public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Records in one transaction one row per item: its outbox id and version, the item as sent (JSON), the
    /// next poll, and 0 polls. The same receipt recorded again for an item replaces its version, item and
    /// next poll, keeping its polls and submission time. An empty `items` records nothing.
    public func recordSubmission(_ receipt: PushReceipt, channel: ChannelID, items: [OutboxItem], at date: Date, nextPoll: Date) async throws {
        guard !items.isEmpty else { return }
        let rows: [(OutboxItem, String)]
        do {
            rows = try items.map { item in (item, String(decoding: try JSONEncoder().encode(SubmittedItemRecord(item)), as: UTF8.self)) }
        } catch {
            throw MarketSyncError(.store, "cannot record a submission at \(path): an item cannot be encoded", file: path, underlying: error)
        }
        try await write("record a submission") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO outbox_submissions (channel, receipt, outbox_id, version, item_json, submitted_at, next_poll_at, polls)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                ON CONFLICT (channel, receipt, outbox_id) DO UPDATE SET
                    version = excluded.version, item_json = excluded.item_json, next_poll_at = excluded.next_poll_at
                """)
            for (item, json) in rows {
                try insert.execute(arguments: [channel.rawValue, receipt.id, item.id, item.version, json,
                                                date.unixMilliseconds, nextPoll.unixMilliseconds])
            }
        }
    }

    /// The open submissions of `channel`, oldest first, each with its items as sent (status pending, no
    /// last error).
    ///
    /// - Throws: `MarketSyncError` `.store` when a kept item cannot be read back.
    public func submissions(for channel: ChannelID) async throws -> [Submission] {
        let rows = try await read("read submissions") { db in
            try Row.fetchAll(db, sql: """
                SELECT receipt, item_json, submitted_at, next_poll_at, polls FROM outbox_submissions
                WHERE channel = ? ORDER BY submitted_at, receipt, outbox_id
                """, arguments: [channel.rawValue]).map {
                (receipt: try $0.string(0), json: try $0.string(1), submitted: try $0.date(2), next: try $0.date(3), polls: Int(try $0.int64(4)))
            }
        }
        var submissions: [Submission] = []
        var index: [String: Int] = [:]
        for row in rows {
            guard let record = try? JSONDecoder().decode(SubmittedItemRecord.self, from: Data(row.json.utf8)),
                  let item = record.item(channel: channel) else { throw corrupt("submitted item") }
            if let at = index[row.receipt] {
                submissions[at].items.append(item)
            } else {
                index[row.receipt] = submissions.count
                submissions.append(Submission(channel: channel, receipt: PushReceipt(row.receipt), items: [item],
                                              submittedAt: row.submitted, nextPollAt: row.next, polls: row.polls))
            }
        }
        return submissions
    }

    /// Moves the next poll of every item under `receipt` to `nextPoll` and counts one more poll; an unknown
    /// receipt changes nothing.
    public func reschedule(_ receipt: PushReceipt, channel: ChannelID, nextPoll: Date) async throws {
        try await write("reschedule a submission") { db in
            try db.execute(sql: """
                UPDATE outbox_submissions SET next_poll_at = ?, polls = polls + 1 WHERE channel = ? AND receipt = ?
                """, arguments: [nextPoll.unixMilliseconds, channel.rawValue, receipt.id])
        }
    }

    /// Deletes the rows of `receipt`; an unknown receipt changes nothing.
    public func closeSubmission(_ receipt: PushReceipt, channel: ChannelID) async throws {
        try await write("close a submission") { db in
            try db.execute(sql: "DELETE FROM outbox_submissions WHERE channel = ? AND receipt = ?",
                           arguments: [channel.rawValue, receipt.id])
        }
    }
}
