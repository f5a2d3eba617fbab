public import Foundation

/// A file made for a partner and kept before it is delivered, under the key of what it answers (`ORDRSP PO-88001`,
/// `997 <digest of the file acknowledged>`), so that sending the same answer again delivers the same bytes under the
/// same name, control numbers included, instead of a second document with new ones.
public struct OutgoingFile: Sendable, Hashable {
    /// What the file answers, unique per channel.
    public var key: String
    /// The name it is delivered under.
    public var name: FileDropName
    /// Its bytes.
    public var contents: Data
    /// When it was made.
    public var createdAt: Date
    /// When it was first delivered; nil until then.
    public var deliveredAt: Date?

    /// A file as made; not yet delivered unless given.
    public init(key: String, name: FileDropName, contents: Data, createdAt: Date, deliveredAt: Date? = nil) {
        self.key = key
        self.name = name
        self.contents = contents
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
