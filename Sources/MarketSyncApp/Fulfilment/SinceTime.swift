public import Foundation
internal import MarketSync

/// Reads the time a person gives to `--since`: a calendar date (`2026-11-27`: its midnight in the time zone
/// given), a local date and time (`2026-11-27T08:30`, `2026-11-27 08:30:15`: in that time zone), or an ISO 8601
/// instant with its offset (`2026-11-27T08:30:00Z`, `2026-11-27T08:30:00+08:00`: the zone given plays no part).
public enum SinceTime {
    /// The instant `text` names, read in `zone` unless it carries its own offset; nil when it is none of the
    /// forms above or names a day or time that does not exist (`2026-02-30`, `25:00`).
    public static func parse(_ text: String, in zone: TimeZone) -> Date? {
        var scanner = Scan(text.trimmingWhitespace())
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset: Int?
        if !scanner.atEnd {
            guard scanner.take("T") || scanner.take("t") || scanner.take(" "),
                  let hours = scanner.digits(2), scanner.take(":"), let minutes = scanner.digits(2) else { return nil }
            hour = hours
            minute = minutes
            if scanner.take(":") {
                guard let seconds = scanner.digits(2) else { return nil }
                second = seconds
                if scanner.take(".") || scanner.take(",") {
                    let digits = scanner.run(of: \.isASCIIDigitCharacter)
                    guard (1...9).contains(digits.count), let value = Double("0.\(digits)") else { return nil }
                    fraction = value
                }
            }
            if !scanner.atEnd {
                guard let seconds = scanner.offset(), scanner.atEnd else { return nil }
                offset = seconds
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        if let offset {
            guard let fixed = TimeZone(secondsFromGMT: offset) else { return nil }
            calendar.timeZone = fixed
        }
        let wanted = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: wanted) else { return nil }
        // Calendar is lenient (Feb 30 becomes Mar 2): a day or time that does not exist is refused instead.
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute,
              back.second == second else { return nil }
        return date.addingTimeInterval(fraction)
    }

    /// `parse(_:in:)`, or a usage error (`.config`) naming the option and the forms it takes.
    public static func parse(_ text: String, in zone: TimeZone, option: String) throws -> Date {
        guard let date = parse(text, in: zone) else {
            throw MarketSyncError(.config, "cannot read \"\(text)\" as a date (2026-11-27) or an ISO 8601 time (2026-11-27T08:30:00Z)",
                                  key: option)
        }
        return date
    }

    /// The zone an IANA name (`Asia/Shanghai`, `UTC`) names, or a usage error (`.config`) naming the option.
    public static func zone(_ name: String, option: String = "--tz") throws -> TimeZone {
        guard let zone = TimeZone(identifier: name.trimmingWhitespace()) else {
            throw MarketSyncError(.config, "unknown time zone \"\(name)\" (an IANA name such as UTC, Europe/Moscow, Asia/Shanghai)",
                                  key: option)
        }
        return zone
    }

    /// A cursor over the text, one character at a time.
    private struct Scan {
        var rest: Substring
        init(_ text: String) { rest = Substring(text) }
        var atEnd: Bool { rest.isEmpty }

        mutating func take(_ character: Character) -> Bool {
            guard rest.first == character else { return false }
            rest.removeFirst()
            return true
        }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            let prefix = rest.prefix(count)
            guard prefix.count == count, prefix.allSatisfy(\.isASCIIDigitCharacter), let value = Int(prefix) else { return nil }
            rest.removeFirst(count)
            return value
        }

        mutating func run(of test: (Character) -> Bool) -> Substring {
            let run = rest.prefix(while: test)
            rest.removeFirst(run.count)
            return run
        }

        /// `Z`, `+08:00`, `+0800` or `-05`, as seconds east of UTC.
        mutating func offset() -> Int? {
            if take("Z") || take("z") { return 0 }
            let sign: Int
            if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
            guard let hours = digits(2), hours <= 18 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = take(":")
                guard let value = digits(2), value < 60 else { return nil }
                minutes = value
            }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}

extension Character {
    /// 0 to 9 only (not other scripts' digits).
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
