import Foundation
import MarketSync
import MarketSyncTesting
import MarketSyncWire
import Testing

/// `LocalFolderDrop` on real folders, and `FileDropInbox` over it.
@Suite struct LocalFolderDropTests {
    private func drop(_ scratch: ScratchFolder, folders: [FileDropFolder: String] = [:]) throws -> LocalFolderDrop {
        try LocalFolderDrop(settings: FileDropSettings(url: scratch.url, folders: folders))
    }

    private func inbox(_ drop: any FileDrop, ledger: InMemoryFileDropLedger = InMemoryFileDropLedger(),
                       clock: ManualClock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500))) -> FileDropInbox {
        FileDropInbox(drop: drop, ledger: ledger, channel: ChannelID("auchan"), clock: clock)
    }

    @Test func aWriteLandsWholeUnderItsNameAndLeavesNoTemporaryFile() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let drop = try drop(scratch, folders: [.inbox: "to_partner"])
        try await drop.put(Data("UNB+UNOC:3'".utf8), named: try FileDropName("PRICAT_1.edi"))
        #expect(scratch.names("to_partner") == ["PRICAT_1.edi"])
        #expect(scratch.contents("to_partner/PRICAT_1.edi") == "UNB+UNOC:3'")
    }

    @Test func aLeftoverTemporaryFileIsOverwrittenAndADifferentFileIsNeverReplaced() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        // A crash mid-write left the temporary name behind: partners ignore it, the next write replaces it.
        try scratch.place("half a fi", at: "inbox/.INVOIC_1.edi.tmp")
        let drop = try drop(scratch)
        let name = try FileDropName("INVOIC_1.edi")
        try await drop.put(Data("whole file".utf8), named: name)
        try await drop.put(Data("whole file".utf8), named: name)
        let error = await #expect(throws: MarketSyncError.self) { try await drop.put(Data("other".utf8), named: name) }
        #expect(error?.code == .validation)
        #expect(scratch.names("inbox") == ["INVOIC_1.edi"])
        #expect(scratch.contents("inbox/INVOIC_1.edi") == "whole file")
    }

    @Test func listingGivesRegularFilesOnly() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let when = Date(timeIntervalSince1970: 1_795_000_000)
        try scratch.place("abc", at: "outbox/ORDERS_1.edi", modified: when)
        try scratch.place("x", at: "outbox/.ORDERS_2.edi.tmp")
        try scratch.place("x", at: "outbox/ORDERS_3.edi.part")
        try scratch.place("x", at: "outbox/nested/ORDERS_4.edi")
        try FileManager.default.createSymbolicLink(atPath: "\(scratch.path)/outbox/link.edi", withDestinationPath: "/etc/hostname")
        let entries = try await drop(scratch).listOutbox()
        #expect(entries == [FileDropEntry(name: "ORDERS_1.edi", size: 3, modified: when)])
    }

    @Test func aMissingOutboxIsAConfigErrorNamingTheKey() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let error = await #expect(throws: MarketSyncError.self) { _ = try await drop(scratch).listOutbox() }
        #expect(error?.code == .config)
        #expect(error?.key == "delivery.outbox")
    }

    @Test(arguments: ["../inbox/ours.edi", "/etc/passwd", "..", ".", "", "a/b", "nul\u{0}byte", "line\nbreak"])
    func aNameThatCouldLeaveItsFolderIsRefused(_ hostile: String) async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.place("ours", at: "inbox/ours.edi")
        try scratch.place("x", at: "outbox/A.edi")
        let drop = try drop(scratch)
        let read = await #expect(throws: MarketSyncError.self) { _ = try await drop.read(hostile, in: .outbox) }
        #expect(read?.code == .validation)
        let move = await #expect(throws: MarketSyncError.self) {
            try await drop.move(hostile, from: .outbox, to: .archive, as: try FileDropName("moved.edi"))
        }
        #expect(move?.code == .validation)
        #expect(scratch.names("inbox") == ["ours.edi"])
        #expect(scratch.names("archive") == [])
    }

    @Test func aMoveNeverReplacesAFileAtTheDestination() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.place("new", at: "outbox/A.edi")
        try scratch.place("old", at: "archive/A.edi")
        let error = await #expect(throws: MarketSyncError.self) {
            try await drop(scratch).move("A.edi", from: .outbox, to: .archive, as: try FileDropName("A.edi"))
        }
        #expect(error?.code == .validation)
        #expect(scratch.contents("archive/A.edi") == "old")
        #expect(scratch.contents("outbox/A.edi") == "new")
    }

    // MARK: The inbox over a local folder

    @Test func aFileIsHandedOutUntilSettledThenArchived() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.place("ORDERS two", at: "outbox/ORDERS_2.edi", modified: Date(timeIntervalSince1970: 1_795_000_060))
        try scratch.place("ORDERS one", at: "outbox/ORDERS_1.edi", modified: Date(timeIntervalSince1970: 1_795_000_000))
        let inbox = inbox(try drop(scratch))
        let first = try await inbox.poll(limit: 1)
        #expect(first.files.map(\.name.value) == ["ORDERS_1.edi"], "oldest first")
        let file = try #require(first.files.first)
        #expect(file.contents == Data("ORDERS one".utf8))
        // Not settled yet (the caller has not stored it): a new listing hands it out again, unless skipped.
        #expect(try await inbox.poll().files.map(\.name.value) == ["ORDERS_1.edi", "ORDERS_2.edi"])
        #expect(try await inbox.poll(skipping: ["ORDERS_1.edi"]).files.map(\.name.value) == ["ORDERS_2.edi"])
        try await inbox.settle(file.settlement)
        try await inbox.settle(file.settlement)
        #expect(scratch.names("archive") == ["20261118T111500Z_ORDERS_1.edi"])
        #expect(scratch.names("outbox") == ["ORDERS_2.edi"])
    }

    @Test func aFileWithContentsAlreadyStoredIsArchivedUnread() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let ledger = InMemoryFileDropLedger()
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500))
        try scratch.place("ORDERS one", at: "outbox/ORDERS_1.edi")
        let inbox = inbox(try drop(scratch), ledger: ledger, clock: clock)
        try await inbox.settle(try #require(try await inbox.poll().files.first))
        // The partner sends the same bytes again under another name, and once more under the first name.
        clock.advance(by: .seconds(60))
        try scratch.place("ORDERS one", at: "outbox/ORDERS_1_resent.edi")
        try scratch.place("ORDERS one", at: "outbox/ORDERS_1.edi")
        let poll = try await inbox.poll()
        #expect(poll.files.isEmpty)
        #expect(poll.setAside.map(\.action) == [.archivedDuplicate, .archivedDuplicate])
        #expect(scratch.names("outbox") == [])
        #expect(scratch.names("archive") == ["20261118T111500Z_ORDERS_1.edi", "20261118T111600Z_ORDERS_1.edi",
                                             "20261118T111600Z_ORDERS_1_resent.edi"])
        #expect(ledger.all.count == 1)
    }

    @Test func aCrashBetweenRecordingAndArchivingIsHealedByTheNextPoll() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let ledger = InMemoryFileDropLedger()
        try scratch.place("ORDERS one", at: "outbox/ORDERS_1.edi")
        let drop = try drop(scratch)
        let file = try #require(try await inbox(drop, ledger: ledger).poll().files.first)
        // The digest was recorded, then the process died before the move.
        try await ledger.record(FileDropLedgerEntry(sha256: file.sha256, name: file.name.value, outcome: .stored,
                                                    recordedAt: Date(timeIntervalSince1970: 1_795_000_400)), channel: ChannelID("auchan"))
        let poll = try await inbox(drop, ledger: ledger).poll()
        #expect(poll.files.isEmpty)
        #expect(scratch.names("archive") == ["20261118T111500Z_ORDERS_1.edi"])
    }

    @Test func aBadFileGoesToQuarantineWithItsReasonAndItsCopiesFollow() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.place("not EDIFACT", at: "outbox/ORDERS_7.edi")
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500))
        let inbox = inbox(try drop(scratch), clock: clock)
        let file = try #require(try await inbox.poll().files.first)
        try await inbox.reject(file, reason: "no UNB segment")
        #expect(scratch.names("quarantine") == ["20261118T111500Z_ORDERS_7.edi", "20261118T111500Z_ORDERS_7.edi.reason.txt"])
        let note = try #require(scratch.contents("quarantine/20261118T111500Z_ORDERS_7.edi.reason.txt"))
        #expect(note.contains("file: ORDERS_7.edi"))
        #expect(note.contains("sha256: \(file.sha256)"))
        #expect(note.contains("reason: no UNB segment"))
        #expect(scratch.contents("quarantine/20261118T111500Z_ORDERS_7.edi") == "not EDIFACT", "never deleted")

        clock.advance(by: .seconds(1))
        try scratch.place("not EDIFACT", at: "outbox/ORDERS_7.edi")
        let again = try await inbox.poll()
        #expect(again.files.isEmpty)
        #expect(again.setAside.map(\.action) == [.quarantined])
        #expect(scratch.contents("quarantine/20261118T111501Z_ORDERS_7.edi.reason.txt")?.contains("quarantined before: no UNB segment") == true)
    }

    @Test func hostileNamesAreQuarantinedOrLeftInPlaceAndNeverRead() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.place("evil", at: "outbox/..\\..\\boot.ini")
        try scratch.place("evil", at: "outbox/line\nbreak.edi")
        try scratch.place("evil", at: "outbox/quote\".edi")
        try scratch.place("fine", at: "outbox/ORDERS_1.edi")
        let poll = try await inbox(try drop(scratch)).poll()
        #expect(poll.files.map(\.name.value) == ["ORDERS_1.edi"])
        let byName = Dictionary(uniqueKeysWithValues: poll.setAside.map { ($0.name, $0.action) })
        #expect(byName == ["..\\..\\boot.ini": .quarantined, "line\nbreak.edi": .leftInPlace, "quote\".edi": .leftInPlace])
        #expect(poll.setAside.allSatisfy { $0.error.code == .validation && $0.error.channel == ChannelID("auchan") })
        #expect(poll.setAside.first { $0.action == .leftInPlace && $0.name.hasPrefix("line") }?.error.message.contains("line\\u{a}break.edi") == true)
        #expect(scratch.names("quarantine") == ["20261118T111500Z__.._boot.ini", "20261118T111500Z__.._boot.ini.reason.txt"])
        #expect(scratch.names("outbox") == ["ORDERS_1.edi", "line\nbreak.edi", "quote\".edi"])
    }

    @Test func aYoungFileWaitsWhenAMinimumAgeIsSet() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500))
        try scratch.place("still being written", at: "outbox/ORDERS_1.edi", modified: Date(timeIntervalSince1970: 1_795_000_490))
        let inbox = FileDropInbox(drop: try drop(scratch), ledger: InMemoryFileDropLedger(), channel: ChannelID("auchan"),
                                  clock: clock, minimumAge: .seconds(30))
        #expect(try await inbox.poll().files.isEmpty)
        clock.advance(by: .seconds(20))
        #expect(try await inbox.poll().files.map(\.name.value) == ["ORDERS_1.edi"])
    }

    @Test func aForeignSettlementIsAProtocolError() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let error = await #expect(throws: MarketSyncError.self) {
            try await inbox(try drop(scratch)).settle(OrderSettlement("cursor 42"))
        }
        #expect(error?.code == .protocolViolation)
    }
}
