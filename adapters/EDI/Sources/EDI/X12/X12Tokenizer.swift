import MarketSync

/// One X12 segment as the tokenizer cut it: its number within the interchange and its elements' components as
/// bytes (the tag is the first component of the first element).
struct X12Token: Sendable {
    var number: Int
    var elements: [[[UInt8]]]
}

/// Cuts an X12 byte stream into segments, fed in chunks of any size. It waits for the 106 bytes of `ISA`, takes
/// the element separator (the byte after `ISA`), the component separator (`ISA16`) and the segment terminator
/// (the byte after it) from there, checks that every element of `ISA` has its fixed width, then splits the rest
/// with those delimiters, skipping line breaks between segments.
struct X12Tokenizer: Sendable {
    /// The delimiters `ISA` announced, once it has been read.
    private(set) var separators: X12Separators?
    /// How many segments have been cut so far.
    private(set) var segmentCount = 0

    private let channel: ChannelID?
    private let maximumSegmentBytes: Int
    private var preamble: [UInt8] = []
    private var elements: [[[UInt8]]] = []
    private var components: [[UInt8]] = []
    private var current: [UInt8] = []
    private var segmentBytes = 0

    /// The columns of `ISA` that hold the element separator: every element has a fixed width.
    static let isaSeparatorColumns = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103]
    /// The length of `ISA` with its terminator.
    static let isaLength = 106

    init(channel: ChannelID?, maximumSegmentBytes: Int = 100_000) {
        self.channel = channel
        self.maximumSegmentBytes = maximumSegmentBytes
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [X12Token] {
        var tokens: [X12Token] = []
        for byte in bytes {
            if let separators {
                try take(byte, separators, into: &tokens)
            } else {
                try takePreamble(byte, into: &tokens)
            }
        }
        return tokens
    }

    mutating func finish() throws -> [X12Token] {
        if separators == nil {
            if preamble.isEmpty { return [] }
            throw fail("the input ends inside ISA: it has \(preamble.count) of its \(Self.isaLength) characters", segment: 1, key: "ISA")
        }
        if segmentBytes > 0 {
            let tag = String(decoding: (elements.first?.first ?? components.first ?? current).prefix(3), as: UTF8.self)
            throw fail("the input ends inside this segment: it has no segment terminator (the interchange is cut off)",
                       segment: segmentCount + 1, key: tag.isEmpty ? nil : tag)
        }
        return []
    }

    private mutating func takePreamble(_ byte: UInt8, into tokens: inout [X12Token]) throws {
        if preamble.isEmpty, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return }
        preamble.append(byte)
        if preamble == [0xEF, 0xBB, 0xBF] {
            preamble = []
            return
        }
        if preamble.count <= 3, !Array("ISA".utf8).starts(with: preamble), ![0xEF, 0xBB, 0xBF].starts(with: preamble) {
            throw fail("an X12 interchange starts with ISA", segment: 1, key: nil)
        }
        guard preamble.count == Self.isaLength else { return }
        let element = preamble[3]
        for column in Self.isaSeparatorColumns where preamble[column] != element {
            let field = Self.isaSeparatorColumns.firstIndex(of: column) ?? 0
            throw fail("ISA is not of fixed width: the element separator '\(Character(Unicode.Scalar(element)))' is due at column \(column + 1) (before ISA\(field < 9 ? "0" : "")\(field + 1))",
                       segment: 1, key: "ISA")
        }
        let separators: X12Separators
        do {
            separators = try X12Separators(element: Character(Unicode.Scalar(element)), component: Character(Unicode.Scalar(preamble[104])),
                                           segmentTerminator: Character(Unicode.Scalar(preamble[105])))
        } catch let error as MarketSyncError {
            throw fail(error.message, segment: 1, key: "ISA16")
        }
        var fields: [[[UInt8]]] = []
        var field: [UInt8] = []
        for byte in preamble[0..<104] {
            if byte == element {
                fields.append([field])
                field = []
            } else {
                field.append(byte)
            }
        }
        fields.append([[preamble[104]]])
        segmentCount = 1
        tokens.append(X12Token(number: 1, elements: fields))
        preamble = []
        self.separators = separators
    }

    private mutating func take(_ byte: UInt8, _ separators: X12Separators, into tokens: inout [X12Token]) throws {
        if byte == separators.terminatorByte {
            components.append(current)
            elements.append(components)
            segmentCount += 1
            let token = X12Token(number: segmentCount, elements: elements)
            let empty = segmentBytes == 0
            current = []
            components = []
            elements = []
            segmentBytes = 0
            if empty { throw fail("the segment is empty (two terminators in a row)", segment: segmentCount, key: nil) }
            tokens.append(token)
            return
        }
        if segmentBytes == 0, byte == 0x0A || byte == 0x0D { return }
        if byte == separators.elementByte {
            components.append(current)
            elements.append(components)
            current = []
            components = []
        } else if byte == separators.componentByte {
            components.append(current)
            current = []
        } else {
            current.append(byte)
        }
        segmentBytes += 1
        if segmentBytes > maximumSegmentBytes {
            throw fail("the segment is longer than \(maximumSegmentBytes) bytes: no segment terminator where one was due",
                       segment: segmentCount + 1, key: nil)
        }
    }

    /// No excerpt: `ISA02` and `ISA04` may hold a password.
    private func fail(_ reason: String, segment: Int?, key: String?) -> MarketSyncError {
        EDIFailure.error(.ediSyntax, reason, at: .init(segment: segment, key: key), channel: channel)
    }
}
