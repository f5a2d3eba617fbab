public import Foundation

/// A new file of the partner's outbox, read and handed to the caller: parse it, store what it holds, then
/// `FileDropInbox.settle` it (archived) or `reject` it (quarantined). Until then it stays in the outbox.
public struct FileDropInboundFile: Sendable, Hashable {
    /// Its checked name.
    public var name: FileDropName
    /// Its contents.
    public var contents: Data
    /// SHA-256 of `contents`, lowercase hex: its identity in the ledger.
    public var sha256: String
    /// When the partner last modified it, when the folder says.
    public var modified: Date?

    /// A file as read.
    public init(name: FileDropName, contents: Data, sha256: String, modified: Date?) {
        self.name = name
        self.contents = contents
        self.sha256 = sha256
        self.modified = modified
    }

    /// The token an adapter returns with the orders it read from this file (`OrderPage.settlement`), and hands
    /// to `FileDropInbox.settle(_:)` once they are stored: the digest and the name.
    public var settlement: OrderSettlement { OrderSettlement("\(sha256) \(name.value)") }
}
