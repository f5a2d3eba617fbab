public import MarketSync

/// Reads an EDIFACT interchange, fed in chunks of any size, and checks its envelope as it goes: `UNB` first,
/// every message closed by a `UNT` whose segment count (`UNH` to `UNT` inclusive) and reference match its `UNH`,
/// functional groups (`UNG`/`UNE`) counted the same way, and `UNZ` with the count of messages (or groups) and
/// the reference of `UNB`. A wrong count is an `edi_control` error naming the message reference and the
/// segment, never accepted; an interchange that ends before `UNZ` is an error too.
///
/// `read(_:)` hands back each message as soon as its `UNT` has been checked, so a large file is processed
/// without holding it whole; `finish()` says whether the interchange ended properly. A caller that must not act
/// on part of a file (an order file) collects the messages and acts only after `finish()` returns.
public struct EDIFACTReader: Sendable {
    private struct OpenMessage: Sendable {
        var reference: String
        var identifier: EDIFACTMessageIdentifier
        var number: Int
        var segments: [EDISegment] = []
    }

    private struct OpenGroup: Sendable {
        var reference: String
        var number: Int
        var messages = 0
    }

    private enum State: Sendable {
        case expectingHeader
        case betweenMessages
        case inGroup(OpenGroup)
        case inMessage(OpenMessage, OpenGroup?)
        case closed
    }

    /// What `UNB` said, once read.
    public private(set) var header: EDIFACTInterchangeHeader?
    /// The channel errors name.
    public let channel: ChannelID?

    private var tokenizer: EDIFACTTokenizer
    private var state = State.expectingHeader
    private var messageCount = 0
    private var groupCount = 0
    private var lastSegment: (number: Int, tag: String)?
    private let textIsUnicode: Bool

    /// A reader for one interchange; errors name `channel`.
    public init(channel: ChannelID? = nil) {
        self.init(channel: channel, textIsUnicode: false)
    }

    private init(channel: ChannelID?, textIsUnicode: Bool) {
        self.channel = channel
        self.textIsUnicode = textIsUnicode
        tokenizer = EDIFACTTokenizer(channel: channel)
    }

    /// The service characters in force (from `UNA`, or the defaults).
    public var characters: EDIFACTServiceCharacters { tokenizer.characters }

    /// Reads the next chunk; returns the messages whose `UNT` it reached, checked.
    public mutating func read(_ bytes: some Sequence<UInt8>) throws -> [EDIFACTMessage] {
        var completed: [EDIFACTMessage] = []
        for token in try tokenizer.feed(bytes) {
            try take(token, into: &completed)
        }
        return completed
    }

    /// Ends the input: throws when the interchange stopped before its `UNZ` (or inside a segment); returns the
    /// header and any messages completed by the last bytes.
    public mutating func finish() throws -> (header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage]) {
        var completed: [EDIFACTMessage] = []
        for token in try tokenizer.finish() {
            try take(token, into: &completed)
        }
        let after = lastSegment.map { "after segment \($0.number) (\($0.tag))" } ?? "before any segment"
        switch state {
        case .closed:
            if let header { return (header, completed) }
        case .expectingHeader:
            throw fail(.ediSyntax, "the input holds no interchange (no UNB)", at: nil, key: nil)
        case let .inMessage(message, _):
            throw fail(.ediControl, "the interchange is cut off \(after): message \(message.reference) has no UNT and there is no UNZ",
                       at: nil, key: "UNT")
        case let .inGroup(group):
            throw fail(.ediControl, "the interchange is cut off \(after): group \(group.reference) has no UNE and there is no UNZ",
                       at: nil, key: "UNE")
        case .betweenMessages:
            break
        }
        throw fail(.ediControl, "the interchange is cut off \(after): there is no UNZ", at: nil, key: "UNZ")
    }

    /// Reads a whole interchange from bytes in the character set its `UNB` declares.
    public static func parse(_ bytes: some Sequence<UInt8>, channel: ChannelID? = nil) throws -> EDIFACTInterchange {
        var reader = EDIFACTReader(channel: channel)
        return try reader.readAll(bytes)
    }

    /// Reads a whole interchange held as text (already decoded, whatever `UNB` declares).
    public static func parse(text: String, channel: ChannelID? = nil) throws -> EDIFACTInterchange {
        var reader = EDIFACTReader(channel: channel, textIsUnicode: true)
        return try reader.readAll(Array(text.utf8))
    }

    private mutating func readAll(_ bytes: some Sequence<UInt8>) throws -> EDIFACTInterchange {
        var messages = try read(bytes)
        let end = try finish()
        messages += end.messages
        return EDIFACTInterchange(characters: characters, header: end.header, messages: messages)
    }

    private mutating func take(_ token: EDIFACTToken, into completed: inout [EDIFACTMessage]) throws {
        let segment = try decode(token)
        lastSegment = (token.number, segment.tag)
        let number = token.number
        switch state {
        case .expectingHeader:
            guard segment.tag == "UNB" else {
                throw fail(.ediSyntax, "an interchange starts with UNB (after an optional UNA), not \(segment.tag)", at: number,
                           key: segment.tag)
            }
            header = try readHeader(segment, number: number)
            state = .betweenMessages
        case .betweenMessages:
            switch segment.tag {
            case "UNH":
                guard groupCount == 0 else {
                    throw fail(.ediControl, "a message outside a group in an interchange that uses groups", at: number, key: "UNH", segment)
                }
                state = .inMessage(try openMessage(segment, number: number), nil)
            case "UNG":
                guard messageCount == 0 else {
                    throw fail(.ediControl, "a group in an interchange that has messages outside groups", at: number, key: "UNG", segment)
                }
                guard !segment[5].isEmpty else {
                    throw fail(.ediControl, "UNG has no group reference (0048)", at: number, key: "UNG05", segment)
                }
                state = .inGroup(OpenGroup(reference: segment[5], number: number))
            case "UNZ":
                try closeInterchange(segment, number: number)
                state = .closed
            default:
                throw fail(.ediControl, "\(segment.tag) outside a message (UNH, UNG or UNZ expected)", at: number, key: segment.tag, segment)
            }
        case let .inGroup(group):
            switch segment.tag {
            case "UNH":
                state = .inMessage(try openMessage(segment, number: number), group)
            case "UNE":
                try check(count: segment[1], equals: group.messages, key: "UNE01", number: number, segment,
                          what: "group \(group.reference) counts %@ messages, it has \(group.messages)")
                try check(reference: segment[2], equals: group.reference, key: "UNE02", number: number, segment,
                          what: "UNE names group %@, it closes group \(group.reference)")
                groupCount += 1
                state = .betweenMessages
            default:
                throw fail(.ediControl, "\(segment.tag) inside group \(group.reference) but outside a message (UNH or UNE expected)",
                           at: number, key: segment.tag, segment)
            }
        case .inMessage(var message, let group):
            switch segment.tag {
            case "UNT":
                let count = message.segments.count + 2
                try check(count: segment[1], equals: count, key: "UNT01", number: number, segment,
                          what: "message \(message.reference) counts %@ segments, it has \(count) (UNH to UNT)")
                try check(reference: segment[2], equals: message.reference, key: "UNT02", number: number, segment,
                          what: "UNT names message %@, it closes message \(message.reference)")
                completed.append(EDIFACTMessage(reference: message.reference, identifier: message.identifier,
                                                segments: message.segments, firstSegmentNumber: message.number))
                if var group {
                    group.messages += 1
                    state = .inGroup(group)
                } else {
                    messageCount += 1
                    state = .betweenMessages
                }
            case "UNA", "UNB", "UNG", "UNH", "UNE", "UNZ":
                throw fail(.ediControl, "message \(message.reference) has no UNT before this \(segment.tag)", at: number,
                           key: segment.tag, segment)
            default:
                message.segments.append(segment)
                state = .inMessage(message, group)
            }
        case .closed:
            throw fail(.ediControl, "\(segment.tag) after UNZ: the interchange has ended", at: number, key: segment.tag, segment)
        }
    }

    private func decode(_ token: EDIFACTToken) throws -> EDISegment {
        let characterSet: EDIFACTCharacterSet = textIsUnicode ? .unow : header?.characterSet ?? .unoc
        var elements: [[String]] = []
        for element in token.elements {
            var components: [String] = []
            for bytes in element {
                guard let text = characterSet.decode(bytes) else {
                    throw fail(.ediSyntax, "the bytes are not valid \(characterSet.rawValue) text", at: token.number,
                               key: String(decoding: token.tagBytes, as: UTF8.self))
                }
                components.append(text)
            }
            elements.append(components)
        }
        let tag = elements.first?.first ?? ""
        guard elements.first?.count == 1, EDIFACTSegmentWriter.isTag(tag) else {
            throw fail(.ediSyntax, "'\(EDIFailure.excerpt(tag))' is not a segment tag (three upper-case letters or digits)",
                       at: token.number, key: nil)
        }
        return EDISegment(tag: tag, elements: Array(elements.dropFirst())).trimmed
    }

    /// Errors about `UNB` carry no excerpt: its `S005` may hold the recipient's password.
    private func readHeader(_ segment: EDISegment, number: Int) throws -> EDIFACTInterchangeHeader {
        let syntax = segment.component(1, 1)
        guard let characterSet = EDIFACTCharacterSet(rawValue: syntax) else {
            throw fail(.ediSyntax, "the character set '\(EDIFailure.excerpt(syntax))' is not supported (UNOA, UNOB, UNOC, UNOW)",
                       at: number, key: "UNB01")
        }
        let required: [(String, String)] = [(segment.component(1, 2), "UNB01"), (segment.component(2, 1), "UNB02"),
                                            (segment.component(3, 1), "UNB03"), (segment.component(4, 1), "UNB04"),
                                            (segment[5], "UNB05")]
        for (value, key) in required where value.isEmpty {
            throw fail(.ediControl, "UNB lacks a mandatory element", at: number, key: key)
        }
        func party(_ element: Int) -> EDIFACTPartyIdentification {
            let qualifier = segment.component(element, 2)
            return EDIFACTPartyIdentification(id: segment.component(element, 1), qualifier: qualifier.isEmpty ? nil : qualifier)
        }
        return EDIFACTInterchangeHeader(characterSet: characterSet, syntaxVersion: segment.component(1, 2), sender: party(2),
                                        recipient: party(3), date: segment.component(4, 1), time: segment.component(4, 2),
                                        reference: segment[5], applicationReference: segment[7].isEmpty ? nil : segment[7],
                                        isTest: segment[11] == "1")
    }

    private func openMessage(_ segment: EDISegment, number: Int) throws -> OpenMessage {
        guard !segment[1].isEmpty else {
            throw fail(.ediControl, "UNH has no message reference (0062)", at: number, key: "UNH01", segment)
        }
        guard !segment.component(2, 1).isEmpty else {
            throw fail(.ediControl, "UNH has no message type (0065)", at: number, key: "UNH02", segment)
        }
        let association = segment.component(2, 5)
        let identifier = EDIFACTMessageIdentifier(type: segment.component(2, 1), version: segment.component(2, 2),
                                                  release: segment.component(2, 3), agency: segment.component(2, 4),
                                                  associationCode: association.isEmpty ? nil : association)
        return OpenMessage(reference: segment[1], identifier: identifier, number: number)
    }

    private func closeInterchange(_ segment: EDISegment, number: Int) throws {
        let usesGroups = groupCount > 0
        let count = usesGroups ? groupCount : messageCount
        try check(count: segment[1], equals: count, key: "UNZ01", number: number, segment,
                  what: "UNZ counts %@ \(usesGroups ? "groups" : "messages"), the interchange has \(count)")
        let reference = header?.reference ?? ""
        try check(reference: segment[2], equals: reference, key: "UNZ02", number: number, segment,
                  what: "UNZ names interchange %@, it closes interchange \(reference)")
    }

    private func check(count text: String, equals expected: Int, key: String, number: Int, _ segment: EDISegment,
                       what: String) throws {
        guard let count = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail(.ediControl, "the count '\(EDIFailure.excerpt(text))' is not a number", at: number, key: key, segment)
        }
        guard count == expected else {
            throw fail(.ediControl, what.replacingPlaceholder(with: String(count)), at: number, key: key, segment)
        }
    }

    private func check(reference text: String, equals expected: String, key: String, number: Int, _ segment: EDISegment,
                       what: String) throws {
        guard text == expected else {
            throw fail(.ediControl, what.replacingPlaceholder(with: "'\(EDIFailure.excerpt(text))'"), at: number, key: key, segment)
        }
    }

    private func fail(_ code: MarketSyncError.Code, _ reason: String, at number: Int?, key: String?,
                      _ segment: EDISegment? = nil) -> MarketSyncError {
        EDIFailure.error(code, reason, at: .init(segment: number, key: key, excerpt: segment.map(\.description)), channel: channel)
    }
}

extension String {
    /// The text with its first `%@` replaced by `value`.
    func replacingPlaceholder(with value: String) -> String {
        let pieces = split(separator: "%@", maxSplits: 1, omittingEmptySubsequences: false)
        return pieces.count == 2 ? pieces[0] + value + pieces[1] : self
    }
}
