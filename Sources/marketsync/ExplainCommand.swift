import ArgumentParser
import MarketSync
import MarketSyncApp
import MarketSyncConfig

/// Prints how each number sent for a SKU is derived.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how the stock and price sent for a SKU are derived on each channel: lots, reservations, "
            + "shelf life, share, buffer, cap; base price, rate, markup, VAT, rounding, guards.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The SKU.") var sku: String
    @Option(help: "Only this channel.") var channel: String?

    func run() async throws {
        let runtime = try await global.openRuntime(live: false)
        guard var explanations = try await runtime.engine.explain(SKU(sku)) else {
            throw MarketSyncError(.config, "SKU \(sku) is not in the store's catalog (run sync first)", sku: SKU(sku))
        }
        if let channel {
            explanations = explanations.filter { $0.channel.rawValue == channel }
            guard !explanations.isEmpty else { throw MarketSyncError(.config, "no channel \(channel) in the config", key: "channels.\(channel)") }
        }
        print(SummaryFormatter.explanation(SKU(sku), explanations))
    }
}
