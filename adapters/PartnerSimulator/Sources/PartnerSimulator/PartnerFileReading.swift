/// What the chain made of one file of ours: the messages in it, how many lines, the answers to its orders and what
/// its acknowledgements said.
public struct PartnerFileReading: Sendable, Hashable {
    /// The message types in the file, in order, each once (`INVRPT`, `846`, `stock sheet`).
    public var messageTypes: [String]
    /// The lines of all its messages.
    public var lines: Int
    /// The answers to the chain's orders (ORDRSP, 855, order response sheet).
    public var answers: [PartnerAnswer]
    /// What 997s in the file said, one text a group (`PO group 555: A`).
    public var acknowledgements: [String]

    /// A reading as made.
    public init(messageTypes: [String], lines: Int, answers: [PartnerAnswer] = [], acknowledgements: [String] = []) {
        self.messageTypes = messageTypes
        self.lines = lines
        self.answers = answers
        self.acknowledgements = acknowledgements
    }

    /// `types` in first-seen order, each once.
    static func distinct(_ types: [String]) -> [String] {
        var seen: Set<String> = []
        return types.filter { seen.insert($0).inserted }
    }
}
