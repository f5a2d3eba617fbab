public import Foundation

/// How the fulfilment commands write times: ISO 8601 in UTC for files and JSON, a short local time for tables.
public enum TimeText {
    /// `2026-11-27T06:05:00Z`, or `2026-11-27T06:05:00.250Z` when the instant has milliseconds.
    public static func iso(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let whole = Date(timeIntervalSince1970: TimeInterval(milliseconds.floorDivided(by: 1000)))
        let fraction = milliseconds - milliseconds.floorDivided(by: 1000) * 1000
        let parts = components(whole, in: utc)
        let base = "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
        return fraction == 0 ? base + "Z" : base + ".\(pad(Int(fraction), 3))Z"
    }

    /// `2026-11-27 14:05` in `zone`.
    public static func local(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(date, in: zone)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) \(pad(parts.hour, 2)):\(pad(parts.minute, 2))"
    }

    private static let utc = TimeZone(secondsFromGMT: 0) ?? TimeZone.current

    private static func components(_ date: Date, in zone: TimeZone) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (times before 1970 stay right).
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
