/// The four folders of a `FileDrop`, by role.
public enum FileDropFolder: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Where we deliver files for the partner (the partner reads it).
    case inbox
    /// Where the partner leaves files for us (we read it).
    case outbox
    /// Where a file of the outbox goes once its contents are stored.
    case archive
    /// Where a file of the outbox goes when it is bad, with a `.reason.txt` beside it; nothing is ever deleted.
    case quarantine

    /// The role's name (`outbox`), as in the config's `delivery:` block.
    public var description: String { rawValue }
}
