import EDI
import MarketSync
import RetailEDI
import RetailFiles

extension FileChannelOptions {
    /// The option keys every EDI channel takes besides its syntax's: the shared ones and `product_names`.
    static let ediKeys: Set<String> = sharedKeys.union(["product_names"])

    func gln(_ key: String) throws -> GLN? {
        guard let value = try text(key) else { return nil }
        do { return try GLN(validating: value) } catch {
            throw self.error("\"\(value)\" must be a GLN: 13 digits with a correct check digit (\(error))", key)
        }
    }

    /// `offers`, `product_names`, `files_per_pull`.
    func retailOptions() throws -> RetailEDIOptions {
        let offers = try offers()
        var names = ProductNameSource.en
        if let value = try text("product_names") {
            guard let source = ProductNameSource(rawValue: value.lowercased()) else {
                throw error("\"\(value)\" must be en, zh, ru or none", "product_names")
            }
            names = source
        }
        return RetailEDIOptions(offers: offers, productNames: names, filesPerPull: try filesPerPull())
    }
}
