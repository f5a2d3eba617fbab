public import Foundation

/// Where and how files are exchanged with one partner: a channel's `delivery:` block, parsed once at the edge
/// (docs/delivery.md). The adapters take it; `MarketSyncWire` makes the `FileDrop` from it.
public struct FileDropSettings: Sendable, Hashable {
    /// The kind of drop a URL names.
    public enum Kind: String, Sendable, Hashable {
        /// A folder on this machine (`file:///srv/partner`).
        case local
        /// SFTP (`sftp://host:22/path`), host key always pinned.
        case sftp
        /// FTP with TLS required: explicit (`ftp://`, upgraded with `AUTH TLS`) or implicit (`ftps://`).
        case ftps
    }

    /// The base URL: `file:///path`, `sftp://host:port/path`, `ftp://host:port/path` (explicit TLS, required) or
    /// `ftps://host:port/path` (implicit TLS). Never holds a user or password (those come from `credentials`).
    public var url: URL
    /// Each folder by role: a path relative to the URL's path, or absolute (`/in`).
    public var folders: [FileDropFolder: String]
    /// The SFTP host's key, pinned (required for SFTP).
    public var hostKey: FileDropHostKey?
    /// A PEM file of the certificate authorities trusted for an FTPS server (a partner's self-signed certificate);
    /// the system's when nil.
    public var caFile: String?
    /// The login for SFTP and FTPS, from the environment.
    public var credentials: FileDropCredentials?
    /// A file of the outbox modified less than this long ago is left for the next poll (`minimum_age`, default 0:
    /// the partner renames finished files into place).
    public var minimumAge: Duration
    /// Longest wait for a connection (`connect_timeout`, default 10 s).
    public var connectTimeout: Duration
    /// Longest one transfer may take (`timeout`, default 60 s).
    public var timeout: Duration

    /// The folders' defaults, relative to the URL's path: `inbox`, `outbox`, `archive`, `quarantine`.
    public static let defaultFolders: [FileDropFolder: String] = [
        .inbox: "inbox", .outbox: "outbox", .archive: "archive", .quarantine: "quarantine",
    ]

    /// Settings as given; folders not given take their defaults.
    public init(url: URL, folders: [FileDropFolder: String] = [:], hostKey: FileDropHostKey? = nil, caFile: String? = nil,
                credentials: FileDropCredentials? = nil, minimumAge: Duration = .zero,
                connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60)) {
        self.url = url
        self.folders = Self.defaultFolders.merging(folders) { _, given in given }
        self.hostKey = hostKey
        self.caFile = caFile
        self.credentials = credentials
        self.minimumAge = minimumAge
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The drop's kind from the URL's scheme; nil for a scheme no drop speaks.
    public var kind: Kind? {
        switch url.scheme?.lowercased() {
        case "file": .local
        case "sftp": .sftp
        case "ftp", "ftps": .ftps
        default: nil
        }
    }

    /// The absolute path of `folder` (no trailing `/`): the folder's setting when it starts with `/`, else the
    /// URL's path joined with it.
    public func path(of folder: FileDropFolder) -> String {
        let setting = folders[folder] ?? Self.defaultFolders[folder] ?? folder.rawValue
        var path = setting.hasPrefix("/") ? setting : Self.join(url.path(percentEncoded: false), setting)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private static func join(_ base: String, _ relative: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return relative.isEmpty ? (trimmed.isEmpty ? "/" : trimmed) : "\(trimmed)/\(relative)"
    }
}
