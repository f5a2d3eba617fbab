internal import Foundation
public import MarketSync

/// Makes the `FileDrop` a channel's `delivery:` settings describe: the one place that knows every kind.
public enum FileDrops {
    /// A `LocalFolderDrop` for `file://`, a `CurlFileDrop` for `sftp://`, `ftp://` (explicit TLS) and `ftps://`
    /// (implicit TLS). Throws `.config` naming the key for an unknown scheme, an unpinned SFTP host or a missing login.
    public static func make(_ settings: FileDropSettings) throws -> any FileDrop {
        switch settings.kind {
        case .local: try LocalFolderDrop(settings: settings)
        case .sftp, .ftps: try CurlFileDrop(settings: settings)
        case nil:
            throw MarketSyncError(.config, "unsupported delivery URL scheme '\(settings.url.scheme ?? "")': use file, sftp, ftp or ftps",
                                  key: "delivery.url")
        }
    }
}
