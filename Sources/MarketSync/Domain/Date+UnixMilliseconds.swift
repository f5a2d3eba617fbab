public import Foundation

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded; the stores' integer date format (SQLite and PostgreSQL). Clamped, never traps.
    public var unixMilliseconds: Int64 {
        let value = (timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return 0 }
        if value >= 9.2e18 { return Int64.max }
        if value <= -9.2e18 { return Int64.min }
        return Int64(value)
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
