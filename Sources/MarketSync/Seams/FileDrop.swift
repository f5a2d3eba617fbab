public import Foundation

/// A place files are exchanged with a trading partner (a retail chain): a folder on this machine, or one on the
/// partner's SFTP or FTPS server. Four folders, named by role (`FileDropFolder`): the partner's inbox (what we
/// deliver), the partner's outbox (what the partner leaves for us), and where a file of the outbox goes once it has
/// been dealt with (the archive) or found bad (the quarantine).
///
/// Contract:
/// - `write` is atomic for a reader of the folder: the bytes go under a temporary name (`FileDropName.temporary`,
///   a leading `.` and a trailing `.tmp`, which partners and `list` ignore) in the same folder and are renamed
///   once complete, then verified (the renamed file is there with the right size). It never replaces a different
///   file of the same name: that throws `.validation`. Writing the same bytes again under the same name succeeds
///   (a retry after a lost answer).
/// - `list` names the regular files of a folder, leaving out temporary names; names are as the folder gives
///   them, not yet checked (`FileDropName` checks them).
/// - `read` and `move` take a listed name and refuse one that could leave its folder (a `/`, `..`, a NUL): they
///   never touch anything outside the configured folders. `move` is a rename within the drop (on the partner's
///   server for SFTP and FTPS, on this machine for a local folder), so a file is never copied half-way, and it
///   never replaces a file at the destination.
/// - Failures are `MarketSyncError`: `.transport` (retryable) when the connection failed, `.unauthorized` when
///   the login was refused, `.peerUnverified` when an SFTP host did not match its pinned key or an FTPS
///   server's certificate did not verify, `.config` for a
///   missing pin or folder setting. No credential ever reaches a message or a log; implementations must honour
///   task cancellation.
public protocol FileDrop: Sendable {
    /// Where the drop is, for messages and logs: a URL with no user, password or query, or a local path.
    var location: String { get }
    /// Writes `contents` as `name` into `folder` atomically and verifies it.
    func write(_ contents: Data, named name: FileDropName, in folder: FileDropFolder) async throws
    /// The regular files of `folder`, temporary names left out, in no particular order.
    func list(_ folder: FileDropFolder) async throws -> [FileDropEntry]
    /// The bytes of the file listed as `name` in `folder`.
    func read(_ name: String, in folder: FileDropFolder) async throws -> Data
    /// Renames the file listed as `name` in `source` to `newName` in `destination`.
    func move(_ name: String, from source: FileDropFolder, to destination: FileDropFolder, as newName: FileDropName) async throws
}

extension FileDrop {
    /// Delivers a file into the partner's inbox (atomic, verified).
    public func put(_ contents: Data, named name: FileDropName) async throws {
        try await write(contents, named: name, in: .inbox)
    }

    /// The files the partner left in its outbox.
    public func listOutbox() async throws -> [FileDropEntry] {
        try await list(.outbox)
    }

    /// One file of the partner's outbox.
    public func fetch(_ name: String) async throws -> Data {
        try await read(name, in: .outbox)
    }
}

extension MarketSyncError.Code {
    /// The server is not who it should be: an SFTP host key that does not match its pin, an FTPS certificate that
    /// does not verify. Never retried: someone must look.
    public static let peerUnverified = MarketSyncError.Code("peer_unverified")
}
