import MarketSync
import Testing

@Suite struct FileDropNameTests {
    @Test(arguments: [
        ("", FileDropName.Problem.empty), (".", .dotName), ("..", .dotName), ("../etc/passwd", .pathSeparator),
        ("/etc/passwd", .pathSeparator), ("a/b.edi", .pathSeparator), ("..\\boot.ini", .backslash), ("C:\\x.edi", .backslash),
        ("nul\u{0}.edi", .nul), ("line\r\nRNTO x", .controlCharacter), ("tab\t.edi", .controlCharacter), ("q\".edi", .quote),
        (String(repeating: "a", count: 256), .tooLong), (".hidden", .reserved), ("ORDERS.edi.tmp", .reserved),
    ])
    func refusedNames(_ name: String, _ problem: FileDropName.Problem) {
        #expect(FileDropName.problem(with: name) == problem)
        let error = #expect(throws: MarketSyncError.self) { _ = try FileDropName(name) }
        #expect(error?.code == .validation)
    }

    @Test(arguments: ["ORDERS_000123.edi", "Заказ 7.csv", "订单-2026.xml", "a..b.edi", "-dash.edi", "INVOIC.EDI"])
    func acceptedNames(_ name: String) throws {
        #expect(try FileDropName(name).value == name)
    }

    @Test func sanitizedNamesAreAlwaysGoodNames() throws {
        for raw in ["..\\..\\boot.ini", "/etc/passwd", "...", "x.tmp", "a\u{0}b", String(repeating: "я", count: 300)] {
            let clean = FileDropName.sanitized(raw)
            #expect(FileDropName.problem(with: clean.value) == nil, "\(clean)")
        }
        #expect(FileDropName.sanitized("..\\..\\boot.ini").value == "_.._boot.ini")
        #expect(FileDropName.sanitized("...").value == "unnamed")
    }

    @Test func temporaryNamesAreOursAndPartnersButNeverHostileOnes() throws {
        #expect(try FileDropName("A.edi").temporary == ".A.edi.tmp")
        #expect(FileDropName.isTemporary(".A.edi.tmp"))
        #expect(FileDropName.isTemporary("A.edi.part"))
        #expect(!FileDropName.isTemporary("A.edi"))
        #expect(!FileDropName.isTemporary("..\\A.edi"), "hostile first: reported, not passed over")
        #expect(!FileDropName.isTemporary(".."))
    }
}
