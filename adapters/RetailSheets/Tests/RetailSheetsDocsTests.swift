import Foundation
import MarketSync
import RetailSheets
import Testing
import Yams

/// The example layouts in docs/retail-sheets.md are read the way a config is: each YAML block that starts with
/// `channels:` is parsed, each channel's `options` flattened with dots (as the config loader does), and the sheets
/// built from it. An example that stops being valid fails here.
@Suite("The example layouts in the docs are valid")
struct RetailSheetsDocsTests {
    static func blocks() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/retail-sheets.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap { block in
            let body = block.components(separatedBy: "```").first ?? ""
            return body.hasPrefix("channels:") ? body : nil
        }
    }

    static func flatten(_ node: Node, prefix: String, into options: inout [String: ConfigValue]) {
        guard let mapping = node.mapping else { return }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            if let scalar = value.scalar {
                options[path] = ConfigValue(text: scalar.string, line: key.mark?.line)
            } else {
                flatten(value, prefix: path, into: &options)
            }
        }
    }

    @Test("four chains, each with the sheets its example shows")
    func examples() throws {
        var sheets: [String: [SheetKind]] = [:]
        for block in try Self.blocks() {
            let root = try #require(try Yams.compose(yaml: block))
            let channels = try #require(root.mapping?["channels"]?.mapping)
            for (key, channel) in channels {
                let id = try #require(key.string)
                var options: [String: ConfigValue] = [:]
                Self.flatten(try #require(channel.mapping?["options"]), prefix: "", into: &options)
                let layouts = try ChainSheetLayouts(options: options, keyPath: "channels.\(id).options", file: "docs/retail-sheets.md")
                sheets[id] = SheetKind.allCases.filter { layouts[$0] != nil }
            }
        }
        #expect(sheets == [
            "wumart": [.stock, .price, .orders, .orderResponse],
            "trustmart": [.stock, .price, .orders],
            "alldays": [.stock, .price, .orders, .orderResponse],
            "seven-eleven": [.stock, .price, .orders, .orderResponse],
        ])
    }

    @Test("the Wu Mart example writes the stock sheet the fixture holds")
    func wuMartExampleWrites() throws {
        let block = try #require(try Self.blocks().first)
        let root = try #require(try Yams.compose(yaml: block))
        var options: [String: ConfigValue] = [:]
        Self.flatten(try #require(root.mapping?["channels"]?.mapping?["wumart"]?.mapping?["options"]), prefix: "", into: &options)
        let layouts = try ChainSheetLayouts(options: options, keyPath: "channels.wumart.options")
        let writer = try StockSheetWriter(layout: try #require(layouts.stock), catalog: SheetFixtures.catalog)
        let file = try #require(try writer.write(SheetFixtures.stockRows, on: SheetFixtures.run, firstSequence: 7).files.first)
        #expect(file.bytes == (try SheetFixtures.fixture("wumart-stock.gb18030.csv")))
    }
}
