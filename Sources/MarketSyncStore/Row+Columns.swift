internal import Foundation
internal import GRDB
internal import MarketSync

/// Reading columns by index, without reflection; every read throws (never traps) on a value of the wrong type.
extension Row {
    func int64(_ index: Int) throws -> Int64 { try decode(Int64.self, atIndex: index) }
    func optionalInt64(_ index: Int) throws -> Int64? { try decode(Int64?.self, atIndex: index) }
    func string(_ index: Int) throws -> String { try decode(String.self, atIndex: index) }
    func optionalString(_ index: Int) throws -> String? { try decode(String?.self, atIndex: index) }
    func date(_ index: Int) throws -> Date { Date(unixMilliseconds: try int64(index)) }
    func optionalDate(_ index: Int) throws -> Date? { try optionalInt64(index).map(Date.init(unixMilliseconds:)) }

    /// Money from an amount column and the currency column after it; nil when either is NULL.
    func optionalMoney(_ index: Int) throws -> Money? {
        guard let minor = try optionalInt64(index), let currency = try optionalString(index + 1) else { return nil }
        return Money(minorUnits: minor, currency: Currency(rawValue: currency))
    }

    /// Money from an amount column and the currency column after it, both required.
    func money(_ index: Int) throws -> Money {
        Money(minorUnits: try int64(index), currency: Currency(rawValue: try string(index + 1)))
    }
}
