/// An ISO 4217 currency with the number of minor units the domain keeps for it.
public struct Currency: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The ISO 4217 code, upper-case (`CNY`).
    public let rawValue: String
    /// A currency from its code, upper-cased (`cny` is `CNY`); the code is not checked against ISO 4217.
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
    /// The code (`CNY`).
    public var description: String { rawValue }

    /// The Russian rouble: the currency of base prices (`price_rub`) and of exchange rates' base.
    public static let rub = Currency(rawValue: "RUB")
    /// The Chinese yuan, which Epinduo prices in (minor unit: fen).
    public static let cny = Currency(rawValue: "CNY")
    /// The US dollar.
    public static let usd = Currency(rawValue: "USD")

    /// Minor units per major unit (kopecks, fen, cents): 100 for every currency marketsync handles.
    var minorPerMajor: Int64 { 100 }
}
