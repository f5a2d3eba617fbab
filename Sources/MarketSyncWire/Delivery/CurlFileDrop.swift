public import Foundation
public import MarketSync

/// A `FileDrop` on a partner's SFTP or FTPS server, through libcurl.
///
/// - **Upload**: to `.NAME.tmp` in the folder (missing folders created), then renamed to `NAME` by a command
///   libcurl sends after the transfer (SFTP `rename`, FTP `RNFR`/`RNTO`), so the partner never sees a partial
///   file. Before, the name is looked up: the same bytes already there count as delivered (a retry), different
///   bytes are never replaced (`.validation`). After, the upload is **verified**: the file's size is read back
///   from the server, and a file of at most `verifyContentsUpTo` bytes (1 MiB) is downloaded and compared byte
///   for byte. A failed rename removes the temporary file.
/// - **Listing**: SFTP lists the folder with the server's `ls -l` lines (regular files only), FTPS with `NLST`;
///   each file is then asked for its size and modification time (SFTP stat, FTP `SIZE` and `MDTM`).
/// - **Archive and quarantine** are renames on the partner's server (the folder is created when missing, one
///   level), so nothing is copied and the partner sees where each file went.
/// - **Security**: an SFTP host key is always pinned (fingerprint or `known_hosts`; none is a `.config` error);
///   FTPS requires TLS on the control and data connections and verifies the certificate (a CA file for a
///   self-signed partner). Credentials go to libcurl only: never into a URL, a message or a log.
///
/// Transfers run one at a time on a dedicated thread whose connection libcurl keeps open between operations.
public final class CurlFileDrop: FileDrop {
    private let settings: FileDropSettings
    private let access: CurlFileAccess
    private let pool: CurlWorkerPool
    private let isSFTP: Bool
    /// Files up to this size are read back and compared after an upload; larger ones have their size checked.
    public let verifyContentsUpTo: Int

    /// A drop over `settings` (an `sftp://`, `ftp://` or `ftps://` URL). Throws `.config` naming the key when the
    /// SFTP host key is not pinned, the login is missing, or the URL carries a user or password.
    public init(settings: FileDropSettings, verifyContentsUpTo: Int = 1 << 20) throws {
        guard let kind = settings.kind, kind != .local else {
            throw MarketSyncError(.config, "a remote drop needs an sftp://, ftp:// or ftps:// URL", key: "delivery.url")
        }
        guard settings.url.user == nil, settings.url.password == nil else {
            throw MarketSyncError(.config, "the URL must not hold a user or password; use credentials", key: "delivery.url")
        }
        guard settings.url.host?.isEmpty == false else {
            throw MarketSyncError(.config, "the URL has no host", key: "delivery.url")
        }
        if kind == .sftp && settings.hostKey == nil {
            throw MarketSyncError(.config, "an sftp drop must pin the host key: set host_key_sha256 (ssh-keyscan | ssh-keygen -lf -) or known_hosts",
                                  key: "delivery.host_key_sha256")
        }
        if kind == .sftp && settings.credentials == nil {
            throw MarketSyncError(.config, "an sftp drop needs credentials (user and password or private_key)", key: "delivery.credentials")
        }
        self.settings = settings
        self.isSFTP = kind == .sftp
        self.verifyContentsUpTo = verifyContentsUpTo
        access = CurlFileAccess(credentials: settings.credentials, hostKey: settings.hostKey, caFile: settings.caFile)
        pool = CurlWorkerPool(options: CurlTransport.Options(connectTimeout: settings.connectTimeout, timeout: settings.timeout,
                                                             caFile: settings.caFile, maxConcurrentTransfers: 1))
    }

    deinit {
        pool.close()
    }

    /// `scheme://host:port/path`, no credentials.
    public var location: String { settings.url.redactedForLogs }

    // MARK: FileDrop

    /// Uploads under the temporary name, renames, verifies (see the type's description).
    public func write(_ contents: Data, named name: FileDropName, in folder: FileDropFolder) async throws {
        let directory = settings.path(of: folder)
        let target = "\(directory)/\(name.value)"
        if let existing = try await stat(target, name: name.value, folder: folder) {
            var same = existing.size == nil || existing.size == Int64(contents.count)
            if same {
                same = try await run(CurlFileOperation(url: url(target), action: .download, access: access), "reading", name.value, folder).body == contents
            }
            guard same else {
                throw MarketSyncError(.validation, "\(folder) of \(location) already holds a different \(name); not replaced", key: "file \(name)")
            }
            return
        }
        let temporary = "\(directory)/\(name.temporary)"
        let upload = CurlFileOperation(url: url(temporary), action: .upload(contents), postQuote: renameCommands(temporary, target),
                                       access: access, createMissingDirectories: true)
        do {
            _ = try await run(upload, "uploading", name.value, folder)
        } catch {
            let cleanup = CurlFileOperation(url: url(directory + "/"), action: .commands, quote: [removeCommand(temporary)], access: access)
            _ = try? await run(cleanup, "removing the temporary file of", name.value, folder)
            throw error
        }
        try await verify(contents, at: target, name: name, folder: folder)
    }

    /// The folder's regular files with their sizes and modification times, temporary names left out.
    public func list(_ folder: FileDropFolder) async throws -> [FileDropEntry] {
        let directory = settings.path(of: folder)
        let listing = try await run(CurlFileOperation(url: url(directory + "/"), action: .list(namesOnly: !isSFTP), access: access),
                                    "listing", nil, folder)
        let text = String(decoding: listing.body, as: UTF8.self)
        var entries: [FileDropEntry] = []
        if isSFTP {
            for line in SFTPListing.regularFiles(in: text) where !FileDropName.isTemporary(line.name) {
                // The listing's size is exact; its time is to the minute at best, so stat gives the second.
                let modified = FileDropName.isMovable(line.name)
                    ? try await stat("\(directory)/\(line.name)", name: line.name, folder: folder)?.modified : nil
                entries.append(FileDropEntry(name: line.name, size: line.size, modified: modified))
            }
        } else {
            for name in SFTPListing.names(in: text) where !FileDropName.isTemporary(name) {
                // A name with a control character cannot go into an FTP command: listed, for the inbox to report.
                guard FileDropName.isMovable(name) else {
                    entries.append(FileDropEntry(name: name, size: 0, modified: nil))
                    continue
                }
                // A folder has no size (FTP SIZE fails): what stat cannot find is not a file.
                guard let found = try await stat("\(directory)/\(name)", name: name, folder: folder), let size = found.size else { continue }
                entries.append(FileDropEntry(name: name, size: size, modified: found.modified))
            }
        }
        return entries
    }

    /// Downloads the file; refuses a name that could leave the folder.
    public func read(_ name: String, in folder: FileDropFolder) async throws -> Data {
        try requireMovable(name, folder)
        let path = "\(settings.path(of: folder))/\(name)"
        return try await run(CurlFileOperation(url: url(path), action: .download, access: access), "reading", name, folder).body
    }

    /// Renames the file on the server into `destination` (created when missing), refusing to replace a file there.
    public func move(_ name: String, from source: FileDropFolder, to destination: FileDropFolder, as newName: FileDropName) async throws {
        try requireMovable(name, source)
        let sourceDirectory = settings.path(of: source)
        let directory = settings.path(of: destination)
        let target = "\(directory)/\(newName.value)"
        if try await stat(target, name: newName.value, folder: destination) != nil {
            throw MarketSyncError(.validation, "\(destination) of \(location) already holds \(newName); \(FileDropName.escaped(name)) not moved",
                                  key: "file \(newName)")
        }
        let commands = [makeDirectoryCommand(directory)] + renameCommands("\(sourceDirectory)/\(name)", target)
        _ = try await run(CurlFileOperation(url: url(sourceDirectory + "/"), action: .commands, quote: commands, access: access),
                          "moving", name, source)
    }

    // MARK: Helpers

    private func verify(_ contents: Data, at path: String, name: FileDropName, folder: FileDropFolder) async throws {
        let found = try await stat(path, name: name.value, folder: folder)
        guard let found, found.size == nil || found.size == Int64(contents.count) else {
            throw MarketSyncError(.protocolViolation, "\(name) in \(folder) of \(location) has \(found?.size.map { "\($0) bytes" } ?? "gone") "
                                  + "after uploading \(contents.count) bytes", key: "file \(name)")
        }
        guard contents.count <= verifyContentsUpTo || found.size == nil else { return }
        let back = try await run(CurlFileOperation(url: url(path), action: .download, access: access), "reading back", name.value, folder).body
        guard back == contents else {
            throw MarketSyncError(.protocolViolation, "\(name) in \(folder) of \(location) reads back \(back.count) bytes that differ from the "
                                  + "\(contents.count) uploaded", key: "file \(name)")
        }
    }

    /// The file's size and time, nil when the server has no such file.
    private func stat(_ path: String, name: String, folder: FileDropFolder) async throws -> CurlFileResult? {
        do {
            return try await pool.run { [access, url = url(path)] easy, cancel in
                try easy.perform(CurlFileOperation(url: url, action: .stat, access: access), cancel: cancel)
            }
        } catch let error as CurlError where error.code == Self.remoteFileNotFound || (!isSFTP && error.code == Self.remoteAccessDenied) {
            // FTP answers a missing folder on the way with a refused CWD: the file is not there either. A real
            // permission problem shows on the upload or rename that follows.
            return nil
        } catch {
            throw failure(error, "looking up", name, folder)
        }
    }

    private func run(_ operation: CurlFileOperation, _ doing: String, _ name: String?, _ folder: FileDropFolder) async throws -> CurlFileResult {
        do {
            return try await pool.run { easy, cancel in try easy.perform(operation, cancel: cancel) }
        } catch {
            throw failure(error, doing, name, folder)
        }
    }

    private func failure(_ error: any Error, _ doing: String, _ name: String?, _ folder: FileDropFolder) -> any Error {
        guard let curl = error as? CurlError else { return error }
        let subject = name.map { "\(doing) \(FileDropName.escaped($0)) in \(folder)" } ?? "\(doing) \(folder)"
        let message = "\(subject) at \(location) failed: \(curl.description)"
        let key = name.map { "file \(FileDropName.escaped($0))" }
        let code: MarketSyncError.Code = switch curl.code {
        case Self.loginDenied: .unauthorized
        case Self.peerFailedVerification: .peerUnverified
        case Self.useSSLFailed: .config
        case Self.remoteFileNotFound, Self.remoteAccessDenied, Self.quoteError, Self.uploadFailed: .validation
        default: .transport
        }
        return MarketSyncError(code, message, key: key, underlying: curl)
    }

    private func requireMovable(_ name: String, _ folder: FileDropFolder) throws {
        guard FileDropName.isMovable(name) else {
            throw MarketSyncError(.validation, "file name \"\(FileDropName.escaped(name))\" could leave the \(folder) folder; refused",
                                  key: "file \(FileDropName.escaped(name))")
        }
    }

    private func renameCommands(_ from: String, _ to: String) -> [String] {
        isSFTP ? ["rename \(Self.quoted(from)) \(Self.quoted(to))"] : ["RNFR \(from)", "RNTO \(to)"]
    }

    private func removeCommand(_ path: String) -> String {
        isSFTP ? "*rm \(Self.quoted(path))" : "*DELE \(path)"
    }

    private func makeDirectoryCommand(_ path: String) -> String {
        isSFTP ? "*mkdir \(Self.quoted(path))" : "*MKD \(path)"
    }

    /// A path as libcurl's SFTP commands read one: in double quotes, a backslash and a quote escaped. (An FTP
    /// command takes the rest of its line as is; the names that reach one have no line break.)
    static func quoted(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The URL of an absolute server path: each segment percent-encoded; an FTP path starts at the server's
    /// root (`%2F`), not the login folder; an SFTP `/~/` stays the home folder.
    private func url(_ path: String) -> URL {
        var components = URLComponents()
        components.scheme = settings.url.scheme
        components.host = settings.url.host
        components.port = settings.url.port
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { segment in
            segment == "~" ? "~" : String(segment).addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? ""
        }
        let encoded = segments.joined(separator: "/")
        components.percentEncodedPath = isSFTP ? "/" + encoded : "/%2F" + encoded
        return components.url ?? settings.url
    }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#%"))

    // libcurl's CURLcode values the drop tells apart.
    private static let remoteAccessDenied = 9
    private static let quoteError = 21
    private static let uploadFailed = 25
    private static let peerFailedVerification = 60
    private static let useSSLFailed = 64
    private static let loginDenied = 67
    private static let remoteFileNotFound = 78
}
