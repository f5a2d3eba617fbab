/// An ISO 4217 currency with the number of minor units the domain keeps for it.
public struct Currency: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
    public var description: String { rawValue }

    public static let rub = Currency(rawValue: "RUB")
    public static let cny = Currency(rawValue: "CNY")
    public static let usd = Currency(rawValue: "USD")

    /// Minor units per major unit (kopecks, fen, cents): 100 for every currency marketsync handles.
    var minorPerMajor: Int64 { 100 }
}
