import Foundation
import MarketSync
import RetailSheets
import Testing

@Suite("Dates, file names and CSV fields as sheets write them")
struct SheetTextFormsTests {
    @Test(arguments: [
        ("yyyy-MM-dd", "2026-11-27"), ("yyyyMMdd", "20261127"), ("yyyy/MM/dd HH:mm:ss", "2026/11/27 10:00:00"),
        ("yyyy-MM-ddTHH:mm", "2026-11-27T10:00"),
    ])
    func datesAreWrittenInTheChainsZone(_ pattern: String, _ text: String) throws {
        let format = try #require(SheetDateFormat(pattern: pattern))
        #expect(format.text(SheetFixtures.run, in: SheetFixtures.shanghai) == text)
        let read = try #require(format.instant(text, in: SheetFixtures.shanghai))
        #expect(format.text(read, in: SheetFixtures.shanghai) == text)
    }

    @Test func aDayReadsAsItsFirstInstantThere() throws {
        let format = SheetDateFormat.isoDay
        #expect(format.instant("2026-11-27", in: SheetFixtures.shanghai) == Date(timeIntervalSince1970: 1_795_708_800))
        #expect(format.instant("2026-11-27", in: try #require(TimeZone(identifier: "UTC"))) == Date(timeIntervalSince1970: 1_795_737_600))
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-1-05", "26-11-27", "2026-11-27 ", "２０２６-11-27", ""])
    func textThatIsNotADayIsRefused(_ text: String) {
        #expect(SheetDateFormat.isoDay.instant(text, in: SheetFixtures.shanghai) == nil)
    }

    @Test(arguments: ["dd.MM.yy", "yyyy-MM", "yyyy-MM-dd hh", "yyyy-MM-dd 1", "yyyyyyyy-MM-dd"])
    func patternsThatCannotWorkAreRefused(_ pattern: String) {
        #expect(SheetDateFormat(pattern: pattern) == nil)
    }

    @Test func fileNamesFollowThePattern() throws {
        let naming = try SheetFileNaming(pattern: "TM_{store}_{date}_{date:yyyy-MM-dd}_{seq:3}.txt", split: .store)
        #expect(naming.name(date: SheetFixtures.run, timeZone: SheetFixtures.shanghai, sequence: 42, store: "1101", order: nil)
            == "TM_1101_20261127_2026-11-27_042.txt")
        #expect(naming.name(date: SheetFixtures.run, timeZone: SheetFixtures.shanghai, sequence: 1234, store: "店1", order: nil)
            == "TM_店1_20261127_2026-11-27_1234.txt")
        for bad in ["", ".hidden", "a/b", "a b", "a\\b"] {
            #expect(naming.name(date: SheetFixtures.run, timeZone: SheetFixtures.shanghai, sequence: 1, store: bad, order: nil) == nil)
        }
    }

    @Test(arguments: [
        ("{date", SheetFileNaming.Problem.unbalanced), ("a}b", .unbalanced), ("{seq:x}", .unknownPlaceholder("seq:x")),
        ("{date:yyyy}", .unknownPlaceholder("date:yyyy")), ("", .badLiteral), ("in\tbox", .badLiteral),
    ])
    func badPatternsAreNamed(_ pattern: String, _ problem: SheetFileNaming.Problem) {
        #expect(throws: problem) { try SheetFileNaming(pattern: pattern) }
    }

    /// Random fields built from the characters that matter (delimiters, quotes, CR, LF, spaces, a combining mark,
    /// Chinese and Cyrillic letters): whatever the writer makes of them, `CSVRecordReader` reads back the same fields.
    @Test(arguments: [CSVRecordWriter.Quoting.minimal, .always])
    func anyFieldRoundTripsThroughTheReader(_ quoting: CSVRecordWriter.Quoting) throws {
        var generator = SplitMix64(seed: 20261127)
        let alphabet: [String] = [",", ";", "\t", "\"", "\r", "\n", "\r\n", " ", "a", "Я", "松", "\u{301}", "\"\u{301}", "𠮷"]
        for delimiter in [",", ";", "\t"] as [Unicode.Scalar] {
            let writer = CSVRecordWriter(delimiter: delimiter, quoting: quoting, lineEnding: "\r\n")
            for _ in 0..<200 {
                let fields = (0..<Int(generator.next() % 4 + 1)).map { _ in
                    (0..<Int(generator.next() % 6)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
                }
                let text = writer.record(fields) + writer.record(["end"])
                let records = try CSVRecordReader(delimiter: UInt8(delimiter.value)).records(in: Array(text.utf8))
                let read = records.first.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
                #expect(read == fields || (fields == [""] && records.count == 1), "\(fields.debugDescription) as \(text.debugDescription)")
                #expect(records.last?.fields.map { String(decoding: $0, as: UTF8.self) } == ["end"])
            }
        }
    }

    @Test func minimalQuotingQuotesOnlyWhatItMust() {
        let writer = CSVRecordWriter(delimiter: ";")
        #expect(writer.record(["a,b", "c;d", "say \"hi\"", " edge", ""]) == "a,b;\"c;d\";\"say \"\"hi\"\"\";\" edge\";\r\n")
        #expect(CSVRecordWriter(quoting: .always, lineEnding: "\n").record(["", "x"]) == "\"\",\"x\"\n")
    }
}

/// A small deterministic random generator for property-style tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
