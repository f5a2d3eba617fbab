import EDI
import MarketSync
import Testing

@Suite("EDIFACT escaping")
struct EDIFACTEscapingTests {
    @Test("every service character inside data is preceded by the release character")
    func escapesServiceCharacters() throws {
        let writer = EDIFACTSegmentWriter()
        #expect(try writer.escape("A?B:C+D'E") == "A??B?:C?+D?'E")
        let text = try writer.text(of: EDISegment("IMD", ["F"], [], ["", "", "", "NUTS 'N' HONEY: 1+1?"]))
        #expect(text == "IMD+F++:::NUTS ?'N?' HONEY?: 1?+1??'")
    }

    @Test("trailing empty elements and components are left out, inner ones kept")
    func trimsTrailingEmpties() throws {
        let writer = EDIFACTSegmentWriter()
        #expect(try writer.text(of: EDISegment("NAD", ["SU"], ["4607654300010", "", "9", ""], [], [""])) == "NAD+SU+4607654300010::9'")
    }

    @Test("a syntax without a release character refuses a value holding a separator")
    func noReleaseCharacter() throws {
        let characters = try EDIFACTServiceCharacters(release: nil)
        let error = EDIFixtures.error { _ = try EDIFACTSegmentWriter(characters: characters).text(of: EDISegment("FTX", ["A+B"])) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.key == "FTX")
    }

    @Test("a tag that is not three upper-case letters or digits is refused")
    func badTag() {
        let error = EDIFixtures.error { _ = try EDIFACTSegmentWriter().text(of: EDISegment("qty", ["1"])) }
        #expect(error?.code == .ediSyntax)
    }

    @Test("service characters must be distinct ASCII punctuation")
    func badServiceCharacters() {
        #expect(EDIFixtures.error { _ = try EDIFACTServiceCharacters(component: "+") }?.code == .ediSyntax)
        #expect(EDIFixtures.error { _ = try EDIFACTServiceCharacters(segmentTerminator: "A") }?.code == .ediSyntax)
        #expect(EDIFixtures.error { _ = try EDIFACTServiceCharacters(decimalMark: ";") }?.code == .ediSyntax)
    }

    /// Random values over an alphabet heavy in service characters, written in a segment and read back: the
    /// values come back whole, whatever the UNA says.
    static let unusual = try? EDIFACTServiceCharacters(component: "^", element: "|", decimalMark: ",", release: "!",
                                                       repetition: "*", segmentTerminator: "#")

    @Test("unusual service characters are accepted and announced in UNA")
    func unusualCharacters() {
        #expect(Self.unusual?.serviceStringAdvice == "UNA^|,!*#")
    }

    @Test("random values round-trip through writer and reader", arguments: [EDIFACTServiceCharacters.standard] + [unusual].compactMap { $0 })
    func randomRoundTrip(characters: EDIFACTServiceCharacters) throws {
        var generator = SeededGenerator(seed: 0x5EED_ED1F)
        let alphabet = Array("?:+'^|!*#,. ABCxyz019-/Ёжик 松子\u{00E9}")
        var messages: [EDIFACTMessage] = []
        for index in 0..<60 {
            var segments: [EDISegment] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var elements: [[String]] = []
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    var components: [String] = []
                    for _ in 0..<Int.random(in: 1...3, using: &generator) {
                        let length = Int.random(in: 1...12, using: &generator)
                        components.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "?" }))
                    }
                    elements.append(components)
                }
                segments.append(EDISegment(tag: "FTX", elements: elements))
            }
            messages.append(EDIFACTMessage(reference: "M\(index)", identifier: EDIFACTMessageIdentifier(type: "ORDERS", associationCode: "EAN008"),
                                           segments: segments))
        }
        let header = EDIFACTInterchangeHeader(characterSet: .unow, syntaxVersion: "4", sender: .init(gln: EDIFixtures.us),
                                              recipient: .init(gln: EDIFixtures.chain), date: "20250301", time: "0800", reference: "R1")
        let bytes = try EDIFACTInterchangeWriter(characters: characters).bytes(header: header, messages: messages)
        let read = try EDIFACTReader.parse(bytes)
        #expect(read.characters == characters)
        #expect(read.messages == messages)
    }
}
