import Foundation
import MarketSync
import MarketSyncConfig
import Testing

/// The Walmart channel of a one-channel config written to a temporary folder and loaded as `marketsync` would,
/// with `options` (and extra `credentials`) lines under it and fake secrets in the environment.
enum WalmartChannelConfig {
    static let environment = ["WM_ID": "id", "WM_SECRET": "secret-value", "HOOK_USER": "hook", "HOOK_PASSWORD": "hook-password-value"]

    static func channel(options: String, credentials: String = "") throws -> ChannelSettings {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walmart-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let indent = { (text: String) in text.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n") }
        let yaml = """
            sources:
              - path: catalog.csv
            rates:
              USD: "0.0110"
            channels:
              walmart:
                adapter: walmart
                endpoint: https://marketplace.walmartapis.com
                credentials:
                  client_id: WM_ID
                  client_secret: WM_SECRET
            \(indent(credentials))
                options:
            \(indent(options))
            """
        let path = folder.appendingPathComponent("marketsync.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        try Data("sku\n".utf8).write(to: folder.appendingPathComponent("catalog.csv"))
        return try #require(try ConfigLoader(environment: environment).load(path: path).channels.first)
    }
}
