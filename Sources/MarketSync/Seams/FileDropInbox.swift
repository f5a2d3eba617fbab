internal import Foundation
internal import MarketSyncCrypto

/// Reads a partner's outbox: each new file is read and handed to the caller, and leaves the outbox only once the
/// caller has dealt with it: `settle` (its contents are stored: recorded in the ledger, moved to the archive) or
/// `reject` (bad: recorded, moved to the quarantine with a `.reason.txt` beside it). Nothing is ever deleted.
///
/// A file is never processed twice: its SHA-256 is recorded before it is moved, so a file the partner sends again,
/// or one a crash left in the outbox after it was recorded, is recognised and moved where the first copy went
/// without being handed out. A name that could leave its folder (`FileDropName`) is never read: it is moved to the
/// quarantine under a cleaned name when a rename is safe, else left in place and reported on every poll.
///
/// Archived and quarantined files are named `yyyyMMddTHHmmssZ_NAME` (UTC, from the injected clock), so a partner
/// that reuses a name does not collide with its earlier file.
public struct FileDropInbox: Sendable {
    private let drop: any FileDrop
    private let ledger: any FileDropLedger
    private let channel: ChannelID
    private let clock: any SyncClock
    private let minimumAge: Duration

    /// An inbox over `drop`'s outbox for `channel`. A file modified less than `minimumAge` ago is left for the next
    /// poll (for a partner that writes in place instead of renaming a finished file).
    public init(drop: any FileDrop, ledger: any FileDropLedger, channel: ChannelID, clock: any SyncClock,
                minimumAge: Duration = .zero) {
        self.drop = drop
        self.ledger = ledger
        self.channel = channel
        self.clock = clock
        self.minimumAge = minimumAge
    }

    /// Reads up to `limit` new files, oldest first (by modification time, then name), leaving out the names in
    /// `skipping` (files already handed out in the same listing and not yet settled). Duplicates and hostile names
    /// met on the way are dealt with and reported in `setAside`.
    public func poll(limit: Int = .max, skipping: Set<String> = []) async throws -> FileDropPoll {
        let now = clock.now()
        let youngest = now.addingTimeInterval(-minimumAge.timeInterval)
        let entries = try await drop.listOutbox()
            .filter { !FileDropName.isTemporary($0.name) && !skipping.contains($0.name) }
            // With no minimum age nothing is held back, not even a file whose time is ahead of ours (clock skew).
            .filter { minimumAge <= .zero || ($0.modified ?? .distantPast) <= youngest }
            .sorted { ($0.modified ?? .distantPast, $0.name) < ($1.modified ?? .distantPast, $1.name) }
        var poll = FileDropPoll(files: [], setAside: [])
        for entry in entries where poll.files.count < max(limit, 0) {
            try Task.checkCancellation()
            let name: FileDropName
            do {
                name = try FileDropName(entry.name)
            } catch {
                poll.setAside.append(try await setAsideHostile(entry, error))
                continue
            }
            let contents = try await drop.fetch(name.value)
            let sha256 = Self.sha256(contents)
            if let first = try await ledger.entry(for: sha256, channel: channel) {
                poll.setAside.append(try await setAsideDuplicate(name, sha256: sha256, first: first))
                continue
            }
            try await ledger.noteReceived(sha256: sha256, name: name.value, channel: channel, at: now)
            poll.files.append(FileDropInboundFile(name: name, contents: contents, sha256: sha256, modified: entry.modified))
        }
        return poll
    }

    /// The file's contents are stored: records its digest, then moves it to the archive. Harmless when repeated
    /// (the file is gone) and when the partner replaced the file meanwhile (the new contents stay for the next
    /// poll; only the digest read is recorded).
    public func settle(_ file: FileDropInboundFile) async throws {
        try await settle(file.name, sha256: file.sha256)
    }

    /// `settle(_:)` for the token an adapter gave with its orders (`FileDropInboundFile.settlement`); throws
    /// `.protocolViolation` for a token this inbox did not make.
    public func settle(_ settlement: OrderSettlement) async throws {
        let parts = settlement.token.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit),
              let name = try? FileDropName(String(parts[1])) else {
            throw MarketSyncError(.protocolViolation, "settlement \"\(FileDropName.escaped(String(settlement.token.prefix(80))))\" is not a file's",
                                  channel: channel)
        }
        try await settle(name, sha256: String(parts[0]).lowercased())
    }

    private func settle(_ name: FileDropName, sha256: String) async throws {
        try await ledger.record(FileDropLedgerEntry(sha256: sha256, name: name.value, outcome: .stored, recordedAt: clock.now()),
                                channel: channel)
        guard try await outboxHolds(name, sha256: sha256) else { return }
        try await drop.move(name.value, from: .outbox, to: .archive, as: name.prefixed(stamp()))
        try await ledger.noteMoved(sha256: sha256, channel: channel, to: .archive, at: clock.now())
    }

    /// The file is bad: records it with `reason`, writes `STAMP_NAME.reason.txt` into the quarantine and moves the
    /// file beside it.
    public func reject(_ file: FileDropInboundFile, reason: String) async throws {
        try await ledger.record(FileDropLedgerEntry(sha256: file.sha256, name: file.name.value, outcome: .quarantined(reason: reason),
                                                    recordedAt: clock.now()), channel: channel)
        guard try await outboxHolds(file.name, sha256: file.sha256) else { return }
        try await quarantine(file.name.value, as: file.name, sha256: file.sha256, reason: reason)
        try await ledger.noteMoved(sha256: file.sha256, channel: channel, to: .quarantine, at: clock.now())
    }

    // MARK: What is set aside while polling

    private func setAsideHostile(_ entry: FileDropEntry, _ error: any Error) async throws -> FileDropSetAside {
        let problem = FileDropName.problem(with: entry.name).map(\.description) ?? "it is not a file name"
        let refusal = MarketSyncError(.validation, "partner file name \"\(FileDropName.escaped(entry.name))\" rejected: \(problem)",
                                      channel: channel, key: "file \(FileDropName.escaped(entry.name))", underlying: error as? MarketSyncError)
        guard FileDropName.isMovable(entry.name) else {
            return FileDropSetAside(name: entry.name, action: .leftInPlace, error: refusal)
        }
        let target = FileDropName.sanitized(entry.name)
        try await quarantine(entry.name, as: target, sha256: nil, reason: refusal.message)
        return FileDropSetAside(name: entry.name, action: .quarantined, error: refusal)
    }

    private func setAsideDuplicate(_ name: FileDropName, sha256: String, first: FileDropLedgerEntry) async throws -> FileDropSetAside {
        let firstName = FileDropName.escaped(first.name)
        switch first.outcome {
        case .stored:
            try await drop.move(name.value, from: .outbox, to: .archive, as: name.prefixed(stamp()))
            let note = MarketSyncError(.validation, "\(name) has the same contents as \(firstName), already stored; archived unread",
                                       channel: channel, key: "file \(name)")
            return FileDropSetAside(name: name.value, action: .archivedDuplicate, error: note)
        case let .quarantined(reason):
            let why = "same contents as \(firstName), quarantined before: \(reason)"
            try await quarantine(name.value, as: name, sha256: sha256, reason: why)
            let note = MarketSyncError(.validation, "\(name): \(why)", channel: channel, key: "file \(name)")
            return FileDropSetAside(name: name.value, action: .quarantined, error: note)
        }
    }

    // MARK: Helpers

    private func quarantine(_ listed: String, as target: FileDropName, sha256: String?, reason: String) async throws {
        let stamped = target.prefixed(stamp())
        var note = "file: \(FileDropName.escaped(listed))\n"
        if let sha256 { note += "sha256: \(sha256)\n" }
        note += "quarantined at: \(Self.iso8601(clock.now()))\nreason: \(reason)\n"
        try await drop.write(Data(note.utf8), named: stamped.reasonNote, in: .quarantine)
        try await drop.move(listed, from: .outbox, to: .quarantine, as: stamped)
    }

    /// Whether the outbox still holds the file as it was read (not yet moved, not replaced by the partner).
    private func outboxHolds(_ name: FileDropName, sha256: String) async throws -> Bool {
        guard try await drop.listOutbox().contains(where: { $0.name == name.value }) else { return false }
        return Self.sha256(try await drop.fetch(name.value)) == sha256
    }

    private func stamp() -> String {
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: clock.now())
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        return "\(parts.year ?? 1970)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z_"
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    private static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    static func sha256(_ data: Data) -> String { Digest.sha256(data).uppercaseHex.lowercased() }
}
