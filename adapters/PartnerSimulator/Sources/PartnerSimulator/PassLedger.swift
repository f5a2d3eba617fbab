import Foundation
import MarketSync
import Synchronization

/// A `FileDropLedger` for one pass of the simulator: it remembers the digests read in this pass only (two files of
/// the same bytes in one inbox: the second is reported as a copy of the first). The partner keeps no state between
/// passes; the files it read are out of the inbox.
final class PassLedger: FileDropLedger {
    private let entries = Mutex<[String: FileDropLedgerEntry]>([:])

    func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry? {
        entries.withLock { $0[sha256] }
    }

    func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws {
        entries.withLock { entries in
            if entries[entry.sha256] == nil { entries[entry.sha256] = entry }
        }
    }
}
