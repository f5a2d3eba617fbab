import Foundation
import MarketSync
import Testing

/// A folder under the system's temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init(_ label: String = "delivery") throws {
        path = NSTemporaryDirectory() + "marketsync-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file directly (as the partner would), creating its folder; `modified` sets its time.
    func place(_ text: String, at relative: String, modified: Date? = nil) throws {
        let full = "\(path)/\(relative)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: full) }
    }

    func contents(_ relative: String) -> String? {
        FileManager.default.contents(atPath: "\(path)/\(relative)").map { String(decoding: $0, as: UTF8.self) }
    }

    func names(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(path)/\(relative)")) ?? []).sorted()
    }
}

/// The throwaway servers `scripts/sftp-server start` runs, described by the file `MARKETSYNC_SFTP_TEST` names.
/// Tests that need them run only when the variable is set; when it is set and the file is gone (the server
/// `scripts/test` started has stopped), `load()` throws and the test fails.
struct DeliveryTestServer {
    static let environmentFile = ProcessInfo.processInfo.environment["MARKETSYNC_SFTP_TEST"]
    static var isConfigured: Bool { environmentFile != nil }
    static var hasFTPS: Bool {
        guard let file = environmentFile, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return isConfigured }
        return text.contains("MARKETSYNC_FTPS_PORT=")
    }

    let values: [String: String]

    static func load() throws -> DeliveryTestServer {
        guard let file = environmentFile else { throw Failure("MARKETSYNC_SFTP_TEST is not set") }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Failure("MARKETSYNC_SFTP_TEST names \(file), which is gone: the server scripts/sftp-server started has stopped")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            values[String(line[..<equals])] = value
        }
        return DeliveryTestServer(values: values)
    }

    func value(_ key: String) throws -> String {
        guard let value = values[key], !value.isEmpty else { throw Failure("\(key) is missing from \(Self.environmentFile ?? "?")") }
        return value
    }

    // MARK: SFTP

    /// A fresh folder on the SFTP server (the server runs on this machine, so the test also sees it on disk).
    func sftpFolder() throws -> (settings: FileDropSettings, disk: ScratchFolder) {
        let root = try value("MARKETSYNC_SFTP_ROOT")
        let name = "case-\(UUID().uuidString)"
        let disk = ScratchFolder(existing: "\(root)/\(name)")
        try FileManager.default.createDirectory(atPath: disk.path, withIntermediateDirectories: true)
        let url = try #require(URL(string: "sftp://127.0.0.1:\(try value("MARKETSYNC_SFTP_PORT"))\(root)/\(name)"))
        let settings = FileDropSettings(url: url, hostKey: .sha256(try value("MARKETSYNC_SFTP_HOST_KEY_SHA256")),
                                        credentials: FileDropCredentials(user: try value("MARKETSYNC_SFTP_USER"), privateKey: try value("MARKETSYNC_SFTP_KEY")),
                                        connectTimeout: .seconds(10), timeout: .seconds(30))
        return (settings, disk)
    }

    // MARK: FTPS

    func ftpsFolder() throws -> (settings: FileDropSettings, disk: ScratchFolder) {
        let root = try value("MARKETSYNC_FTPS_ROOT")
        let urlPath = try value("MARKETSYNC_FTPS_URL_PATH")
        let name = "case-\(UUID().uuidString)"
        let disk = ScratchFolder(existing: "\(root)/\(name)")
        try FileManager.default.createDirectory(atPath: disk.path, withIntermediateDirectories: true)
        // vsftpd writes as its own account: the case folder must be writable by it.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: disk.path)
        let url = try #require(URL(string: "ftp://127.0.0.1:\(try value("MARKETSYNC_FTPS_PORT"))\(urlPath)/\(name)"))
        let settings = FileDropSettings(url: url, caFile: try value("MARKETSYNC_FTPS_CA_FILE"),
                                        credentials: FileDropCredentials(user: try value("MARKETSYNC_FTPS_USER"), password: ""),
                                        connectTimeout: .seconds(10), timeout: .seconds(30))
        return (settings, disk)
    }
}

extension ScratchFolder {
    init(existing path: String) { self.path = path }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
