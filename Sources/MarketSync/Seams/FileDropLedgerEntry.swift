public import Foundation

/// What became of one partner file.
public struct FileDropLedgerEntry: Sendable, Hashable {
    /// What was done with the file.
    public enum Outcome: Sendable, Hashable {
        /// Its contents were stored; it went to the archive.
        case stored
        /// It was bad; it went to the quarantine with this reason.
        case quarantined(reason: String)
    }

    /// SHA-256 of the contents, lowercase hex.
    public var sha256: String
    /// The name the partner gave it (escaped for display when hostile).
    public var name: String
    /// What was done with it.
    public var outcome: Outcome
    /// When it was recorded.
    public var recordedAt: Date

    /// An entry as given.
    public init(sha256: String, name: String, outcome: Outcome, recordedAt: Date) {
        self.sha256 = sha256
        self.name = name
        self.outcome = outcome
        self.recordedAt = recordedAt
    }
}
