import Foundation
import MarketSync
import MarketSyncTesting
import MarketSyncWire
import Testing

/// `CurlFileDrop` against a real vsftpd with explicit TLS on 127.0.0.1 (`scripts/sftp-server` starts it beside
/// sshd when it can run here), run when `MARKETSYNC_SFTP_TEST` names a file with `MARKETSYNC_FTPS_PORT`.
@Suite(.enabled(if: DeliveryTestServer.hasFTPS, "needs MARKETSYNC_SFTP_TEST with an FTPS server from scripts/sftp-server start"), .timeLimit(.minutes(2)))
struct FTPSDeliveryTests {
    /// vsftpd works as its own account: folders the test makes on disk must be writable by it.
    private func openUp(_ disk: ScratchFolder) throws {
        let paths = [disk.path] + (FileManager.default.subpaths(atPath: disk.path) ?? []).map { "\(disk.path)/\($0)" }
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
            }
        }
    }

    @Test func uploadIsRenamedIntoPlaceOverTLSAndVerified() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.ftpsFolder()
        defer { disk.remove() }
        let drop = try CurlFileDrop(settings: settings)
        let name = try FileDropName("DESADV_42.edi")
        try await drop.put(Data("UNH+1+DESADV:D:96A:UN:EAN005'".utf8), named: name)
        try await drop.put(Data("UNH+1+DESADV:D:96A:UN:EAN005'".utf8), named: name)
        #expect(disk.contents("inbox/DESADV_42.edi") == "UNH+1+DESADV:D:96A:UN:EAN005'")
        #expect(disk.names("inbox") == ["DESADV_42.edi"])
        let error = await #expect(throws: MarketSyncError.self) { try await drop.put(Data("other".utf8), named: name) }
        #expect(error?.code == .validation)
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.ftpsFolder()
        defer { disk.remove() }
        settings.caFile = nil
        let error = await #expect(throws: MarketSyncError.self) { _ = try await CurlFileDrop(settings: settings).listOutbox() }
        #expect(error?.code == .peerUnverified)
    }

    @Test func listingDownloadAndArchiveOnTheServer() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.ftpsFolder()
        defer { disk.remove() }
        let when = Date(timeIntervalSince1970: 1_795_000_123)
        try disk.place("ORDERS one", at: "outbox/ORDERS 001.edi", modified: when)
        try disk.place("x", at: "outbox/.ORDERS_002.edi.tmp")
        try disk.place("x", at: "outbox/sub/ORDERS_003.edi")
        try openUp(disk)
        let drop = try CurlFileDrop(settings: settings)
        #expect(try await drop.listOutbox() == [FileDropEntry(name: "ORDERS 001.edi", size: 10, modified: when)])
        #expect(try await drop.fetch("ORDERS 001.edi") == Data("ORDERS one".utf8))
        let inbox = FileDropInbox(drop: drop, ledger: InMemoryFileDropLedger(), channel: ChannelID("trustmart"),
                                  clock: ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500)))
        let file = try #require(try await inbox.poll().files.first)
        try await inbox.settle(file.settlement)
        #expect(disk.names("archive") == ["20261118T111500Z_ORDERS 001.edi"])
        #expect(disk.names("outbox") == [".ORDERS_002.edi.tmp", "sub"])
    }

    @Test func aBadFileIsQuarantinedWithItsReasonOnTheServer() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.ftpsFolder()
        defer { disk.remove() }
        try disk.place("garbage", at: "outbox/ORDERS_9.edi")
        try openUp(disk)
        let inbox = FileDropInbox(drop: try CurlFileDrop(settings: settings), ledger: InMemoryFileDropLedger(), channel: ChannelID("trustmart"),
                                  clock: ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500)))
        let file = try #require(try await inbox.poll().files.first)
        try await inbox.reject(file, reason: "unreadable")
        #expect(disk.names("quarantine") == ["20261118T111500Z_ORDERS_9.edi", "20261118T111500Z_ORDERS_9.edi.reason.txt"])
        #expect(disk.contents("quarantine/20261118T111500Z_ORDERS_9.edi.reason.txt")?.contains("reason: unreadable") == true)
    }
}
