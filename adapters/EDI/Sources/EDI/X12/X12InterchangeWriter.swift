public import MarketSync

/// Writes an X12 interchange: the fixed-width `ISA` (106 characters with its terminator), each group between
/// `GS` and `GE` (with the count of its sets and its control number repeated), each set between `ST` and `SE`
/// (with the count of its segments, `ST` and `SE` included, and its control number repeated), and `IEA` with
/// the count of groups and `ISA13` repeated. Counts are computed here, never given.
///
/// X12 cannot escape a delimiter, so a value holding one (or any character outside printable ASCII) is an
/// `edi_syntax` error naming the segment and element, never written.
public struct X12InterchangeWriter: Sendable {
    /// The delimiters written.
    public let separators: X12Separators
    /// The channel errors name.
    public let channel: ChannelID?

    /// A writer for `separators`.
    public init(separators: X12Separators = .standard, channel: ChannelID? = nil) {
        self.separators = separators
        self.channel = channel
    }

    /// The interchange as text.
    public func text(header: X12InterchangeHeader, groups: [X12FunctionalGroup]) throws -> String {
        var texts = [try isa(header)]
        func write(_ segment: EDISegment) throws {
            texts.append(try self.segment(segment, number: texts.count + 1))
        }
        for group in groups {
            let gs = group.header
            try checkControl(gs.controlNumber, digits: 9, key: "GS06")
            try write(EDISegment("GS", [gs.functionalID], [gs.applicationSender], [gs.applicationReceiver], [gs.date], [gs.time],
                                 [String(gs.controlNumber)], [gs.agency], [gs.version]))
            for set in group.transactionSets {
                guard (4...9).contains(set.controlNumber.count), set.controlNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw EDIFailure.error(.ediControl, "a transaction set control number must be 4 to 9 digits",
                                           at: .init(segment: texts.count + 1, key: "ST02"), channel: channel)
                }
                try write(EDISegment("ST", [set.identifier], [set.controlNumber]))
                for segment in set.segments {
                    if ["ISA", "GS", "ST", "SE", "GE", "IEA"].contains(segment.tag) {
                        throw EDIFailure.error(.ediSyntax, "a transaction set cannot hold the envelope segment \(segment.tag)",
                                               at: .init(segment: texts.count + 1, key: segment.tag), channel: channel)
                    }
                    try write(segment)
                }
                try write(EDISegment("SE", [String(set.segments.count + 2)], [set.controlNumber]))
            }
            try write(EDISegment("GE", [String(group.transactionSets.count)], [String(gs.controlNumber)]))
        }
        try write(EDISegment("IEA", [String(groups.count)], [Self.pad(String(header.controlNumber), to: 9, with: "0", left: true)]))
        let separator = separators.lineBreakAfterSegment ? "\n" : ""
        return texts.joined(separator: separator) + separator
    }

    /// The interchange as ASCII bytes.
    public func bytes(header: X12InterchangeHeader, groups: [X12FunctionalGroup]) throws -> [UInt8] {
        Array(try text(header: header, groups: groups).utf8)
    }

    /// The `ISA` segment, 106 characters with its terminator.
    func isa(_ header: X12InterchangeHeader) throws -> String {
        try checkControl(header.controlNumber, digits: 9, key: "ISA13")
        let fields: [(value: String, width: Int, key: String, exact: Bool)] = [
            (header.authorizationQualifier, 2, "ISA01", true), (header.authorization, 10, "ISA02", false),
            (header.securityQualifier, 2, "ISA03", true), (header.security, 10, "ISA04", false),
            (header.senderQualifier, 2, "ISA05", true), (header.senderID, 15, "ISA06", false),
            (header.receiverQualifier, 2, "ISA07", true), (header.receiverID, 15, "ISA08", false),
            (header.date, 6, "ISA09", true), (header.time, 4, "ISA10", true),
            (header.standardsIdentifier, 1, "ISA11", true), (header.version, 5, "ISA12", true),
        ]
        var text = "ISA"
        for field in fields {
            guard field.exact ? field.value.count == field.width : field.value.count <= field.width else {
                throw EDIFailure.error(.ediSyntax, "the value must have \(field.exact ? "exactly" : "at most") \(field.width) characters, not \(field.value.count)",
                                       at: .init(segment: 1, key: field.key), channel: channel)
            }
            try checkValue(field.value, number: 1, key: field.key)
            text.append(separators.element)
            text += Self.pad(field.value, to: field.width, with: " ", left: false)
        }
        text.append(separators.element)
        text += Self.pad(String(header.controlNumber), to: 9, with: "0", left: true)
        text.append(separators.element)
        text += header.acknowledgmentRequested ? "1" : "0"
        text.append(separators.element)
        text += header.usage.rawValue
        text.append(separators.element)
        text.append(separators.component)
        text.append(separators.segmentTerminator)
        return text
    }

    private func segment(_ segment: EDISegment, number: Int) throws -> String {
        guard (2...3).contains(segment.tag.utf8.count),
              segment.tag.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) else {
            throw EDIFailure.error(.ediSyntax, "'\(EDIFailure.excerpt(segment.tag))' is not an X12 segment tag",
                                   at: .init(segment: number, key: nil), channel: channel)
        }
        var text = segment.tag
        for (position, components) in segment.trimmed.elements.enumerated() {
            let key = segment.tag + (position < 9 ? "0" : "") + String(position + 1)
            text.append(separators.element)
            for (index, component) in components.enumerated() {
                if index > 0 { text.append(separators.component) }
                try checkValue(component, number: number, key: key)
                text += component
            }
        }
        text.append(separators.segmentTerminator)
        return text
    }

    private func checkValue(_ value: String, number: Int, key: String) throws {
        for character in value {
            if separators.isDelimiter(character) {
                throw EDIFailure.error(.ediSyntax, "the value holds the delimiter '\(character)', which X12 cannot escape",
                                       at: .init(segment: number, key: key), channel: channel)
            }
            guard let ascii = character.asciiValue, (0x20...0x7E).contains(ascii) else {
                throw EDIFailure.error(.ediSyntax, "the value holds a character outside printable ASCII",
                                       at: .init(segment: number, key: key), channel: channel)
            }
        }
    }

    private func checkControl(_ number: Int, digits: Int, key: String) throws {
        guard number >= 0, String(number).count <= digits else {
            throw EDIFailure.error(.ediControl, "a control number must have at most \(digits) digits", at: .init(key: key),
                                   channel: channel)
        }
    }

    static func pad(_ value: String, to width: Int, with filler: Character, left: Bool) -> String {
        let padding = String(repeating: filler, count: max(0, width - value.count))
        return left ? padding + value : value + padding
    }
}
