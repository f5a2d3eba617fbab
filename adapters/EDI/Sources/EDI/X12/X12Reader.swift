public import MarketSync

/// Reads an X12 interchange, fed in chunks of any size, taking its delimiters from the `ISA` of what comes in,
/// and checks the envelope as it goes: each set's `SE` count (`ST` to `SE` inclusive) and control number, each
/// group's `GE` count of sets and control number, and `IEA`'s count of groups and control number. A wrong count
/// is an `edi_control` error naming the control number and the segment; an interchange that ends before `IEA`
/// is an error too.
///
/// `read(_:)` hands back each set once its `SE` has been checked; `finish()` says whether the interchange ended
/// properly. A caller that must not act on part of a file collects the sets and acts after `finish()`.
public struct X12Reader: Sendable {
    private struct OpenGroup: Sendable {
        var header: X12FunctionalGroupHeader
        var sets = 0
    }

    private struct OpenSet: Sendable {
        var identifier: String
        var controlNumber: String
        var number: Int
        var segments: [EDISegment] = []
    }

    private enum State: Sendable {
        case expectingHeader
        case betweenGroups
        case inGroup(OpenGroup)
        case inSet(OpenSet, OpenGroup)
        case closed
    }

    /// What `ISA` said, once read.
    public private(set) var header: X12InterchangeHeader?
    /// The channel errors name.
    public let channel: ChannelID?

    private var tokenizer: X12Tokenizer
    private var state = State.expectingHeader
    private var groupCount = 0
    private var lastSegment: (number: Int, tag: String)?

    /// A reader for one interchange; errors name `channel`.
    public init(channel: ChannelID? = nil) {
        self.channel = channel
        tokenizer = X12Tokenizer(channel: channel)
    }

    /// The delimiters `ISA` announced, once read.
    public var separators: X12Separators? { tokenizer.separators }

    /// Reads the next chunk; returns the sets whose `SE` it reached, checked.
    public mutating func read(_ bytes: some Sequence<UInt8>) throws -> [X12ReadTransactionSet] {
        var completed: [X12ReadTransactionSet] = []
        for token in try tokenizer.feed(bytes) {
            try take(token, into: &completed)
        }
        return completed
    }

    /// Ends the input: throws when the interchange stopped before `IEA` (or inside a segment); returns the
    /// header.
    public mutating func finish() throws -> X12InterchangeHeader {
        _ = try tokenizer.finish()
        let after = lastSegment.map { "after segment \($0.number) (\($0.tag))" } ?? "before any segment"
        switch state {
        case .closed:
            if let header { return header }
        case .expectingHeader:
            throw fail(.ediSyntax, "the input holds no interchange (no ISA)", at: nil, key: nil)
        case let .inSet(set, _):
            throw fail(.ediControl, "the interchange is cut off \(after): transaction set \(set.controlNumber) has no SE and there is no IEA",
                       at: nil, key: "SE")
        case let .inGroup(group):
            throw fail(.ediControl, "the interchange is cut off \(after): group \(group.header.controlNumber) has no GE and there is no IEA",
                       at: nil, key: "GE")
        case .betweenGroups:
            break
        }
        throw fail(.ediControl, "the interchange is cut off \(after): there is no IEA", at: nil, key: "IEA")
    }

    /// Reads a whole interchange.
    public static func parse(_ bytes: some Sequence<UInt8>, channel: ChannelID? = nil) throws -> X12Interchange {
        var reader = X12Reader(channel: channel)
        let sets = try reader.read(bytes)
        let header = try reader.finish()
        var groups: [X12FunctionalGroup] = []
        var next = 0
        for group in reader.groupHeaders {
            let members = sets[next..<min(sets.count, next + group.sets)].map(\.set)
            next += group.sets
            groups.append(X12FunctionalGroup(header: group.header, transactionSets: members))
        }
        guard let separators = reader.separators else {
            throw MarketSyncError(.ediSyntax, "the input holds no ISA", channel: channel, key: "ISA")
        }
        return X12Interchange(separators: separators, header: header, groups: groups)
    }

    /// Parses text (UTF-8).
    public static func parse(text: String, channel: ChannelID? = nil) throws -> X12Interchange {
        try parse(Array(text.utf8), channel: channel)
    }

    /// The groups closed so far, with how many sets each held (for `parse`).
    private var groupHeaders: [(header: X12FunctionalGroupHeader, sets: Int)] = []

    private mutating func take(_ token: X12Token, into completed: inout [X12ReadTransactionSet]) throws {
        let segment = try decode(token)
        lastSegment = (token.number, segment.tag)
        let number = token.number
        switch state {
        case .expectingHeader:
            header = try readHeader(segment)
            state = .betweenGroups
        case .betweenGroups:
            switch segment.tag {
            case "GS":
                state = .inGroup(OpenGroup(header: try readGroupHeader(segment, number: number)))
            case "IEA":
                try check(count: segment[1], equals: groupCount, key: "IEA01", number: number, segment,
                          what: "IEA counts %@ groups, the interchange has \(groupCount)")
                let control = header?.controlNumber ?? -1
                try check(control: segment[2], equals: control, key: "IEA02", number: number, segment,
                          what: "IEA names interchange %@, it closes interchange \(control)")
                state = .closed
            default:
                throw fail(.ediControl, "\(segment.tag) outside a group (GS or IEA expected)", at: number, key: segment.tag, segment)
            }
        case let .inGroup(group):
            switch segment.tag {
            case "ST":
                let control = segment[2]
                guard !segment[1].isEmpty, (4...9).contains(control.count) else {
                    throw fail(.ediControl, "ST needs a set identifier and a control number of 4 to 9 characters", at: number,
                               key: "ST02", segment)
                }
                state = .inSet(OpenSet(identifier: segment[1], controlNumber: control, number: number), group)
            case "GE":
                try check(count: segment[1], equals: group.sets, key: "GE01", number: number, segment,
                          what: "group \(group.header.controlNumber) counts %@ transaction sets, it has \(group.sets)")
                try check(control: segment[2], equals: group.header.controlNumber, key: "GE02", number: number, segment,
                          what: "GE names group %@, it closes group \(group.header.controlNumber)")
                groupCount += 1
                groupHeaders.append((group.header, group.sets))
                state = .betweenGroups
            default:
                throw fail(.ediControl, "\(segment.tag) inside group \(group.header.controlNumber) but outside a transaction set (ST or GE expected)",
                           at: number, key: segment.tag, segment)
            }
        case .inSet(var set, var group):
            switch segment.tag {
            case "SE":
                let count = set.segments.count + 2
                try check(count: segment[1], equals: count, key: "SE01", number: number, segment,
                          what: "transaction set \(set.controlNumber) counts %@ segments, it has \(count) (ST to SE)")
                guard segment[2] == set.controlNumber else {
                    throw fail(.ediControl, "SE names transaction set '\(EDIFailure.excerpt(segment[2]))', it closes transaction set \(set.controlNumber)",
                               at: number, key: "SE02", segment)
                }
                completed.append(X12ReadTransactionSet(group: group.header, set: X12TransactionSet(
                    identifier: set.identifier, controlNumber: set.controlNumber, segments: set.segments, firstSegmentNumber: set.number)))
                group.sets += 1
                state = .inGroup(group)
            case "ISA", "GS", "ST", "GE", "IEA":
                throw fail(.ediControl, "transaction set \(set.controlNumber) has no SE before this \(segment.tag)", at: number,
                           key: segment.tag, segment)
            default:
                set.segments.append(segment)
                state = .inSet(set, group)
            }
        case .closed:
            throw fail(.ediControl, "\(segment.tag) after IEA: the interchange has ended", at: number, key: segment.tag, segment)
        }
    }

    private func decode(_ token: X12Token) throws -> EDISegment {
        var elements: [[String]] = []
        for element in token.elements {
            var components: [String] = []
            for bytes in element {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw fail(.ediSyntax, "the bytes are not valid UTF-8 text", at: token.number, key: nil)
                }
                components.append(text)
            }
            elements.append(components)
        }
        let tag = elements.first?.first ?? ""
        guard elements.first?.count == 1, (2...3).contains(tag.utf8.count),
              tag.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) else {
            throw fail(.ediSyntax, "'\(EDIFailure.excerpt(tag))' is not a segment tag", at: token.number, key: nil)
        }
        return EDISegment(tag: tag, elements: Array(elements.dropFirst())).trimmed
    }

    private func readHeader(_ segment: EDISegment) throws -> X12InterchangeHeader {
        // Errors about ISA carry no excerpt: ISA02 and ISA04 may hold a password.
        func value(_ position: Int) -> String {
            var text = Substring(segment[position])
            while text.last == " " { text.removeLast() }
            return String(text)
        }
        func digits(_ position: Int, _ count: Int) throws -> String {
            let text = segment[position]
            guard text.count == count, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail(.ediSyntax, "ISA\(position < 10 ? "0" : "")\(position) must be \(count) digits", at: 1,
                           key: "ISA\(position < 10 ? "0" : "")\(position)")
            }
            return text
        }
        let control = try digits(13, 9)
        guard let usage = X12Usage(rawValue: segment[15]) else {
            throw fail(.ediSyntax, "ISA15 must be P, T or I", at: 1, key: "ISA15")
        }
        guard segment[14] == "0" || segment[14] == "1" else {
            throw fail(.ediSyntax, "ISA14 must be 0 or 1", at: 1, key: "ISA14")
        }
        return X12InterchangeHeader(authorizationQualifier: value(1), authorization: value(2), securityQualifier: value(3),
                                    security: value(4), senderQualifier: value(5), senderID: value(6), receiverQualifier: value(7),
                                    receiverID: value(8), date: try digits(9, 6), time: try digits(10, 4),
                                    standardsIdentifier: segment[11], version: segment[12], controlNumber: Int(control) ?? 0,
                                    acknowledgmentRequested: segment[14] == "1", usage: usage)
    }

    private func readGroupHeader(_ segment: EDISegment, number: Int) throws -> X12FunctionalGroupHeader {
        let control = segment[6]
        guard (1...9).contains(control.count), control.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(control) else {
            throw fail(.ediControl, "GS06 must be 1 to 9 digits", at: number, key: "GS06", segment)
        }
        guard !segment[1].isEmpty else {
            throw fail(.ediControl, "GS has no functional identifier", at: number, key: "GS01", segment)
        }
        return X12FunctionalGroupHeader(functionalID: segment[1], applicationSender: segment[2], applicationReceiver: segment[3],
                                        date: segment[4], time: segment[5], controlNumber: value, agency: segment[7],
                                        version: segment[8])
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

    private func check(control text: String, equals expected: Int, key: String, number: Int, _ segment: EDISegment,
                       what: String) throws {
        guard let value = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }), value == expected else {
            throw fail(.ediControl, what.replacingPlaceholder(with: "'\(EDIFailure.excerpt(text))'"), at: number, key: key, segment)
        }
    }

    private func fail(_ code: MarketSyncError.Code, _ reason: String, at number: Int?, key: String?,
                      _ segment: EDISegment? = nil) -> MarketSyncError {
        EDIFailure.error(code, reason, at: .init(segment: number, key: key, excerpt: segment.map(\.description)), channel: channel)
    }
}
