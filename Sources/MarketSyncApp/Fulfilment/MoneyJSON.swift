internal import MarketSync

/// Money as the JSON of every command writes it: the decimal amount as a string (never a binary fraction) and
/// the currency.
struct MoneyJSON: Encodable, Hashable, Sendable {
    var amount: String
    var currency: String
    init(_ money: Money) {
        amount = money.decimalString
        currency = money.currency.rawValue
    }
}
