internal import Foundation
internal import MarketSync

/// One SFTP or FTPS operation for a worker's easy handle: a transfer (upload, download, listing, stat) or only
/// commands, with the commands libcurl sends before (`quote`) and after (`postQuote`) it.
struct CurlFileOperation: Sendable {
    /// What the transfer does.
    enum Action: Sendable {
        /// Upload these bytes to the URL (missing folders created when `createMissingDirectories`).
        case upload(Data)
        /// Download the file at the URL.
        case download
        /// List the folder at the URL (ending in `/`): names only, or the server's long lines (`ls -l` style).
        case list(namesOnly: Bool)
        /// No transfer: the file's size and modification time (SFTP stat, FTP `SIZE` and `MDTM`).
        case stat
        /// No transfer: only the quote commands, run in the URL's folder.
        case commands
    }

    /// The file or folder (`/`-terminated); it never carries credentials.
    var url: URL
    /// What to do.
    var action: Action
    /// Commands sent before the transfer (SFTP: `rename "a" "b"`, `mkdir`; FTP: `RNFR`, `MKD`); a leading `*`
    /// lets one fail without failing the operation.
    var quote: [String] = []
    /// Commands sent after a successful transfer.
    var postQuote: [String] = []
    /// Login, host key pin and trusted certificates.
    var access: CurlFileAccess
    /// Whether an upload creates missing folders on its way.
    var createMissingDirectories = false
}

/// How a file operation logs in and checks who it talks to.
struct CurlFileAccess: Sendable {
    /// The login; an anonymous FTP login when nil.
    var credentials: FileDropCredentials?
    /// The SFTP host key pin; an SFTP operation without one is refused.
    var hostKey: FileDropHostKey?
    /// Trusted certificate authorities (PEM) for FTPS; the system's when nil.
    var caFile: String?
}

/// What a file operation brought back.
struct CurlFileResult: Sendable {
    /// The downloaded file or the listing.
    var body: Data
    /// The file's size when the server said (stat), else nil.
    var size: Int64?
    /// The file's modification time when the server said (stat), else nil.
    var modified: Date?
}
