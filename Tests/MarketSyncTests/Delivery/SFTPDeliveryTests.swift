import Foundation
import MarketSync
import MarketSyncTesting
import MarketSyncWire
import Testing

/// `CurlFileDrop` against a real sshd on 127.0.0.1 (`scripts/sftp-server`), run when `MARKETSYNC_SFTP_TEST` is set.
@Suite(.enabled(if: DeliveryTestServer.isConfigured, "needs MARKETSYNC_SFTP_TEST from scripts/sftp-server start"), .timeLimit(.minutes(2)))
struct SFTPDeliveryTests {
    @Test func uploadIsRenamedIntoPlaceAndVerified() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        let drop = try CurlFileDrop(settings: settings)
        let name = try FileDropName("ORDRSP_000123.edi")
        try await drop.put(Data("UNB+UNOC:3+4600000000001:14'\n".utf8), named: name)
        #expect(disk.contents("inbox/ORDRSP_000123.edi") == "UNB+UNOC:3+4600000000001:14'\n")
        #expect(disk.names("inbox") == ["ORDRSP_000123.edi"], "no temporary file is left behind")
    }

    @Test func aReaderNeverSeesAPartialFile() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        try FileManager.default.createDirectory(atPath: "\(disk.path)/inbox", withIntermediateDirectories: true)
        let drop = try CurlFileDrop(settings: settings)
        // 48 MiB: large enough that the upload outlasts many looks at the folder even on an idle machine (6 MiB
        // went through loopback SFTP before the first look once, and the temporary name was never seen).
        let contents = Data((0..<(48 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let target = "\(disk.path)/inbox/STOCK_FULL.csv"
        let upload = Task { try await drop.put(contents, named: try FileDropName("STOCK_FULL.csv")) }
        // The partner's view while the upload runs: whenever the final name exists, it holds every byte.
        var sawTemporary = false
        var partialSightings = 0
        var looks = 0
        while looks < 1_000_000 {
            looks += 1
            let names = disk.names("inbox")
            if names.contains(".STOCK_FULL.csv.tmp") { sawTemporary = true }
            if names.contains("STOCK_FULL.csv") {
                let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? -1
                if size != contents.count { partialSightings += 1 }
                break
            }
            await Task.yield()
        }
        try await upload.value
        #expect(partialSightings == 0)
        #expect(sawTemporary, "the upload went through the temporary name")
        #expect(FileManager.default.contents(atPath: target) == contents)
    }

    @Test func theSameFileAgainIsDeliveredOnceAndADifferentOneIsNeverReplaced() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        let drop = try CurlFileDrop(settings: settings)
        let name = try FileDropName("PRICAT_7.edi")
        try await drop.put(Data("first".utf8), named: name)
        try await drop.put(Data("first".utf8), named: name)
        let error = await #expect(throws: MarketSyncError.self) { try await drop.put(Data("second".utf8), named: name) }
        #expect(error?.code == .validation)
        #expect(disk.contents("inbox/PRICAT_7.edi") == "first")
        #expect(disk.names("inbox") == ["PRICAT_7.edi"])
    }

    @Test func aWrongHostFingerprintIsRefused() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        settings.hostKey = .sha256("SHA256:" + String(repeating: "A", count: 42) + "E")
        let drop = try CurlFileDrop(settings: settings)
        let error = await #expect(throws: MarketSyncError.self) { try await drop.put(Data("x".utf8), named: try FileDropName("A.edi")) }
        #expect(error?.code == .peerUnverified)
        #expect(error?.isRetryable == false)
        #expect(disk.names("") == [], "nothing was written")
    }

    @Test func aKnownHostsFilePinsTheKeyAndAStrangerKeyInItIsRefused() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        settings.hostKey = .knownHosts(path: try server.value("MARKETSYNC_SFTP_KNOWN_HOSTS"))
        try await CurlFileDrop(settings: settings).put(Data("pinned".utf8), named: try FileDropName("K.edi"))
        #expect(disk.contents("inbox/K.edi") == "pinned")

        let scratch = try ScratchFolder("known-hosts")
        defer { scratch.remove() }
        let stranger = try String(contentsOfFile: try server.value("MARKETSYNC_SFTP_STRANGER_KEY") + ".pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        try scratch.place("[127.0.0.1]:\(try server.value("MARKETSYNC_SFTP_PORT")) \(stranger)\n", at: "known_hosts")
        settings.hostKey = .knownHosts(path: "\(scratch.path)/known_hosts")
        let error = await #expect(throws: MarketSyncError.self) { _ = try await CurlFileDrop(settings: settings).listOutbox() }
        #expect(error?.code == .peerUnverified)

        try scratch.place("", at: "empty_known_hosts")
        settings.hostKey = .knownHosts(path: "\(scratch.path)/empty_known_hosts")
        let unknown = await #expect(throws: MarketSyncError.self) { _ = try await CurlFileDrop(settings: settings).listOutbox() }
        #expect(unknown?.code == .peerUnverified, "an unknown host is refused, not added")
        #expect(scratch.contents("empty_known_hosts") == "")
    }

    @Test func noPinIsAConfigErrorBeforeAnyConnection() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        settings.hostKey = nil
        let error = #expect(throws: MarketSyncError.self) { _ = try FileDrops.make(settings) }
        #expect(error?.code == .config)
        #expect(error?.key == "delivery.host_key_sha256")
        // The plain transport refuses an unpinned sftp:// URL too, instead of accepting any host key.
        let transport = CurlTransport(options: CurlTransport.Options(
            fileDeliveryCredentials: FileDeliveryCredentials(user: try server.value("MARKETSYNC_SFTP_USER"),
                                                             privateKeyPath: try server.value("MARKETSYNC_SFTP_KEY"))))
        let url = try #require(URL(string: "\(settings.url.absoluteString)/inbox/X.edi"))
        let refused = await #expect(throws: MarketSyncError.self) {
            _ = try await transport.send(WireRequest(method: "PUT", url: url, body: Data("x".utf8)))
        }
        #expect(refused?.code == .config)
        #expect(disk.names("") == [])
    }

    @Test func aKeyTheServerDoesNotKnowIsUnauthorized() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        settings.credentials = FileDropCredentials(user: try server.value("MARKETSYNC_SFTP_USER"),
                                                   privateKey: try server.value("MARKETSYNC_SFTP_STRANGER_KEY"))
        let error = await #expect(throws: MarketSyncError.self) { _ = try await CurlFileDrop(settings: settings).listOutbox() }
        #expect(error?.code == .unauthorized)
    }

    @Test func aKeyWithAPassphraseLogsInAndAWrongPassphraseIsUnauthorizedWithoutShowingIt() async throws {
        let server = try DeliveryTestServer.load()
        var (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        try disk.place("x", at: "outbox/A.edi")
        let user = try server.value("MARKETSYNC_SFTP_USER")
        let key = try server.value("MARKETSYNC_SFTP_PASS_KEY")
        settings.credentials = FileDropCredentials(user: user, privateKey: key, passphrase: try server.value("MARKETSYNC_SFTP_PASS_KEY_PASSPHRASE"))
        #expect(try await CurlFileDrop(settings: settings).listOutbox().map(\.name) == ["A.edi"])

        settings.credentials = FileDropCredentials(user: user, privateKey: key, passphrase: "not-the-passphrase-xyz")
        let error = await #expect(throws: MarketSyncError.self) { _ = try await CurlFileDrop(settings: settings).listOutbox() }
        #expect(error?.code == .unauthorized)
        #expect(error.map { !"\($0)".contains("not-the-passphrase-xyz") } == true)
        #expect(!"\(settings)".contains("not-the-passphrase-xyz"))
    }

    @Test func listingGivesRegularFilesWithSizesAndTimesAndLeavesOutTemporaryOnes() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        let when = Date(timeIntervalSince1970: 1_795_000_123)
        try disk.place("ORDERS one", at: "outbox/ORDERS 001.edi", modified: when)
        try disk.place("12345", at: "outbox/ORDERS_002.edi", modified: when.addingTimeInterval(61))
        try disk.place("half", at: "outbox/.ORDERS_003.edi.tmp")
        try disk.place("half", at: "outbox/ORDERS_004.edi.part")
        try disk.place("inner", at: "outbox/subfolder/ORDERS_005.edi")
        let entries = try await CurlFileDrop(settings: settings).listOutbox().sorted { $0.name < $1.name }
        #expect(entries == [
            FileDropEntry(name: "ORDERS 001.edi", size: 10, modified: when),
            FileDropEntry(name: "ORDERS_002.edi", size: 5, modified: when.addingTimeInterval(61)),
        ])
    }

    @Test func downloadReadsTheFileAndRefusesAPathThatLeavesTheFolder() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        try disk.place("secret", at: "inbox/ours.edi")
        try disk.place("UNH+1+ORDERS:D:96A:UN:EAN008'", at: "outbox/ORDERS_9.edi")
        let drop = try CurlFileDrop(settings: settings)
        #expect(try await drop.fetch("ORDERS_9.edi") == Data("UNH+1+ORDERS:D:96A:UN:EAN008'".utf8))
        for hostile in ["../inbox/ours.edi", "/etc/passwd", "..", "a\u{0}b", "line\nbreak"] {
            let error = await #expect(throws: MarketSyncError.self) { _ = try await drop.fetch(hostile) }
            #expect(error?.code == .validation)
        }
        let error = await #expect(throws: MarketSyncError.self) {
            try await drop.move("../inbox/ours.edi", from: .outbox, to: .archive, as: try FileDropName("x"))
        }
        #expect(error?.code == .validation)
        #expect(disk.contents("inbox/ours.edi") == "secret")
    }

    @Test func inboundFilesAreArchivedAfterSettleAndQuarantinedWithAReason() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        try disk.place("good order", at: "outbox/ORDERS_1.edi", modified: Date(timeIntervalSince1970: 1_795_000_000))
        try disk.place("garbage", at: "outbox/ORDERS_2.edi", modified: Date(timeIntervalSince1970: 1_795_000_060))
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500))
        let inbox = FileDropInbox(drop: try CurlFileDrop(settings: settings), ledger: InMemoryFileDropLedger(),
                                  channel: ChannelID("wumart"), clock: clock)
        let poll = try await inbox.poll()
        #expect(poll.files.map(\.name.value) == ["ORDERS_1.edi", "ORDERS_2.edi"])
        try await inbox.settle(try #require(poll.files.first).settlement)
        try await inbox.reject(poll.files[1], reason: "UNH segment missing")
        #expect(disk.names("outbox") == [])
        #expect(disk.names("archive") == ["20261118T111500Z_ORDERS_1.edi"])
        #expect(disk.names("quarantine") == ["20261118T111500Z_ORDERS_2.edi", "20261118T111500Z_ORDERS_2.edi.reason.txt"])
        #expect(disk.contents("quarantine/20261118T111500Z_ORDERS_2.edi.reason.txt")?.contains("reason: UNH segment missing") == true)
        #expect(try await inbox.poll().files.isEmpty)
    }

    @Test func aHostileNameIsQuarantinedUnderACleanNameNeverRead() async throws {
        let server = try DeliveryTestServer.load()
        let (settings, disk) = try server.sftpFolder()
        defer { disk.remove() }
        try disk.place("evil", at: "outbox/..\\..\\etc\\cron.d\\job")
        try disk.place("fine", at: "outbox/ORDERS_3.edi")
        let inbox = FileDropInbox(drop: try CurlFileDrop(settings: settings), ledger: InMemoryFileDropLedger(),
                                  channel: ChannelID("wumart"), clock: ManualClock(now: Date(timeIntervalSince1970: 1_795_000_500)))
        let poll = try await inbox.poll()
        #expect(poll.files.map(\.name.value) == ["ORDERS_3.edi"])
        let setAside = try #require(poll.setAside.first)
        #expect(setAside.action == .quarantined)
        #expect(setAside.error.code == .validation)
        #expect(setAside.error.message.contains("backslash"))
        #expect(disk.names("quarantine") == ["20261118T111500Z__.._etc_cron.d_job", "20261118T111500Z__.._etc_cron.d_job.reason.txt"])
        #expect(disk.contents("quarantine/20261118T111500Z__.._etc_cron.d_job") == "evil")
    }
}
