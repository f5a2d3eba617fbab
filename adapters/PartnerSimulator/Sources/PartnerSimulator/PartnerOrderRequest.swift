public import MarketSync

/// The order a person asks the simulator to place (`--order SKU=QTY[@PRICE],…`, `--order-number`).
public struct PartnerOrderRequest: Sendable, Hashable {
    /// One line asked for.
    public struct Line: Sendable, Hashable {
        /// Our SKU, resolved to the chain's GTIN or item code through the catalog.
        public var sku: SKU
        /// Units, above zero.
        public var quantity: Int64
        /// The price of one unit in hundredths of the channel's currency, when given (`@38.50`); the simulator never
        /// makes one up, so a sheet whose price column is required needs it.
        public var priceHundredths: Int64?

        /// A line as given.
        public init(sku: SKU, quantity: Int64, priceHundredths: Int64? = nil) {
            self.sku = sku
            self.quantity = quantity
            self.priceHundredths = priceHundredths
        }
    }

    /// The lines, in order.
    public var lines: [Line]
    /// The order number asked for; nil derives one from the channel, the day and the lines (`PartnerOrderNumber`).
    public var number: String?

    /// A request as given.
    public init(lines: [Line], number: String? = nil) {
        self.lines = lines
        self.number = number
    }

    /// Parses `SKU=QTY[@PRICE]` items separated by commas (`YUG-CN-200=2,YUG-LB-300=24@38.50`). Throws `config`
    /// naming the item at fault: a missing `=`, an empty SKU, a quantity that is not a whole number above zero, a
    /// price that is not a decimal of at most two places, a SKU given twice.
    public static func lines(from text: String) throws -> [Line] {
        var lines: [Line] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingWhitespace() }) {
            func fail(_ reason: String) -> MarketSyncError {
                MarketSyncError(.config, "--order item \"\(item)\": \(reason) (SKU=QTY or SKU=QTY@PRICE)", key: "--order")
            }
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw fail("no '='") }
            let sku = parts[0].trimmingWhitespace()
            guard !sku.isEmpty else { throw fail("no SKU") }
            let amount = parts[1].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            guard let quantity = Int64(amount[0]), quantity > 0, amount[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("the quantity must be a whole number above 0")
            }
            var price: Int64?
            if amount.count == 2 {
                guard let hundredths = PriceText.hundredths(amount[1]) else { throw fail("the price must be a decimal of at most two places") }
                price = hundredths
            }
            guard !lines.contains(where: { $0.sku.rawValue == sku }) else { throw fail("the SKU is given twice") }
            lines.append(Line(sku: SKU(sku), quantity: quantity, priceHundredths: price))
        }
        return lines
    }
}
