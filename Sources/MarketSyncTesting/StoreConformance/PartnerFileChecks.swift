internal import Foundation
internal import MarketSync

/// `ControlNumberSource`, `FileDropLedger` and `OutgoingFileStore`: numbers that grow and are never handed out
/// twice (two processes racing included), a ledger that keeps the first outcome, and outgoing files that keep the
/// first file under a key.
enum PartnerFileChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .controlNumbers, name: "numbers grow per partner and kind") { underTest in
            let store = try role(underTest.store, (any ControlNumberSource).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.next(.interchange, for: D.channel), 1, "the first interchange number")
            p.expectEqual(try await store.next(.interchange, for: D.channel), 2, "the second interchange number")
            p.expectEqual(try await store.next(.message, for: D.channel), 1, "the first message number")
            p.expectEqual(try await store.next(.interchange, for: D.other), 1, "another partner's first number")
            return p.list
        },
        StoreConformanceCheck(role: .controlNumbers, name: "never the same number twice under concurrency") { underTest in
            let first = try role(underTest.store, (any ControlNumberSource).self)
            let second = try underTest.secondHandle.map { try role($0, (any ControlNumberSource).self) } ?? first
            var p = ConformanceProblems()
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await store.next(.group, for: D.channel) }
                }
                var numbers: [Int] = []
                for try await number in group { numbers.append(number) }
                return numbers
            }
            p.expectEqual(numbers.sorted(), Array(1...40), "numbers handed out to 40 racing takers")
            return p.list
        },
        StoreConformanceCheck(role: .fileLedger, name: "the first entry stays") { underTest in
            let store = try role(underTest.store, (any FileDropLedger).self)
            var p = ConformanceProblems()
            let digest = String(repeating: "ab", count: 32)
            try await store.noteReceived(sha256: digest, name: "ORDERS_1.edi", channel: D.channel, at: D.at(0))
            p.expect(try await store.entry(for: digest, channel: D.channel) == nil, "a file only received has no entry")
            let stored = FileDropLedgerEntry(sha256: digest, name: "ORDERS_1.edi", outcome: .stored, recordedAt: D.at(1))
            try await store.record(stored, channel: D.channel)
            try await store.record(FileDropLedgerEntry(sha256: digest, name: "again.edi", outcome: .quarantined(reason: "bad"), recordedAt: D.at(2)),
                                   channel: D.channel)
            p.expectEqual(try await store.entry(for: digest, channel: D.channel), stored, "the entry after recording twice")
            try await store.noteMoved(sha256: digest, channel: D.channel, to: .archive, at: D.at(3))
            p.expectEqual(try await store.entry(for: digest, channel: D.channel), stored, "the entry after the move")
            p.expect(try await store.entry(for: digest, channel: D.other) == nil, "the same digest on another channel")
            let bad = FileDropLedgerEntry(sha256: String(repeating: "cd", count: 32), name: "x.edi", outcome: .quarantined(reason: "UNT count"),
                                          recordedAt: D.at(4))
            try await store.record(bad, channel: D.other)
            p.expectEqual(try await store.entry(for: bad.sha256, channel: D.other), bad, "a quarantined entry")
            return p.list
        },
        StoreConformanceCheck(role: .outgoingFiles, name: "the first file under a key stays") { underTest in
            let store = try role(underTest.store, (any OutgoingFileStore).self)
            var p = ConformanceProblems()
            let first = OutgoingFile(key: "ordrsp/O-1", name: try FileDropName("ORDRSP_1.edi"), contents: Data("UNB+1".utf8), createdAt: D.at(0))
            let second = OutgoingFile(key: "ordrsp/O-1", name: try FileDropName("ORDRSP_2.edi"), contents: Data("UNB+2".utf8), createdAt: D.at(1))
            p.expectEqual(try await store.keep(first, channel: D.channel), first, "the file kept")
            p.expectEqual(try await store.keep(second, channel: D.channel), first, "keeping another under the same key")
            p.expectEqual(try await store.keep(second, channel: D.other), second, "the same key on another channel")
            let other = OutgoingFile(key: "ordrsp/O-2", name: try FileDropName("ORDRSP_3.edi"), contents: Data([0, 1, 2, 255]), createdAt: D.at(2))
            let ack = OutgoingFile(key: "contrl/9", name: try FileDropName("CONTRL_9.edi"), contents: Data("UNB+9".utf8), createdAt: D.at(3))
            _ = try await store.keep(other, channel: D.channel)
            _ = try await store.keep(ack, channel: D.channel)
            p.expectEqual(try await store.undeliveredFiles(prefix: "ordrsp/", channel: D.channel).map(\.key), ["ordrsp/O-1", "ordrsp/O-2"],
                          "undelivered under a prefix, oldest first")
            try await store.markDelivered("ordrsp/O-1", channel: D.channel, at: D.at(10))
            try await store.markDelivered("ordrsp/O-1", channel: D.channel, at: D.at(20))
            p.expectEqual(try await store.outgoingFile("ordrsp/O-1", channel: D.channel)?.deliveredAt, D.at(10), "the first delivery's time")
            p.expectEqual(try await store.undeliveredFiles(prefix: "ordrsp/", channel: D.channel).map(\.key), ["ordrsp/O-2"], "undelivered after delivery")
            p.expectEqual(try await store.outgoingFile("ordrsp/O-2", channel: D.channel)?.contents, Data([0, 1, 2, 255]), "bytes read back")
            p.expect(try await store.outgoingFile("nope", channel: D.channel) == nil, "an unknown key")
            return p.list
        },
    ]
}
