internal import MarketSync
public import Foundation

/// The platform's time formats: Unix seconds in requests, and `yyyy-MM-dd HH:mm:ss` in China time (UTC+8,
/// no daylight saving) for `updated_at` in responses (docs/channels.md, "Orders").
///
/// Conversion is plain civil-calendar arithmetic: no `DateFormatter` (not thread-safe to share, slow to make)
/// and no dependence on the host's time zone database.
public enum EpinduoTime {
    /// China Standard Time's offset from UTC, in seconds.
    static let chinaOffsetSeconds: Int64 = 8 * 3600

    /// Unix seconds (rounded down) of `date`.
    public static func unixSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Parses `yyyy-MM-dd HH:mm:ss` (also `T` as the separator) as China time. Nil when malformed.
    static func parseChinaTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 32 || bytes[10] == 84,
              bytes[13] == 58, bytes[16] == 58 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        let seconds = CalendarDate.days(fromCivil: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - chinaOffsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Formats `date` as `yyyy-MM-dd HH:mm:ss` in China time (what the sandbox answers, like the platform).
    public static func chinaTimeString(_ date: Date) -> String {
        chinaTimeString(unixSeconds: unixSeconds(date))
    }

    /// Formats Unix seconds as `yyyy-MM-dd HH:mm:ss` in China time.
    public static func chinaTimeString(unixSeconds: Int64) -> String {
        let local = unixSeconds + chinaOffsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let (year, month, day) = CalendarDate.civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var yearText = "\(year)"
        while yearText.count < 4 { yearText = "0" + yearText }
        return "\(yearText)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))"
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
