public import Foundation

/// A file as a folder listing gives it.
public struct FileDropEntry: Sendable, Hashable, CustomStringConvertible {
    /// The name as the folder gave it, unchecked: it may be hostile (`FileDropName` checks it).
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// When it was last modified, when the folder says (to the second).
    public var modified: Date?

    /// An entry as listed.
    public init(name: String, size: Int64, modified: Date?) {
        self.name = name
        self.size = size
        self.modified = modified
    }

    /// `name (size bytes)`, the name escaped so a control character cannot garble a log line.
    public var description: String { "\(FileDropName.escaped(name)) (\(size) bytes)" }
}
