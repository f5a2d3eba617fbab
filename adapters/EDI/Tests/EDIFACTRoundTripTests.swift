import EDI
import Foundation
import MarketSync
import Testing

@Suite("EDIFACT interchanges round-trip")
struct EDIFACTRoundTripTests {
    static let header = EDIFACTInterchangeHeader(characterSet: .unoc, syntaxVersion: "3", sender: .init(gln: EDIFixtures.us),
                                                 recipient: .init(gln: EDIFixtures.chain), date: "250301", time: "0800",
                                                 reference: "INV0001")

    static let messages = [
        EDIFACTMessage(reference: "1", identifier: .init(type: "PRICAT", associationCode: "EAN008"), segments: [
            EDISegment("BGM", ["9"], ["PL-2025-03"], ["9"]),
            EDISegment("LIN", ["1"], [], ["4601234500012", "EN"]),
            EDISegment("IMD", ["F"], [], ["", "", "", "NUTS 'N' BERRIES: 2+1? YES"]),
            EDISegment("PRI", ["AAA", "38.50"]),
        ]),
        EDIFACTMessage(reference: "2", identifier: .init(type: "INVRPT", associationCode: "EAN008"), segments: [
            EDISegment("BGM", ["35"], ["INV?+1"], ["9"]),
            EDISegment("FTX", ["ZZZ"], [], [], ["O'Brien's \u{00E9}clair"]),
        ]),
    ]

    @Test("what the writer writes the reader reads back equal, names with ' + : ? included")
    func roundTrip() throws {
        let bytes = try EDIFACTInterchangeWriter().bytes(header: Self.header, messages: Self.messages)
        let latin1 = String(bytes.map { Character(Unicode.Scalar($0)) })
        #expect(latin1 == "UNA:+.? 'UNB+UNOC:3+4607654300010:14+6901234500011:14+250301:0800+INV0001'"
            + "UNH+1+PRICAT:D:96A:UN:EAN008'BGM+9+PL-2025-03+9'LIN+1++4601234500012:EN'"
            + "IMD+F++:::NUTS ?'N?' BERRIES?: 2?+1?? YES'PRI+AAA:38.50'UNT+6+1'"
            + "UNH+2+INVRPT:D:96A:UN:EAN008'BGM+35+INV???+1+9'FTX+ZZZ+++O?'Brien?'s \u{00E9}clair'UNT+4+2'UNZ+2+INV0001'")
        let read = try EDIFACTReader.parse(bytes)
        #expect(read.header == Self.header)
        #expect(read.messages == Self.messages)
        #expect(read.messages.map(\.firstSegmentNumber) == [2, 8])
    }

    @Test("the writer's text has the counts and references of the envelope")
    func envelopeText() throws {
        let text = try EDIFACTInterchangeWriter().text(header: Self.header, messages: [Self.messages[0]], lineBreaks: true)
        #expect(text == """
        UNA:+.? '
        UNB+UNOC:3+4607654300010:14+6901234500011:14+250301:0800+INV0001'
        UNH+1+PRICAT:D:96A:UN:EAN008'
        BGM+9+PL-2025-03+9'
        LIN+1++4601234500012:EN'
        IMD+F++:::NUTS ?'N?' BERRIES?: 2?+1?? YES'
        PRI+AAA:38.50'
        UNT+6+1'
        UNZ+1+INV0001'
        """)
        #expect(try EDIFACTReader.parse(text: text).messages == [Self.messages[0]])
    }

    @Test("fed one byte at a time, the reader hands back each message as its UNT is checked")
    func streaming() throws {
        let bytes = try EDIFACTInterchangeWriter().bytes(header: Self.header, messages: Self.messages)
        var reader = EDIFACTReader()
        var received: [EDIFACTMessage] = []
        var firstSeenAt: Int?
        for (offset, byte) in bytes.enumerated() {
            let completed = try reader.read([byte])
            if !completed.isEmpty, firstSeenAt == nil { firstSeenAt = offset }
            received += completed
        }
        let end = try reader.finish()
        #expect(received + end.messages == Self.messages)
        #expect(end.header == Self.header)
        #expect((firstSeenAt ?? bytes.count) < bytes.count - 20)
    }

    @Test("Latin-1 text is written as Latin-1 bytes in UNOC and read back")
    func latin1Bytes() throws {
        let bytes = try EDIFACTInterchangeWriter().bytes(header: Self.header, messages: [Self.messages[1]])
        #expect(bytes.contains(0xE9))
        #expect(!bytes.contains(0xC3))
        #expect(try EDIFACTReader.parse(bytes).messages == [Self.messages[1]])
    }

    @Test("Cyrillic and Chinese names travel in UNOW and are refused by UNOC, naming the segment")
    func characterSets() throws {
        let message = EDIFACTMessage(reference: "1", identifier: .init(type: "PRICAT", associationCode: "EAN008"), segments: [
            EDISegment("BGM", ["9"], ["P1"], ["9"]),
            EDISegment("IMD", ["F"], [], ["", "", "", "Кедровый орех 松子"]),
        ])
        var unicode = Self.header
        unicode.characterSet = .unow
        unicode.syntaxVersion = "4"
        unicode.date = "20250301"
        let bytes = try EDIFACTInterchangeWriter().bytes(header: unicode, messages: [message])
        #expect(try EDIFACTReader.parse(bytes).messages == [message])

        let error = EDIFixtures.error { _ = try EDIFACTInterchangeWriter().bytes(header: Self.header, messages: [message]) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.line == 4)
        #expect(error?.key == "IMD")
    }

    @Test("without UNA the defaults apply, and line breaks between segments are skipped")
    func defaultsAndLineBreaks() throws {
        let text = "UNB+UNOC:3+4607654300010:14+6901234500011:14+250301:0800+X1'\r\nUNH+7+ORDERS:D:96A:UN:EAN008'\r\nBGM+220+PO?'1+9'\r\nUNT+3+7'\r\nUNZ+1+X1'\r\n"
        let read = try EDIFACTReader.parse(text: text)
        #expect(read.characters == .standard)
        #expect(read.messages.first?.segments == [EDISegment("BGM", ["220"], ["PO'1"], ["9"])])
        #expect(read.messages.first?.reference == "7")
    }

    @Test("a UNA with other separators and a decimal comma is honoured")
    func otherServiceCharacters() throws {
        let text = "UNA^|,! #UNB|UNOC^3|4607654300010^14|6901234500011^14|250301^0800|X2#UNH|1|ORDERS^D^96A^UN^EAN008#PRI|AAA^38,50!#!|#UNT|3|1#UNZ|1|X2#"
        let read = try EDIFACTReader.parse(text: text)
        #expect(read.characters.decimalMark == ",")
        #expect(read.messages.first?.segments == [EDISegment("PRI", ["AAA", "38,50#|"])])
    }

    @Test("interchanges split into functional groups are read and counted by group")
    func groups() throws {
        let text = "UNB+UNOC:3+A:14+B:14+250301:0800+G1'UNG+ORDERS+A+B+250301:0800+77+UN+D:96A'UNH+1+ORDERS:D:96A:UN'BGM+220+P1+9'UNT+3+1'UNE+1+77'UNZ+1+G1'"
        let read = try EDIFACTReader.parse(text: text)
        #expect(read.messages.count == 1)
        let wrong = text.replacingOccurrences(of: "UNE+1+77", with: "UNE+2+77")
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: wrong) }
        #expect(error?.code == .ediControl)
        #expect(error?.key == "UNE01")
        #expect(error?.line == 6)
    }
}
