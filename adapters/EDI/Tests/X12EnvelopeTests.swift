import EDI
import Foundation
import MarketSync
import Testing

@Suite("X12 envelopes")
struct X12EnvelopeTests {
    /// An 850 in the shape docs/edi.md's sources describe (invented values); ISA is 106 characters.
    static let purchaseOrder = """
    ISA*00*          *00*          *ZZ*RETAILERXYZ    *ZZ*YUGRAFOODS     *250305*0930*U*00401*000000777*0*P*>~
    GS*PO*RETAILERXYZ*YUGRAFOODS*20250305*0930*777*X*004010~
    ST*850*0001~
    BEG*00*SA*PO-88001**20250305~
    CUR*BY*CNY~
    REF*DP*042~
    DTM*002*20250312~
    N1*BY*WU MART BEIJING*92*0042~
    N1*ST*DC NORTH*92*0007~
    PO1*1*48*EA*38.50**EN*4601234500012*VN*YUG-CN-200~
    PID*F****CEDAR NUTS 200G~
    PO1*2*24*EA*29.90**EN*4601234500029*VN*YUG-LB-300~
    CTT*2~
    SE*12*0001~
    GE*1*777~
    IEA*1*000000777~

    """

    @Test("the sample's ISA is 106 characters and the interchange reads")
    func sampleReads() throws {
        #expect(Self.purchaseOrder.split(separator: "\n").first?.count == 106)
        let interchange = try X12Reader.parse(text: Self.purchaseOrder)
        #expect(interchange.separators == .standard)
        #expect(interchange.header.senderID == "RETAILERXYZ")
        #expect(interchange.header.controlNumber == 777)
        #expect(interchange.header.usage == .production)
        #expect(interchange.groups.count == 1)
        #expect(interchange.groups[0].header.functionalID == "PO")
        #expect(interchange.groups[0].transactionSets.map(\.identifier) == ["850"])
        #expect(interchange.groups[0].transactionSets[0].segments.count == 10)
    }

    @Test("ISA is written at its fixed widths, padded, 106 characters with the terminator")
    func isaWidths() throws {
        let header = X12InterchangeHeader(senderQualifier: "ZZ", senderID: "YUGRAFOODS", receiverQualifier: "ZZ", receiverID: "RETAILERXYZ",
                                          date: "250301", time: "0800", controlNumber: 101, usage: .test)
        let text = try X12InterchangeWriter().text(header: header, groups: [])
        let isa = try #require(text.split(separator: "~").first)
        #expect(isa + "~" == "ISA*00*          *00*          *ZZ*YUGRAFOODS     *ZZ*RETAILERXYZ    *250301*0800*U*00401*000000101*0*T*>~")
        #expect(isa.count + 1 == 106)
        #expect(text.hasSuffix("IEA*0*000000101~"))
        var long = header
        long.senderID = "A-NAME-LONGER-THAN-15"
        let error = EDIFixtures.error { _ = try X12InterchangeWriter().text(header: long, groups: []) }
        #expect(error?.key == "ISA06")
        #expect(error?.line == 1)
    }

    static func groups() -> [X12FunctionalGroup] {
        [X12FunctionalGroup(header: X12FunctionalGroupHeader(functionalID: "IB", applicationSender: "YUGRAFOODS", applicationReceiver: "RETAILERXYZ",
                                                             date: "20250301", time: "0800", controlNumber: 101),
                            transactionSets: [
                                X12TransactionSet(identifier: "846", controlNumber: "0001", segments: [
                                    EDISegment("BIA", ["00"], ["SI"], ["INV1"], ["20250301"]),
                                    EDISegment("LIN", ["1"], ["EN"], ["4601234500012"], ["VN"], ["YUG-CN-200"]),
                                    EDISegment("QTY", ["33"], ["120"], ["EA"]),
                                    EDISegment("REF", ["ZZ"], ["A", "B"]),
                                ]),
                                X12TransactionSet(identifier: "846", controlNumber: "0002", segments: [EDISegment("BIA", ["00"], ["SI"], ["INV2"], ["20250301"])]),
                            ]),
         X12FunctionalGroup(header: X12FunctionalGroupHeader(functionalID: "SC", applicationSender: "YUGRAFOODS", applicationReceiver: "RETAILERXYZ",
                                                             date: "20250301", time: "0800", controlNumber: 102),
                            transactionSets: [X12TransactionSet(identifier: "832", controlNumber: "0003", segments: [EDISegment("BCT", ["PC"], ["PL1"])])])]
    }

    static let header = X12InterchangeHeader(senderQualifier: "ZZ", senderID: "YUGRAFOODS", receiverQualifier: "ZZ", receiverID: "RETAILERXYZ",
                                             date: "250301", time: "0800", controlNumber: 101, usage: .test)

    @Test("what the writer writes the reader reads back equal, with the delimiters of its ISA", arguments: [
        X12Separators.standard,
        try? X12Separators(element: "|", component: "^", segmentTerminator: "\n"),
        try? X12Separators(element: "*", component: ":", segmentTerminator: "~", lineBreakAfterSegment: true),
    ].compactMap { $0 })
    func roundTrip(separators: X12Separators) throws {
        let bytes = try X12InterchangeWriter(separators: separators).bytes(header: Self.header, groups: Self.groups())
        let read = try X12Reader.parse(bytes)
        #expect(read.separators.element == separators.element)
        #expect(read.separators.component == separators.component)
        #expect(read.separators.segmentTerminator == separators.segmentTerminator)
        #expect(read.header == Self.header)
        #expect(read.groups == Self.groups())
        #expect(String(decoding: bytes, as: UTF8.self).contains("SE*6*0001") || separators.element != "*")
    }

    @Test("an interchange written by hand with | ^ and line breaks is read with those delimiters")
    func otherDelimiters() throws {
        let text = Self.purchaseOrder.replacingOccurrences(of: "*", with: "|").replacingOccurrences(of: "|>~", with: "|^~")
            .replacingOccurrences(of: "~\n", with: "\n")
        let read = try X12Reader.parse(text: text)
        #expect(read.separators.element == "|")
        #expect(read.separators.component == "^")
        #expect(read.separators.segmentTerminator == "\n")
        #expect(read.groups[0].transactionSets[0].segments[6] == EDISegment("PO1", ["1"], ["48"], ["EA"], ["38.50"], [], ["EN"], ["4601234500012"],
                                                                             ["VN"], ["YUG-CN-200"]))
    }

    @Test("the writer refuses a value holding a delimiter, which X12 cannot escape")
    func delimiterInData() {
        var groups = Self.groups()
        groups[1].transactionSets[0].segments.append(EDISegment("PID", ["F"], [], [], [], ["NUTS*HONEY"]))
        let error = EDIFixtures.error { _ = try X12InterchangeWriter().text(header: Self.header, groups: groups) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.key == "PID05")
        #expect(error?.line == 16)
    }

    @Test("a count or control number that is off is an error naming the segment and the control number", arguments: [
        ("SE*12*0001~", "SE*11*0001~", 14, "SE01", "transaction set 0001 counts 11"),
        ("SE*12*0001~", "SE*12*0002~", 14, "SE02", "closes transaction set 0001"),
        ("GE*1*777~", "GE*2*777~", 15, "GE01", "group 777 counts 2"),
        ("GE*1*777~", "GE*1*778~", 15, "GE02", "closes group 777"),
        ("IEA*1*000000777~", "IEA*2*000000777~", 16, "IEA01", "IEA counts 2"),
        ("IEA*1*000000777~", "IEA*1*000000778~", 16, "IEA02", "closes interchange 777"),
    ])
    func wrongCounts(original: String, replacement: String, segment: Int, key: String, says: String) {
        let error = EDIFixtures.error {
            _ = try X12Reader.parse(text: Self.purchaseOrder.replacingOccurrences(of: original, with: replacement), channel: "walmart-edi")
        }
        #expect(error?.code == .ediControl)
        #expect(error?.line == segment)
        #expect(error?.key == key)
        #expect(error?.channel == "walmart-edi")
        #expect(error?.message.contains(says) == true)
    }

    @Test("a set with no SE before the next ST or GE is an error")
    func missingSE() {
        let error = EDIFixtures.error { _ = try X12Reader.parse(text: Self.purchaseOrder.replacingOccurrences(of: "SE*12*0001~\n", with: "")) }
        #expect(error?.code == .ediControl)
        #expect(error?.key == "GE")
        #expect(error?.line == 14)
    }

    @Test("a truncated interchange is an error: inside a segment, inside a set, or before IEA")
    func truncated() throws {
        let insideSegment = try #require(Self.purchaseOrder.components(separatedBy: "CTT*2~").first) + "CTT*2"
        let segment = EDIFixtures.error { _ = try X12Reader.parse(text: insideSegment) }
        #expect(segment?.code == .ediSyntax)
        #expect(segment?.line == 13)
        #expect(segment?.key == "CTT")

        let insideSet = try #require(Self.purchaseOrder.components(separatedBy: "CTT*2~").first)
        #expect(EDIFixtures.error { _ = try X12Reader.parse(text: insideSet) }?.message.contains("transaction set 0001 has no SE") == true)

        let beforeIEA = Self.purchaseOrder.replacingOccurrences(of: "IEA*1*000000777~\n", with: "")
        var reader = X12Reader()
        let sets = try reader.read(Array(beforeIEA.utf8))
        #expect(sets.count == 1)
        #expect(sets.first?.group.controlNumber == 777)
        let end = EDIFixtures.error { _ = try reader.finish() }
        #expect(end?.key == "IEA")

        let insideISA = String(Self.purchaseOrder.prefix(60))
        #expect(EDIFixtures.error { _ = try X12Reader.parse(text: insideISA) }?.key == "ISA")
    }

    @Test("an ISA that is not of fixed width is refused at the column where it breaks")
    func isaNotFixedWidth() {
        let text = Self.purchaseOrder.replacingOccurrences(of: "*ZZ*RETAILERXYZ    *", with: "*ZZ*RETAILERXYZ*")
        let error = EDIFixtures.error { _ = try X12Reader.parse(text: text) }
        #expect(error?.code == .ediSyntax)
        #expect(error?.line == 1)
        #expect(error?.message.contains("column 51") == true)
        #expect(EDIFixtures.error { _ = try X12Reader.parse(text: "GS*PO*A*B~") }?.code == .ediSyntax)
    }

    @Test("fed one byte at a time, the reader hands back each set as its SE is checked")
    func streaming() throws {
        let bytes = try X12InterchangeWriter().bytes(header: Self.header, groups: Self.groups())
        var reader = X12Reader()
        var sets: [X12ReadTransactionSet] = []
        for byte in bytes { sets += try reader.read(CollectionOfOne(byte)) }
        #expect(try reader.finish() == Self.header)
        #expect(sets.map(\.set) == Self.groups().flatMap(\.transactionSets))
        #expect(sets.map(\.group.controlNumber) == [101, 101, 102])
    }

    @Test("a password in ISA02 never reaches an error message, a dump or a description")
    func isaSecrets() throws {
        let secret = "S3CRETPASS"
        let text = Self.purchaseOrder.replacingOccurrences(of: "ISA*00*          *", with: "ISA*01*\(secret)*")
        let header = try X12Reader.parse(text: text).header
        #expect(header.authorization == secret)
        var dumped = ""
        dump(header, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect(!"\(header)".contains(secret))
        for broken in [text.replacingOccurrences(of: "*0*P*>~", with: "*0*X*>~"),
                       text.replacingOccurrences(of: "*ZZ*RETAILERXYZ    *", with: "*ZZ*RETAILERXYZ*")] {
            let error = try #require(EDIFixtures.error { _ = try X12Reader.parse(text: broken) })
            #expect(error.line == 1)
            #expect(!error.description.contains(secret))
        }
    }

    /// Random printable values: those free of the delimiters round-trip whole, those holding one are refused,
    /// never written.
    @Test("random values round-trip when they can, and are refused when they hold a delimiter")
    func randomValues() throws {
        var generator = SeededGenerator(seed: 0x0058_3132)
        let alphabet = Array("ABCxyz0189 -./#&'()+,:;?!*>~|^")
        let separators = try X12Separators(element: "|", component: "^", segmentTerminator: "~")
        var clean = 0
        for round in 0..<300 {
            let value = String((0..<Int.random(in: 1...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "A" })
            let set = X12TransactionSet(identifier: "832", controlNumber: "0001", segments: [EDISegment("PID", ["F"], [], [], [], [value, "X"])])
            let groups = [X12FunctionalGroup(header: X12FunctionalGroupHeader(functionalID: "SC", applicationSender: "A", applicationReceiver: "B",
                                                                              date: "20250301", time: "0800", controlNumber: round + 1),
                                             transactionSets: [set])]
            let holdsDelimiter = value.contains { separators.element == $0 || separators.component == $0 || separators.segmentTerminator == $0 }
            if holdsDelimiter {
                let error = EDIFixtures.error { _ = try X12InterchangeWriter(separators: separators).bytes(header: Self.header, groups: groups) }
                #expect(error?.key == "PID05")
            } else {
                clean += 1
                let bytes = try X12InterchangeWriter(separators: separators).bytes(header: Self.header, groups: groups)
                #expect(try X12Reader.parse(bytes).groups == groups)
            }
        }
        #expect(clean > 50)
    }
}
