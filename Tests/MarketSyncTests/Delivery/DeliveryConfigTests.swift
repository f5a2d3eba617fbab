import Foundation
import MarketSync
import MarketSyncConfig
import Testing

@Suite struct DeliveryConfigTests {
    private let fingerprint = "SHA256:bOP1D1eCgGo448TZYPogINA8yS5Rszm8wX4tsFPwBUw"

    private func parse(_ options: [String: String], environment: [String: String] = [:]) throws -> FileDropSettings? {
        let values = options.mapValues { ConfigValue(text: $0, line: 7) }
        return try DeliveryConfig.parse(values, environment: environment) { message, key in
            MarketSyncError(.config, message, file: "marketsync.yaml", line: 7, key: "channels.wumart.options.delivery.\(key)")
        }
    }

    private func failure(_ options: [String: String], environment: [String: String] = [:]) -> MarketSyncError? {
        #expect(throws: MarketSyncError.self) { _ = try parse(options, environment: environment) }
    }

    @Test func anSFTPBlockWithAKeyLogin() throws {
        let key = NSTemporaryDirectory() + "marketsync-config-key-\(UUID().uuidString)"
        try Data("key".utf8).write(to: URL(fileURLWithPath: key))
        defer { try? FileManager.default.removeItem(atPath: key) }
        let settings = try #require(try parse([
            "delivery.url": "sftp://edi.wumart.example:2222/exchange", "delivery.inbox": "to_wumart", "delivery.outbox": "/out/marketsync",
            "delivery.host_key_sha256": fingerprint, "delivery.minimum_age": "30s",
            "delivery.credentials.user": "WUMART_USER", "delivery.credentials.private_key": "WUMART_KEY",
            "delivery.credentials.passphrase": "WUMART_PASSPHRASE",
        ], environment: ["WUMART_USER": "yugra", "WUMART_KEY": key, "WUMART_PASSPHRASE": "s3cret-passphrase"]))
        #expect(settings.kind == .sftp)
        #expect(settings.path(of: .inbox) == "/exchange/to_wumart")
        #expect(settings.path(of: .outbox) == "/out/marketsync")
        #expect(settings.path(of: .archive) == "/exchange/archive")
        #expect(settings.hostKey?.fingerprint == "bOP1D1eCgGo448TZYPogINA8yS5Rszm8wX4tsFPwBUw")
        #expect(settings.minimumAge == .seconds(30))
        #expect(settings.credentials == FileDropCredentials(user: "yugra", privateKey: key, passphrase: "s3cret-passphrase"))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains("s3cret-passphrase") && !"\(settings)".contains("s3cret-passphrase"))
    }

    @Test func noDeliveryBlockIsNil() throws {
        #expect(try parse(["page_size": "50"]) == nil)
    }

    @Test func anSFTPBlockWithoutAPinNamesTheKey() {
        let error = failure(["delivery.url": "sftp://h/x", "delivery.credentials.user": "U", "delivery.credentials.password": "P"],
                            environment: ["U": "u", "P": "p"])
        #expect(error?.key == "channels.wumart.options.delivery.host_key_sha256")
        #expect(error?.line == 7)
    }

    @Test(arguments: [
        (["delivery.url": "sftp://h/x", "delivery.host_key_sha256": "SHA256:short"], "delivery.host_key_sha256"),
        (["delivery.url": "sftp://user:pw@h/x"], "delivery.url"),
        (["delivery.url": "http://h/x"], "delivery.url"),
        (["delivery.inbox": "in"], "delivery.url"),
        (["delivery.url": "file:///srv/x", "delivery.hostkey": "x"], "delivery.hostkey"),
        (["delivery.url": "file:///srv/x", "delivery.outbox": "../../etc"], "delivery.outbox"),
        (["delivery.url": "file:///srv/x", "delivery.credentials.user": "U"], "delivery.credentials.user"),
        (["delivery.url": "ftp://h/x", "delivery.host_key_sha256": "SHA256:bOP1D1eCgGo448TZYPogINA8yS5Rszm8wX4tsFPwBUw"], "delivery.host_key_sha256"),
        (["delivery.url": "ftp://h/x", "delivery.credentials.user": "NOT_SET_ANYWHERE"], "delivery.credentials.user"),
        (["delivery.url": "file:///srv/x", "delivery.minimum_age": "soon"], "delivery.minimum_age"),
    ])
    func problemsNameTheirKey(_ options: [String: String], _ key: String) {
        let error = failure(options, environment: ["U": "u"])
        #expect(error?.code == .config)
        #expect(error?.key == "channels.wumart.options.\(key)")
    }

    @Test func aMissingSecretNamesItsVariableNeverAValue() {
        let error = failure(["delivery.url": "ftp://h/x", "delivery.credentials.user": "U", "delivery.credentials.password": "FTP_PASSWORD"],
                            environment: ["U": "yugra"])
        #expect(error?.key == "channels.wumart.options.delivery.credentials.password")
        #expect(error?.message.contains("FTP_PASSWORD") == true)
    }

    @Test func aLocalFolderNeedsNothingElse() throws {
        let settings = try #require(try parse(["delivery.url": "file:///srv/partners/auchan"]))
        #expect(settings.kind == .local)
        #expect(settings.path(of: .quarantine) == "/srv/partners/auchan/quarantine")
    }
}
