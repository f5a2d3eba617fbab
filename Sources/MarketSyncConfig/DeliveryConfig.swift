internal import Foundation
public import MarketSync

/// Reads a channel's `delivery:` block (under the channel's `options:`, so `options.delivery.url`) into the
/// `FileDropSettings` a file-exchanging adapter takes. The keys (docs/delivery.md):
///
/// ```yaml
/// options:
///   delivery:
///     url: sftp://edi.partner.example:22/exchange   # file:///path, sftp://, ftp:// (explicit TLS), ftps:// (implicit)
///     inbox: to_partner          # relative to the URL's path, or absolute; default inbox
///     outbox: from_partner       # default outbox
///     archive: archive           # default archive
///     quarantine: quarantine     # default quarantine
///     host_key_sha256: SHA256:… # SFTP: this, or known_hosts: /path (one is required)
///     ca_file: /etc/marketsync/partner-ca.pem   # FTPS: trusted CAs for a self-signed server
///     minimum_age: 30s           # leave younger outbox files for the next poll; default 0
///     connect_timeout: 10s
///     timeout: 60s
///     credentials:               # each value names an environment variable
///       user: PARTNER_SFTP_USER
///       private_key: PARTNER_SFTP_KEY_PATH      # or password: PARTNER_SFTP_PASSWORD
///       passphrase: PARTNER_SFTP_KEY_PASSPHRASE
/// ```
///
/// Every problem is a `.config` error naming the key (`channels.NAME.options.delivery.host_key_sha256`) and its
/// line; a secret's value never appears in one.
public enum DeliveryConfig {
    /// The keys the block takes, relative to `delivery`.
    public static let keys: Set<String> = [
        "url", "inbox", "outbox", "archive", "quarantine", "host_key_sha256", "known_hosts", "ca_file", "minimum_age",
        "connect_timeout", "timeout", "credentials.user", "credentials.password", "credentials.private_key", "credentials.passphrase",
    ]

    /// The channel's delivery settings, or nil when its options have no `delivery` block.
    public static func settings(of channel: ChannelSettings, environment: [String: String]) throws -> FileDropSettings? {
        try parse(channel.options, environment: environment) { message, key in
            channel.configError(message, key: "options.delivery.\(key)")
        }
    }

    /// Reads the `delivery.*` keys of flattened `options`; `error` makes the `.config` error for a key relative to
    /// `delivery` (`url`, `credentials.user`). Nil when there is no such key.
    public static func parse(_ options: [String: ConfigValue], environment: [String: String],
                             error: (_ message: String, _ key: String) -> MarketSyncError) throws -> FileDropSettings? {
        var block: [String: ConfigValue] = [:]
        for (key, value) in options where key.hasPrefix("delivery.") {
            block[String(key.dropFirst("delivery.".count))] = value
        }
        guard !block.isEmpty else {
            if options["delivery"] != nil { throw error("must be a mapping with at least url", "") }
            return nil
        }
        if let unknown = block.keys.sorted().first(where: { !keys.contains($0) }) {
            throw error("unknown key (known: \(keys.sorted().joined(separator: ", ")))", unknown)
        }
        func text(_ key: String) -> String? {
            block[key].map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }

        guard let urlText = text("url") else { throw error("is required (sftp://host:port/path, ftp://…, ftps://… or file:///path)", "url") }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), ["file", "sftp", "ftp", "ftps"].contains(scheme) else {
            throw error("\"\(urlText)\" must be a file:///path, sftp://host:port/path, ftp://host/path or ftps://host/path URL", "url")
        }
        guard url.user == nil, url.password == nil else { throw error("must not hold a user or password; use credentials", "url") }
        guard scheme == "file" || url.host?.isEmpty == false else { throw error("\"\(urlText)\" has no host", "url") }
        guard url.query == nil, url.fragment == nil else { throw error("must not have a query or fragment", "url") }
        let remote = scheme != "file"

        var folders: [FileDropFolder: String] = [:]
        for folder in FileDropFolder.allCases {
            guard let path = text(folder.rawValue) else { continue }
            if let problem = folderProblem(path) { throw error("\"\(FileDropName.escaped(path))\" \(problem)", folder.rawValue) }
            folders[folder] = path
        }

        let hostKey = try hostKey(text("host_key_sha256"), text("known_hosts"), sftp: scheme == "sftp", error: error)
        let caFile = text("ca_file")
        if !remote || scheme == "sftp", caFile != nil { throw error("applies to ftp:// and ftps:// only", "ca_file") }
        let credentials = try credentials(block, environment: environment, scheme: scheme, error: error)

        func duration(_ key: String, _ fallback: Duration) throws -> Duration {
            guard let value = text(key) else { return fallback }
            switch DurationText.parse(value) {
            case let .success(duration): return duration
            case let .failure(problem): throw error("\"\(value)\" \(problem)", key)
            }
        }
        return FileDropSettings(url: url, folders: folders, hostKey: hostKey, caFile: caFile, credentials: credentials,
                                minimumAge: try duration("minimum_age", .zero), connectTimeout: try duration("connect_timeout", .seconds(10)),
                                timeout: try duration("timeout", .seconds(60)))
    }

    private static func hostKey(_ sha256: String?, _ knownHosts: String?, sftp: Bool,
                                error: (String, String) -> MarketSyncError) throws -> FileDropHostKey? {
        guard sftp else {
            if sha256 != nil { throw error("applies to sftp:// only", "host_key_sha256") }
            if knownHosts != nil { throw error("applies to sftp:// only", "known_hosts") }
            return nil
        }
        switch (sha256, knownHosts) {
        case (nil, nil):
            throw error("is required for sftp: the host key's SHA-256 fingerprint (ssh-keyscan -p PORT HOST | ssh-keygen -lf -), "
                        + "or known_hosts: a file holding the key", "host_key_sha256")
        case (.some, .some):
            throw error("give host_key_sha256 or known_hosts, not both", "known_hosts")
        case let (.some(text), nil):
            let key = FileDropHostKey.sha256(text)
            guard let fingerprint = key.fingerprint, fingerprint.count == 43,
                  let bytes = Data(base64Encoded: fingerprint + "="), bytes.count == 32 else {
                throw error("\"\(text)\" is not a SHA-256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints)",
                            "host_key_sha256")
            }
            return key
        case let (nil, .some(path)):
            guard FileManager.default.isReadableFile(atPath: path) else { throw error("\(path) cannot be read", "known_hosts") }
            return .knownHosts(path: path)
        }
    }

    private static func credentials(_ block: [String: ConfigValue], environment: [String: String], scheme: String,
                                    error: (String, String) -> MarketSyncError) throws -> FileDropCredentials? {
        let names = ["user", "password", "private_key", "passphrase"]
        let given = names.filter { block["credentials.\($0)"] != nil }
        guard scheme != "file" else {
            if let first = given.first { throw error("applies to sftp://, ftp:// and ftps:// only", "credentials.\(first)") }
            return nil
        }
        guard !given.isEmpty else {
            if scheme == "sftp" { throw error("is required for sftp (user, and password or private_key)", "credentials") }
            return nil
        }
        func secret(_ name: String) throws -> String? {
            guard let variable = block["credentials.\(name)"]?.text.trimmingCharacters(in: .whitespaces), !variable.isEmpty else { return nil }
            guard let value = environment[variable], !value.isEmpty else {
                throw error("environment variable \(variable) is not set", "credentials.\(name)")
            }
            return value
        }
        guard let user = try secret("user") else { throw error("is required with credentials (names an environment variable)", "credentials.user") }
        let password = try secret("password")
        let privateKey = try secret("private_key")
        let passphrase = try secret("passphrase")
        if password != nil && privateKey != nil { throw error("give password or private_key, not both", "credentials.private_key") }
        if privateKey != nil && scheme != "sftp" { throw error("applies to sftp:// only", "credentials.private_key") }
        if passphrase != nil && privateKey == nil { throw error("goes with private_key", "credentials.passphrase") }
        if password == nil && privateKey == nil && scheme == "sftp" {
            throw error("sftp needs password or private_key", "credentials.password")
        }
        if let privateKey, !FileManager.default.isReadableFile(atPath: privateKey) {
            throw error("the private key file its variable names cannot be read", "credentials.private_key")
        }
        return FileDropCredentials(user: user, password: password, privateKey: privateKey, passphrase: passphrase)
    }

    private static func folderProblem(_ path: String) -> String? {
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "contains a control character" }
        if path.contains("\"") || path.contains("\\") { return "contains a quote or a backslash" }
        if path.split(separator: "/").contains("..") { return "must not go up with .." }
        return nil
    }
}
