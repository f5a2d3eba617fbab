import Foundation
import Testing
import MarketSync
import MarketSyncApp
@testable import MarketSyncConfig

/// Errors found after parsing (by the wiring, an adapter's factory or a cross-channel rule) still name
/// `file:line: key.path`, and every error of a config is reported at once.
@Suite struct ConfigErrorPlaceTests {
    let env = ["EP_ID": "id", "EP_SECRET": "secret", "EP_TOKEN": "token"]
    let file = "/etc/ms/marketsync.yaml"

    func config(_ extra: String, second: String = "") -> String {
        """
        rates:
          CNY: "0.0825"
        channels:
          shop:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        \(extra)
        \(second)
        """
    }

    func failure(_ text: String) -> MarketSyncError? {
        do {
            let configuration = try ConfigLoader(environment: env).parse(text, file: file)
            try SyncRuntime.validate(configuration)
            return nil
        } catch {
            return error as? MarketSyncError
        }
    }

    /// (YAML under the channel, the expected `file:line: key` prefix)
    @Test(arguments: [
        ("    stock: {share: \"70%\"}\n  other:\n    adapter: epinduo\n    endpoint: http://127.0.0.1:8932/api/router\n"
            + "    credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}\n    stock: {share: \"40%\"}",
         "/etc/ms/marketsync.yaml:13: channels.other.stock.share: "),
        ("    price: {step: \"0.10\", ending: \"0.95\"}", "/etc/ms/marketsync.yaml:8: channels.shop.price.ending: "),
        ("    price: {max_change: \"0%\"}", "/etc/ms/marketsync.yaml:8: channels.shop.price.max_change: "),
        ("    options: {page_size: 500}", "/etc/ms/marketsync.yaml:8: channels.shop.options.page_size: "),
        ("    options: {page_sise: 5}", "/etc/ms/marketsync.yaml:8: channels.shop.options.page_sise: "),
    ])
    func errorsFoundAfterParsingNameFileLineAndKey(_ extra: String, _ prefix: String) throws {
        let error = try #require(failure(config(extra)))
        #expect(error.code == .config)
        #expect(error.description.hasPrefix(prefix), "\(error.description)")
    }

    @Test func anUnknownAdapterNamesItsLine() throws {
        let error = try #require(failure(config("").replacingOccurrences(of: "adapter: epinduo", with: "adapter: epindou")))
        #expect(error.description.hasPrefix("/etc/ms/marketsync.yaml:5: channels.shop.adapter: "), "\(error.description)")
    }

    @Test func everyErrorIsReportedAtOnceEachWithItsPlace() throws {
        let text = config("""
                prise: {step: "0.10"}
                concurrency: 99
                schedule: {every: 2562047788016h}
            """)
        let error = try #require(failure(text))
        #expect(error.code == .config)
        let lines = error.description.split(separator: "\n").map(String.init)
        for expected in ["/etc/ms/marketsync.yaml:8: channels.shop.prise: unknown key",
                         "/etc/ms/marketsync.yaml:9: channels.shop.concurrency: ",
                         "/etc/ms/marketsync.yaml:10: channels.shop.schedule.every: "] {
            #expect(lines.contains { $0.hasPrefix(expected) }, "\(expected) in \(error.description)")
        }
    }
}
