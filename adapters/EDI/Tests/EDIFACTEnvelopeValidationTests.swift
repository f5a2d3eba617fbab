import EDI
import Foundation
import MarketSync
import Testing

@Suite("EDIFACT envelope checks")
struct EDIFACTEnvelopeValidationTests {
    /// The illustrative ORDERS of docs/edi.md's sources: UNB is segment 1, UNT segment 15, UNZ segment 16.
    static let orders = """
    UNA:+.? '
    UNB+UNOC:3+6901234500011:14+4607654300010:14+250305:0930+ORD0001'
    UNH+1+ORDERS:D:96A:UN:EAN008'
    BGM+220+PO-88001+9'
    DTM+137:20250305:102'
    DTM+2:20250312:102'
    NAD+BY+6901234500011::9'
    NAD+SU+4607654300010::9'
    NAD+DP+6901234500028::9'
    LIN+1++4601234500012:EN'
    QTY+21:48'
    LIN+2++4601234500029:EN'
    QTY+21:24'
    UNS+S'
    CNT+2:2'
    UNT+14+1'
    UNZ+1+ORD0001'
    """

    @Test("the sample is well-formed")
    func sampleReads() throws {
        let read = try EDIFACTReader.parse(text: Self.orders)
        #expect(read.messages.count == 1)
        #expect(read.messages[0].segments.count == 12)
        #expect(read.header.reference == "ORD0001")
        #expect(read.header.sender == EDIFACTPartyIdentification(id: "6901234500011", qualifier: "14"))
    }

    @Test("a UNT segment count that is off is an error naming the message and the segment", arguments: ["UNT+13+1'", "UNT+15+1'"])
    func wrongUNTCount(trailer: String) {
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNT+14+1'", with: trailer)) }
        #expect(error?.code == .ediControl)
        #expect(error?.line == 15)
        #expect(error?.key == "UNT01")
        #expect(error?.message.contains("message 1 counts") == true)
        #expect(error?.message.contains("it has 14") == true)
    }

    @Test("a UNT that names another message is an error")
    func wrongUNTReference() {
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNT+14+1'", with: "UNT+14+2'")) }
        #expect(error?.code == .ediControl)
        #expect(error?.line == 15)
        #expect(error?.key == "UNT02")
    }

    @Test("a UNZ message count or reference that is off is an error")
    func wrongUNZ() {
        let count = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNZ+1+", with: "UNZ+2+")) }
        #expect(count?.code == .ediControl)
        #expect(count?.line == 16)
        #expect(count?.key == "UNZ01")
        let reference = EDIFixtures.error {
            _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNZ+1+ORD0001", with: "UNZ+1+ORD0002"))
        }
        #expect(reference?.key == "UNZ02")
        #expect(reference?.line == 16)
    }

    @Test("a message with no UNT before the next UNH is an error")
    func missingUNT() {
        let text = Self.orders.replacingOccurrences(of: "UNT+14+1'\n", with: "UNH+2+ORDERS:D:96A:UN:EAN008'\nUNT+2+2'\n")
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: text) }
        #expect(error?.code == .ediControl)
        #expect(error?.key == "UNH")
        #expect(error?.line == 15)
    }

    @Test("an interchange cut inside a segment is a syntax error naming that segment")
    func truncatedInsideSegment() throws {
        let cut = try #require(Self.orders.components(separatedBy: "CNT+2:2'").first) + "CNT+2"
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: cut) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.line == 14)
        #expect(error?.key == "CNT")
    }

    @Test("an interchange cut between segments, before UNZ, is an error after the messages read")
    func truncatedBeforeUNZ() throws {
        let cut = Self.orders.replacingOccurrences(of: "UNZ+1+ORD0001'", with: "")
        var reader = EDIFACTReader(channel: "wumart")
        let messages = try reader.read(Array(cut.utf8))
        #expect(messages.count == 1)
        do {
            _ = try reader.finish()
            Issue.record("a cut interchange was accepted")
        } catch let error as MarketSyncError {
            #expect(error.code == .ediControl)
            #expect(error.key == "UNZ")
            #expect(error.channel == "wumart")
            #expect(error.message.contains("after segment 15 (UNT)"))
        }
        let insideMessage = Self.orders.replacingOccurrences(of: "UNT+14+1'\nUNZ+1+ORD0001'", with: "")
        let open = EDIFixtures.error { _ = try EDIFACTReader.parse(text: insideMessage) }
        #expect(open?.key == "UNT")
        #expect(open?.message.contains("message 1 has no UNT") == true)
    }

    @Test("anything after UNZ is an error")
    func dataAfterUNZ() {
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders + "UNH+9+ORDERS:D:96A:UN'") }
        #expect(error?.code == .ediControl)
        #expect(error?.line == 17)
    }

    @Test("an interchange must start with UNB, in a character set the codecs know")
    func header() {
        #expect(EDIFixtures.error { _ = try EDIFACTReader.parse(text: "UNH+1+ORDERS:D:96A:UN'") }?.code == .ediSyntax)
        let unoe = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNOC:3", with: "UNOE:3")) }
        #expect(unoe?.key == "UNB01")
        #expect(EDIFixtures.error { _ = try EDIFACTReader.parse(text: "") }?.code == .ediSyntax)
        #expect(EDIFixtures.error { _ = try EDIFACTReader.parse(text: "UNA:+.") }?.key == "UNA")
    }

    @Test("a segment tag must be three upper-case letters or digits")
    func badTag() {
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(text: Self.orders.replacingOccurrences(of: "UNS+S'", with: "uns+S'")) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.line == 13)
    }

    @Test("bytes that are not UTF-8 in a UNOW interchange are an error, not a guess")
    func invalidUTF8() {
        var bytes = Array(Self.orders.replacingOccurrences(of: "UNOC:3", with: "UNOW:4").utf8)
        if let index = bytes.firstIndex(of: UInt8(ascii: "P")) { bytes[index] = 0xFF }
        let error = EDIFixtures.error { _ = try EDIFACTReader.parse(bytes) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.line == 3)
    }

    @Test("a writer never writes an empty or too long reference")
    func writerReferences() {
        let header = EDIFACTInterchangeHeader(characterSet: .unoc, syntaxVersion: "3", sender: .init(id: "A", qualifier: nil),
                                              recipient: .init(id: "B", qualifier: nil), date: "250301", time: "0800",
                                              reference: "123456789012345")
        #expect(EDIFixtures.error { _ = try EDIFACTInterchangeWriter().bytes(header: header, messages: []) }?.key == "UNB05")
    }
}
