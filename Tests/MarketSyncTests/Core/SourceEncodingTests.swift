import Foundation
import Testing
@testable import MarketSync
@testable import MarketSyncConfig

/// Sources in Windows-1251 (1C, Excel in Russia) and GB18030 (Chinese partners), decoded through iconv; a row
/// that cannot be decoded is rejected with its line and the rest goes on.
@Suite struct SourceEncodingTests {
    /// "Мёд липовый" in Windows-1251 (from `iconv -t WINDOWS-1251`).
    static let honey1251: [UInt8] = [0xCC, 0xB8, 0xE4, 0x20, 0xEB, 0xE8, 0xEF, 0xEE, 0xE2, 0xFB, 0xE9]
    /// "松子 𠀀" in GB18030 (from `iconv -t GB18030`): two 2-byte characters and a 4-byte one.
    static let pineNutsGB: [UInt8] = [0xCB, 0xC9, 0xD7, 0xD3, 0x20, 0x95, 0x32, 0x82, 0x36]

    func csv(_ rows: [[UInt8]]) -> [UInt8] {
        rows.flatMap { $0 + [0x0A] }
    }

    @Test func aWindows1251CatalogIsReadAndAnUndecodableRowIsRejectedAlone() throws {
        let bytes = csv([
            Array("sku;name_ru;price_rub;stock".utf8),
            Array("H-1;".utf8) + Self.honey1251 + Array(";1 150,00;3".utf8),
            Array("H-2;".utf8) + [0xCC, 0x98, 0xE4] + Array(";100;1".utf8),      // 0x98 is the one byte Windows-1251 leaves undefined
            Array("H-3;".utf8) + Self.honey1251 + Array(";99;1".utf8),
        ])
        let report = try CatalogReader().readCSV(bytes, path: "c1251.csv", encoding: .windows1251)
        #expect(report.products.map(\.sku) == ["H-1", "H-3"])
        #expect(report.products.first?.names.ru == "Мёд липовый")
        #expect(report.products.first?.basePrice.minorUnits == 115_000)
        #expect(report.rejections.map(\.line) == [3])
        #expect(report.rejections.first?.description.hasPrefix("c1251.csv:3 (SKU H-2): name_ru cannot be read as windows-1251 at byte 1 (0x98)") == true,
                "\(report.rejections)")
    }

    @Test func aGB18030CatalogIsReadAndACutCharacterIsRejectedAlone() throws {
        let bytes = csv([
            Array("sku,name_ru,name_zh,price_rub".utf8),
            Array("P-1,Oreh,".utf8) + Self.pineNutsGB + Array(",790".utf8),
            Array("P-2,Oreh,".utf8) + [0xCB] + Array(",790".utf8),                 // a 2-byte character cut after its first byte
        ])
        let report = try CatalogReader().readCSV(bytes, path: "gb.csv", encoding: .gb18030)
        #expect(report.products.map(\.names.zh) == ["松子 𠀀"])
        #expect(report.rejections.map(\.line) == [3])
        #expect(report.rejections.first?.reason.contains("gb18030") == true)
    }

    @Test func aGB18030JSONCatalogNamesTheLineOfTheFirstBadByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Array("[{\"sku\": \"P-1\", \"name_ru\": \"Oreh\", \"name_zh\": \"".utf8) + Self.pineNutsGB + Array("\", \"price_rub\": \"790\"}]".utf8)
        let path = folder.appendingPathComponent("good.json").path
        try Data(good).write(to: URL(fileURLWithPath: path))
        let report = try CatalogReader().read(path: path, encoding: .gb18030)
        #expect(report.products.first?.names.zh == "松子 𠀀")
        let badPath = folder.appendingPathComponent("bad.json").path
        try Data(Array("[\n{\"sku\": \"".utf8) + [0xFF, 0xFF] + Array("\"}]".utf8)).write(to: URL(fileURLWithPath: badPath))
        do {
            _ = try CatalogReader().read(path: badPath, encoding: .gb18030)
            Issue.record("an undecodable JSON file must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.code == .source)
            #expect(error.file == badPath)
            #expect(error.line == 2)
            #expect(error.message.contains("byte 11 (0xFF)"), "\(error.message)")
        }
    }

    @Test func aWindows1251LotsFileIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lots-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        // Warehouse "Сургут" in Windows-1251.
        let surgut: [UInt8] = [0xD1, 0xF3, 0xF0, 0xE3, 0xF3, 0xF2]
        try Data(csv([Array("sku;warehouse;quantity".utf8), Array("A;".utf8) + surgut + Array(";1 200".utf8)])).write(to: url)
        let report = try LotsReader().read(path: url.path, encoding: .windows1251)
        #expect(report.lots["A"]?.first?.warehouse == "Сургут")
        #expect(report.lots["A"]?.first?.quantity == 1_200)
    }

    @Test(arguments: [("windows-1251", SourceEncoding.windows1251), ("CP1251", .windows1251), ("gb18030", .gb18030), ("GBK", .gb18030),
                      ("utf-8", .utf8)])
    func theConfigNamesTheEncoding(_ name: String, _ encoding: SourceEncoding) throws {
        let text = """
        sources:
          - path: catalog.csv
            encoding: \(name)
        rates: {CNY: "0.0825"}
        channels:
          shop:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
        """
        let reading = ConfigLoader(environment: [:]).read(text, file: "/etc/ms/m.yaml")
        #expect(reading.configuration?.sources.first?.encoding == encoding)
        #expect(!reading.errors.contains { $0.key?.hasPrefix("sources") == true })
    }

    @Test func anUnknownEncodingIsAConfigErrorWithItsLine() throws {
        let reading = ConfigLoader(environment: [:]).read("sources:\n  - path: c.csv\n    encoding: koi8-r\n", file: "/m.yaml")
        #expect(reading.errors.contains { $0.description.hasPrefix("/m.yaml:3: sources[0].encoding: \"koi8-r\" must be utf-8, windows-1251 or gb18030") })
    }
}
