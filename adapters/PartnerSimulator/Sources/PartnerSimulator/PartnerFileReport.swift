/// One file of the inbox as the simulator reported it: read (with what it held) and moved to `read/`, or not read and
/// why.
public struct PartnerFileReport: Sendable, Hashable, Encodable {
    /// The file's name in the inbox (escaped when it holds control characters).
    public var name: String
    /// The message types it held (`INVRPT`, `846,997`, `stock sheet`); empty when it could not be read.
    public var messageType: String
    /// The lines of its messages.
    public var lines: Int
    /// The answers to the chain's orders it held.
    public var answers: [PartnerAnswer]
    /// What its 997s said, one text a group.
    public var acknowledgements: [String]
    /// Why it could not be read, when it could not.
    public var problem: String?
    /// What else a person should know (a second copy of a file already read).
    public var note: String?
    /// Where it went: `read/NAME`, `unreadable/NAME`, or nil when it was left in place.
    public var movedTo: String?

    /// A report as made.
    public init(name: String, messageType: String, lines: Int, answers: [PartnerAnswer] = [], acknowledgements: [String] = [],
                problem: String? = nil, note: String? = nil, movedTo: String? = nil) {
        self.name = name
        self.messageType = messageType
        self.lines = lines
        self.answers = answers
        self.acknowledgements = acknowledgements
        self.problem = problem
        self.note = note
        self.movedTo = movedTo
    }

    /// Whether the file was read.
    public var isRead: Bool { problem == nil }

    /// One line for a person: `NAME  TYPE  N lines[  order X: line 1 accepted, …]`, or `NAME  not read: WHY`.
    public var text: String {
        if let problem { return "\(name)  not read: \(problem)" }
        if let note { return "\(name)  \(note)" }
        var parts = ["\(name)  \(messageType)  \(lines) line\(lines == 1 ? "" : "s")"]
        for answer in answers {
            let detail = answer.lines.isEmpty
                ? "every line \(answer.decision == .accepted ? "accepted" : "refused")"
                : answer.lines.map { line in
                    "line \(line.line) \(line.accepted ? "accepted" : "refused")" + (line.quantity.map { " (\($0))" } ?? "")
                }.joined(separator: ", ")
            parts.append("order \(answer.orderNumber) \(answer.decision.rawValue): \(detail)")
        }
        parts += acknowledgements.map { "acknowledged \($0)" }
        return parts.joined(separator: "  ")
    }
}
