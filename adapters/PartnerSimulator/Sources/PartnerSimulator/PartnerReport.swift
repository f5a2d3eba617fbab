import Foundation
public import MarketSync

/// What one pass of the simulator did: each inbox file read (or not), and the order it wrote.
public struct PartnerReport: Sendable, Hashable, Encodable {
    /// The channel simulated.
    public var channel: String
    /// The inbox's files, in the order they were read.
    public var files: [PartnerFileReport]
    /// The order written into the outbox, when one was asked for.
    public var order: PartnerWrittenOrder?

    /// A report as made.
    public init(channel: ChannelID, files: [PartnerFileReport], order: PartnerWrittenOrder?) {
        self.channel = channel.rawValue
        self.files = files
        self.order = order
    }

    /// 0 when every file was read, 1 when one could not be (the command's exit status; a config problem is 2 and
    /// never gets this far).
    public var exitStatus: Int32 {
        files.allSatisfy(\.isRead) ? 0 : 1
    }

    /// The lines a person reads: one per file, then the order written, then a count when nothing was there.
    public var text: String {
        var lines = files.map(\.text)
        if files.isEmpty { lines.append("\(channel): no file of ours in the inbox") }
        if let order { lines.append(order.text) }
        return lines.joined(separator: "\n")
    }

    /// The report as one JSON object (keys in snake case, sorted), plus `exit_status`.
    public func json() throws -> String {
        struct Document: Encodable {
            var report: PartnerReport
            var exitStatus: Int32
            func encode(to encoder: any Encoder) throws {
                try report.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(exitStatus, forKey: Key(stringValue: "exitStatus"))
            }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(report: self, exitStatus: exitStatus)), as: UTF8.self)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
