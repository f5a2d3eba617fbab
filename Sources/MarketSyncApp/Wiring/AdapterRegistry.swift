public import MarketSync

/// The table of adapter factories by name: the only place that knows every channel protocol.
public struct AdapterRegistry: Sendable {
    private let factories: [String: any AdapterFactory]

    /// A table of `factories` by `name`; of two with the same name, the later wins.
    public init(_ factories: [any AdapterFactory]) {
        var table: [String: any AdapterFactory] = [:]
        for factory in factories { table[factory.name] = factory }
        self.factories = table
    }

    /// Every adapter marketsync ships.
    public static let standard = AdapterRegistry([EpinduoFactory(), MiraklFactory(), WalmartFactory(), EANCOMFactory(), X12Factory(),
                                                   SheetsFactory()])

    /// The registered adapter names, sorted (for messages).
    public var names: [String] { factories.keys.sorted() }

    /// The factory for a channel, or a config error naming its `adapter` key.
    public func factory(for settings: ChannelSettings, file: String) throws -> any AdapterFactory {
        guard let factory = factories[settings.adapter] else {
            var error = settings.configError("unknown adapter \"\(settings.adapter)\" (known: \(names.joined(separator: ", ")))",
                                             key: "adapter")
            error.file = error.file ?? file
            throw error
        }
        return factory
    }
}
