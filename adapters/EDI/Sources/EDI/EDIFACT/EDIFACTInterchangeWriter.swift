public import MarketSync

/// Writes an interchange: `UNA`, `UNB`, each message between `UNH` and `UNT` (with the count of its segments,
/// `UNH` and `UNT` included, and its reference repeated), and `UNZ` with the message count and the interchange
/// reference repeated. The counts are computed here, never given, so they cannot disagree.
public struct EDIFACTInterchangeWriter: Sendable {
    /// The service characters written (and announced in `UNA`).
    public let characters: EDIFACTServiceCharacters
    /// The channel errors name.
    public let channel: ChannelID?

    /// A writer for `characters`.
    public init(characters: EDIFACTServiceCharacters = .standard, channel: ChannelID? = nil) {
        self.characters = characters
        self.channel = channel
    }

    /// The interchange as text, one segment per line after `UNA` when `lineBreaks` (a reading aid partners
    /// tolerate; off by default).
    public func text(header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage], lineBreaks: Bool = false) throws -> String {
        try segmentTexts(header: header, messages: messages).joined(separator: lineBreaks ? "\n" : "")
    }

    /// The interchange as bytes in the header's character set. Throws `edi_syntax` naming the segment (number
    /// and tag) when a value holds a character the character set cannot carry (a Cyrillic name in `UNOC`), and
    /// `edi_control` when a reference is empty or longer than 14 characters.
    public func bytes(header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage]) throws -> [UInt8] {
        var output: [UInt8] = []
        for (index, text) in try segmentTexts(header: header, messages: messages).enumerated() {
            guard let encoded = header.characterSet.encode(text) else {
                let tag = index == 0 ? "UNA" : String(text.prefix(3))
                throw EDIFailure.error(.ediSyntax, "a value holds a character \(header.characterSet.rawValue) cannot carry",
                                       at: .init(segment: index == 0 ? nil : index, key: tag), channel: channel)
            }
            output += encoded
        }
        return output
    }

    private func segmentTexts(header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage]) throws -> [String] {
        try checkReference(header.reference, key: "UNB05")
        let writer = EDIFACTSegmentWriter(characters: characters)
        var texts = [characters.serviceStringAdvice]
        func write(_ segment: EDISegment) throws {
            do {
                texts.append(try writer.text(of: segment))
            } catch let error as MarketSyncError {
                throw EDIFailure.error(error.code, error.message, at: .init(segment: texts.count, key: segment.tag), channel: channel)
            }
        }
        try write(header.segment)
        for message in messages {
            try checkReference(message.reference, key: "UNH01")
            try write(EDISegment(tag: "UNH", elements: [[message.reference], message.identifier.components]))
            for segment in message.segments {
                if ["UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"].contains(segment.tag) {
                    throw EDIFailure.error(.ediSyntax, "a message body cannot hold the service segment \(segment.tag)",
                                           at: .init(segment: texts.count, key: segment.tag), channel: channel)
                }
                try write(segment)
            }
            try write(EDISegment("UNT", [String(message.segments.count + 2)], [message.reference]))
        }
        try write(EDISegment("UNZ", [String(messages.count)], [header.reference]))
        return texts
    }

    private func checkReference(_ reference: String, key: String) throws {
        guard !reference.isEmpty, reference.count <= 14 else {
            throw EDIFailure.error(.ediControl, "a control reference must have 1 to 14 characters, not \(reference.count)",
                                   at: .init(key: key), channel: channel)
        }
    }
}
