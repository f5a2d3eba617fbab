/// What one `FileDropInbox.poll` found.
public struct FileDropPoll: Sendable {
    /// New files, oldest first, for the caller to store and settle (or reject).
    public var files: [FileDropInboundFile]
    /// Files dealt with on the way without being handed out (duplicates, hostile names), each with why.
    public var setAside: [FileDropSetAside]

    /// A poll's result.
    public init(files: [FileDropInboundFile], setAside: [FileDropSetAside]) {
        self.files = files
        self.setAside = setAside
    }
}

/// A file of the partner's outbox the inbox dealt with by itself.
public struct FileDropSetAside: Sendable {
    /// What was done with it.
    public enum Action: Sendable, Hashable {
        /// Same contents as a file already stored: moved to the archive unread.
        case archivedDuplicate
        /// Moved to the quarantine with a `.reason.txt` (a hostile name, or the contents of a file quarantined before).
        case quarantined
        /// A name no rename can take safely (a `/`, a control character): left where it is, reported each poll.
        case leftInPlace
    }

    /// The name as listed (may be hostile; `FileDropName.escaped` it before printing).
    public var name: String
    /// What was done.
    public var action: Action
    /// Why, as an error naming the channel and the file (`.validation`), fit for a log or a report.
    public var error: MarketSyncError

    /// A set-aside file.
    public init(name: String, action: Action, error: MarketSyncError) {
        self.name = name
        self.action = action
        self.error = error
    }
}
