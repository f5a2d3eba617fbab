public import Foundation
internal import MarketSync

/// Walmart's time formats (docs/channels.md, "Every call"): epoch milliseconds in answers (`orderDate`,
/// `statusDate`, `shipDateTime`), and `yyyy-MM-dd'T'HH:mm:ssZ` in UTC in the order-list query. Plain civil-calendar
/// arithmetic: no `DateFormatter`, no dependence on the host's time zone database.
public enum WalmartTime {
    /// Epoch milliseconds of `date`, rounded down to the whole second (what the adapter sends: `shipDateTime`).
    public static func epochMilliseconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down)) * 1000
    }

    /// The instant of `milliseconds` since the epoch.
    public static func date(epochMilliseconds milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    /// `2026-11-20T08:00:00Z`: the date-with-time form the order-list parameters take.
    public static func queryString(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CalendarDate.civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Reads `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ss` with optional fraction and `Z` (or no zone: UTC), as the
    /// order-list parameters allow. Nil when malformed.
    public static func parseQuery(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = CalendarDate.days(fromCivil: year, month: month, day: day) * 86_400
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58, bytes[16] == 58,
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  hour < 24, minute < 60, second < 61 else { return nil }
            var rest = bytes[19...]
            if rest.first == 46 {
                rest = rest.dropFirst()
                guard let first = rest.first, first >= 48 && first <= 57 else { return nil }
                while let next = rest.first, next >= 48 && next <= 57 { rest = rest.dropFirst() }
            }
            guard rest.isEmpty || Array(rest) == [90] else { return nil }
            seconds += hour * 3600 + minute * 60 + second
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
