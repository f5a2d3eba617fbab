import ArgumentParser
import MarketSync
import MarketSyncApp
import MarketSyncConfig

/// Validates the config and the environment without touching the store or the network.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the config file, adapters, credentials and sources; change and send nothing.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try ConfigLoader().load(path: global.config)
        try SyncRuntime.validate(configuration)
        var rows = 0, rejected = 0
        for source in configuration.sources {
            let report = try CatalogReader().read(path: source.path, format: source.format)
            rows += report.products.count
            rejected += report.rejections.count
            for rejection in report.rejections { print("rejected \(rejection.description)") }
        }
        print("config ok: \(configuration.channels.count) channels (\(configuration.channels.map(\.id.rawValue).joined(separator: ", "))), "
              + "\(configuration.sources.count) sources with \(rows) valid rows, \(rejected) rejected")
        if rejected > 0 { throw ExitCode(1) }
    }
}
