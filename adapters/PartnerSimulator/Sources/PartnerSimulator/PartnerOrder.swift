public import Foundation
internal import MarketSync

/// An order the simulator places, resolved against the catalog: its number, when it is placed, and each line's item.
public struct PartnerOrder: Sendable, Hashable {
    /// One line: the item as the chain knows it and the units ordered.
    public struct Line: Sendable, Hashable {
        /// The product.
        public var item: PartnerItem
        /// Units ordered.
        public var quantity: Int64
        /// The price of one unit in hundredths of the channel's currency, when given.
        public var priceHundredths: Int64?

        /// A line as given.
        public init(item: PartnerItem, quantity: Int64, priceHundredths: Int64? = nil) {
            self.item = item
            self.quantity = quantity
            self.priceHundredths = priceHundredths
        }
    }

    /// The chain's order number.
    public var number: String
    /// When the order is placed.
    public var date: Date
    /// The lines, numbered 1, 2, … in this order.
    public var lines: [Line]

    /// An order as given.
    public init(number: String, date: Date, lines: [Line]) {
        self.number = number
        self.date = date
        self.lines = lines
    }
}
