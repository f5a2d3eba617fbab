import MarketSync

/// One segment as the tokenizer cut it: its number within the interchange and its elements' components as
/// bytes, releases already removed (the tag is the first component of the first element).
struct EDIFACTToken: Sendable {
    var number: Int
    var elements: [[[UInt8]]]

    var tagBytes: [UInt8] { elements.first?.first ?? [] }
}

/// Cuts an EDIFACT byte stream into segments, fed in chunks of any size (a file read block by block, a socket):
/// reads the `UNA` service string advice when the stream starts with one (the defaults `:+.? '` otherwise),
/// honours the release character, skips line breaks between segments, and refuses a segment that is cut off
/// or grows past `maximumSegmentBytes`.
///
/// Service characters are ASCII, and neither Latin-1 nor UTF-8 ever uses an ASCII byte inside a longer
/// character, so the stream is cut as bytes and each component is decoded afterwards in the interchange's
/// character set.
struct EDIFACTTokenizer: Sendable {
    private enum Phase: Sendable { case preamble, body }

    /// The service characters in force: the defaults until a `UNA` says otherwise.
    private(set) var characters: EDIFACTServiceCharacters = .standard
    /// How many segments have been cut so far.
    private(set) var segmentCount = 0

    private let channel: ChannelID?
    private let maximumSegmentBytes: Int
    private var phase = Phase.preamble
    private var preamble: [UInt8] = []
    private var elements: [[[UInt8]]] = []
    private var components: [[UInt8]] = []
    private var current: [UInt8] = []
    private var releasePending = false
    private var segmentBytes = 0

    init(channel: ChannelID?, maximumSegmentBytes: Int = 100_000) {
        self.channel = channel
        self.maximumSegmentBytes = maximumSegmentBytes
    }

    /// The segments completed by `bytes` (none when a segment is still open at the end of the chunk).
    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [EDIFACTToken] {
        var tokens: [EDIFACTToken] = []
        for byte in bytes {
            switch phase {
            case .preamble:
                try takePreamble(byte, into: &tokens)
            case .body:
                try take(byte, into: &tokens)
            }
        }
        return tokens
    }

    /// Ends the stream: the segments still held (a short stream never left the preamble), or `edi_syntax` when
    /// the stream stops inside a segment or inside `UNA`.
    mutating func finish() throws -> [EDIFACTToken] {
        var tokens: [EDIFACTToken] = []
        if phase == .preamble {
            if preamble.starts(with: Self.una) {
                throw fail("the input ends inside the UNA service string advice", segment: nil, key: "UNA")
            }
            phase = .body
            let held = preamble
            preamble = []
            for byte in held { try take(byte, into: &tokens) }
        }
        if segmentBytes > 0 || releasePending {
            let number = segmentCount + 1
            let tag = String(decoding: (elements.first?.first ?? components.first ?? current).prefix(3), as: UTF8.self)
            throw fail("the input ends inside this segment: it has no segment terminator (the interchange is cut off)",
                       segment: number, key: tag.isEmpty ? nil : tag)
        }
        return tokens
    }

    private static let una: [UInt8] = Array("UNA".utf8)
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func takePreamble(_ byte: UInt8, into tokens: inout [EDIFACTToken]) throws {
        if preamble.isEmpty, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return }
        preamble.append(byte)
        if preamble == Self.bom {
            preamble = []
            return
        }
        if preamble.count < 3 && Self.una.starts(with: preamble) || Self.bom.starts(with: preamble) && preamble.count < 3 {
            return
        }
        if preamble.starts(with: Self.una) {
            guard preamble.count == 9 else { return }
            characters = try EDIFACTServiceCharacters.reading(una: preamble)
            preamble = []
            phase = .body
            return
        }
        phase = .body
        let held = preamble
        preamble = []
        for byte in held { try take(byte, into: &tokens) }
    }

    private mutating func take(_ byte: UInt8, into tokens: inout [EDIFACTToken]) throws {
        if releasePending {
            releasePending = false
            current.append(byte)
            return try count()
        }
        if byte == characters.terminatorByte {
            components.append(current)
            elements.append(components)
            segmentCount += 1
            let token = EDIFACTToken(number: segmentCount, elements: elements)
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
        if byte == characters.releaseByte {
            releasePending = true
        } else if byte == characters.elementByte {
            components.append(current)
            elements.append(components)
            current = []
            components = []
        } else if byte == characters.componentByte {
            components.append(current)
            current = []
        } else {
            current.append(byte)
        }
        try count()
    }

    private mutating func count() throws {
        segmentBytes += 1
        if segmentBytes > maximumSegmentBytes {
            throw fail("the segment is longer than \(maximumSegmentBytes) bytes: no segment terminator where one was due",
                       segment: segmentCount + 1, key: nil)
        }
    }

    private func fail(_ reason: String, segment: Int?, key: String?) -> MarketSyncError {
        EDIFailure.error(.ediSyntax, reason, at: .init(segment: segment, key: key), channel: channel)
    }
}
