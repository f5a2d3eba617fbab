import Foundation
import MarketSync
@testable import MarketSyncStore
import MarketSyncTesting
import MarketSyncWire
import Testing

/// The store's part of a file partner (migration v10): control numbers, the inbound file ledger, outgoing files.
@Suite struct SQLiteStorePartnerFilesTests {
    let wumart: ChannelID = "wumart"

    @Test func controlNumbersCountUpPerChannelAndKindAndSurviveReopeningTheStore() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        #expect(try await store.next(.interchange, for: wumart) == 1)
        #expect(try await store.next(.interchange, for: wumart) == 2)
        #expect(try await store.next(.message, for: wumart) == 1)
        #expect(try await store.next(.interchange, for: "auchan") == 1)
        try store.close()

        let reopened = try temporary.reopen()
        defer { try? reopened.close() }
        #expect(try await reopened.next(.interchange, for: wumart) == 3)
        #expect(try await reopened.next(.group, for: wumart) == 1)
        #expect(try await reopened.lastControlNumbers(for: wumart) == [.interchange: 3, .message: 1, .group: 1])
    }

    @Test func twoStoresOnOneFileTakingAtOnceNeverGetTheSameNumber() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        // Two handles on one file stand for two processes: SQLite's lock, not this process's queue, keeps them apart.
        let first = temporary.store
        let second = try temporary.reopen()
        defer { try? second.close() }
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<120 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask { try await store.next(.interchange, for: "wumart") }
            }
            var all: [Int] = []
            for try await number in group { all.append(number) }
            return all
        }
        #expect(Set(numbers).count == 120)
        #expect(numbers.sorted() == Array(1...120))
    }

    @Test func usedUpNumbersThrowAndTheLastOneStaysTheLast() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        try await store.execute(sql: "INSERT INTO control_numbers (channel, kind, last_number) VALUES ('wumart', 'interchange', \(ControlNumberKind.maximum - 1))")
        #expect(try await store.next(.interchange, for: wumart) == ControlNumberKind.maximum)
        let error = await #expect(throws: MarketSyncError.self) { try await store.next(.interchange, for: wumart) }
        #expect(error?.code == .ediControl)
        #expect(error?.channel == wumart)
        #expect(try await store.lastControlNumbers(for: wumart)[.interchange] == ControlNumberKind.maximum)
    }

    @Test func theLedgerTellsAReceivedFileFromAStoredOneAndKeepsTheFirstOutcome() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let digest = String(repeating: "ab", count: 32)
        let at = StoreFixtures.t0
        try await store.noteReceived(sha256: digest, name: "ORDERS_1.edi", channel: wumart, at: at)
        // Received is not dealt with: a crash now hands the file out again.
        #expect(try await store.entry(for: digest, channel: wumart) == nil)
        try await store.record(FileDropLedgerEntry(sha256: digest, name: "ORDERS_1.edi", outcome: .stored, recordedAt: at.addingTimeInterval(1)),
                               channel: wumart)
        try await store.record(FileDropLedgerEntry(sha256: digest, name: "again.edi", outcome: .quarantined(reason: "late"),
                                                   recordedAt: at.addingTimeInterval(2)), channel: wumart)
        #expect(try await store.entry(for: digest, channel: wumart)?.outcome == .stored)
        #expect(try await store.entry(for: digest, channel: "auchan") == nil)
        try await store.noteMoved(sha256: digest, channel: wumart, to: .archive, at: at.addingTimeInterval(3))
        let rows = try await store.inboundFiles(of: wumart)
        #expect(rows == [InboundFileRecord(sha256: digest, name: "ORDERS_1.edi", state: .archived, reason: nil, receivedAt: at,
                                           recordedAt: at.addingTimeInterval(1), movedAt: at.addingTimeInterval(3))])
    }

    @Test func anInboxOverTheStoreArchivesQuarantinesAndRecognisesACopyAfterARestart() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let folder = temporary.folder.appendingPathComponent("drop", isDirectory: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        func place(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent("outbox/\(name)"))
        }
        let drop = try LocalFolderDrop(settings: FileDropSettings(url: folder))
        let clock = ManualClock(now: StoreFixtures.t0)
        try place("good", "ORDERS_1.edi")
        try place("bad", "ORDERS_2.edi")
        let inbox = FileDropInbox(drop: drop, ledger: temporary.store, channel: wumart, clock: clock)
        let poll = try await inbox.poll()
        #expect(poll.files.map(\.name.value).sorted() == ["ORDERS_1.edi", "ORDERS_2.edi"])
        #expect(try await temporary.store.inboundFiles(of: wumart).map(\.state) == [.received, .received])
        let good = try #require(poll.files.first { $0.name.value == "ORDERS_1.edi" })
        let bad = try #require(poll.files.first { $0.name.value == "ORDERS_2.edi" })
        try await inbox.settle(good.settlement)
        try await inbox.reject(bad, reason: "UNT count wrong")
        let states = try await temporary.store.inboundFiles(of: wumart).reduce(into: [String: InboundFileRecord.State]()) { $0[$1.name] = $1.state }
        #expect(states == ["ORDERS_1.edi": .archived, "ORDERS_2.edi": .quarantined])
        try temporary.store.close()

        // The partner sends the good file again under another name; the next process knows it.
        try place("good", "ORDERS_1_resent.edi")
        let reopened = try temporary.reopen()
        defer { try? reopened.close() }
        let again = try await FileDropInbox(drop: drop, ledger: reopened, channel: wumart, clock: clock).poll()
        #expect(again.files.isEmpty)
        #expect(again.setAside.map(\.action) == [.archivedDuplicate])
    }

    @Test func anOutgoingFileIsKeptOnceAndDeliveredOnce() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let at = StoreFixtures.t0
        let first = OutgoingFile(key: "ORDRSP PO-1", name: try FileDropName("ORDRSP_000000001.edi"), contents: Data("one".utf8), createdAt: at)
        let second = OutgoingFile(key: "ORDRSP PO-1", name: try FileDropName("ORDRSP_000000002.edi"), contents: Data("two".utf8),
                                  createdAt: at.addingTimeInterval(5))
        #expect(try await store.keep(first, channel: wumart) == first)
        #expect(try await store.keep(second, channel: wumart) == first)
        let ack = OutgoingFile(key: "997 abc", name: try FileDropName("997_000000003.x12"), contents: Data([0, 1, 2]), createdAt: at)
        _ = try await store.keep(ack, channel: wumart)
        #expect(try await store.undeliveredFiles(prefix: "997 ", channel: wumart) == [ack])
        try await store.markDelivered("997 abc", channel: wumart, at: at.addingTimeInterval(9))
        try await store.markDelivered("997 abc", channel: wumart, at: at.addingTimeInterval(99))
        #expect(try await store.undeliveredFiles(prefix: "997 ", channel: wumart).isEmpty)
        #expect(try await store.outgoingFile("997 abc", channel: wumart)?.deliveredAt == at.addingTimeInterval(9))
        #expect(try await store.outgoingFile("997 abc", channel: "auchan") == nil)
    }
}
