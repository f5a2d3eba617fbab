public import MarketSync
internal import PostgresNIO

extension PostgresStore {
    /// Every product with a listing on `channel`, with its lots and listings, by SKU (what a retail chain's order
    /// sheet may name, by SKU, item code or barcode). One read.
    public func products(listedOn channel: ChannelID) async throws -> [Product] {
        try await read("read the products listed on channel \(channel)") { connection in
            var skus: [String] = []
            for row in try await connection.rows("""
                SELECT p.sku FROM products p JOIN listings l ON l.product_id = p.id WHERE l.channel = \(channel.rawValue)
                """, logger: self.logger) {
                skus.append(try row.decode(String.self))
            }
            guard !skus.isEmpty else { return [] }
            return try await self.storedProducts(connection, skus: skus).values.sorted { $0.sku.rawValue < $1.sku.rawValue }
        }
    }
}
