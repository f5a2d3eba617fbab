public import Foundation

/// One row of the store's inbound file ledger, as `SQLiteStore.inboundFiles(of:)` reads it.
public struct InboundFileRecord: Sendable, Hashable {
    /// Where the file stands.
    public enum State: String, Sendable, Hashable {
        /// Handed out, nothing decided yet.
        case received
        /// Its contents are stored; not yet moved.
        case stored
        /// Stored and moved to the archive.
        case archived
        /// Bad: recorded with its reason (and moved to the quarantine when `movedAt` is set).
        case quarantined
    }

    /// SHA-256 of the contents, lowercase hex.
    public var sha256: String
    /// The partner's name for it.
    public var name: String
    /// Where it stands.
    public var state: State
    /// Why it was quarantined.
    public var reason: String?
    /// When it was first handed out.
    public var receivedAt: Date?
    /// When its outcome was recorded.
    public var recordedAt: Date?
    /// When it was moved to the archive or the quarantine.
    public var movedAt: Date?

    /// A row as read.
    public init(sha256: String, name: String, state: State, reason: String?, receivedAt: Date?, recordedAt: Date?, movedAt: Date?) {
        self.sha256 = sha256
        self.name = name
        self.state = state
        self.reason = reason
        self.receivedAt = receivedAt
        self.recordedAt = recordedAt
        self.movedAt = movedAt
    }
}
