public import Foundation

/// How a sheet writes a date or a time (`date_format:`), as a pattern of `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss`
/// (each exactly that many digits) and literal characters that are neither letters nor digits (`yyyy-MM-dd`,
/// `yyyyMMdd`, `yyyy/MM/dd HH:mm:ss`; `T` may stand between a day and a time, as ISO 8601 has it). Dates are read and written in the chain's time zone; a pattern without a time
/// reads as the day's first instant there.
public struct SheetDateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case year, month, day, hour, minute, second
        case literal(Character)

        var width: Int {
            switch self {
            case .year: 4
            case .literal: 1
            default: 2
            }
        }
    }

    /// The pattern as given.
    public let pattern: String
    let parts: [Part]

    /// `yyyy-MM-dd`.
    public static let isoDay = SheetDateFormat(validated: "yyyy-MM-dd", parts: [.year, .literal("-"), .month, .literal("-"), .day])

    /// The format of `pattern`, or nil when it holds a letter that is not part of a token, a digit, or no `yyyy`,
    /// `MM` and `dd` (every sheet date names its day).
    public init?(pattern: String) {
        var parts: [Part] = []
        var rest = Substring(pattern)
        let tokens: [(String, Part)] = [("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute), ("ss", .second)]
        while let first = rest.first {
            if let (token, part) = tokens.first(where: { rest.hasPrefix($0.0) }) {
                guard !parts.contains(part) else { return nil }
                parts.append(part)
                rest = rest.dropFirst(token.count)
            } else if first != "T" && (first.isLetter || first.isNumber) {
                return nil
            } else {
                parts.append(.literal(first))
                rest = rest.dropFirst()
            }
        }
        guard parts.contains(.year), parts.contains(.month), parts.contains(.day) else { return nil }
        self.init(validated: pattern, parts: parts)
    }

    private init(validated pattern: String, parts: [Part]) {
        self.pattern = pattern
        self.parts = parts
    }

    /// The pattern.
    public var description: String { pattern }

    /// Whether the pattern holds a time of day, not only a day.
    public var hasTime: Bool { parts.contains(.hour) }

    /// `instant` as the chain's people see it in `timeZone`.
    public func text(_ instant: Date, in timeZone: TimeZone) -> String {
        let values = Self.calendar(timeZone).dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        var text = ""
        for part in parts {
            switch part {
            case .year: text += Self.padded(values.year ?? 0, part.width)
            case .month: text += Self.padded(values.month ?? 0, part.width)
            case .day: text += Self.padded(values.day ?? 0, part.width)
            case .hour: text += Self.padded(values.hour ?? 0, part.width)
            case .minute: text += Self.padded(values.minute ?? 0, part.width)
            case .second: text += Self.padded(values.second ?? 0, part.width)
            case let .literal(character): text.append(character)
            }
        }
        return text
    }

    /// The instant `text` names in `timeZone`, or nil when it does not follow the pattern exactly or names a day or
    /// time that does not exist (`2026-02-30`, `25:00`). A time the clocks skip in that zone is nil too.
    public func instant(_ text: String, in timeZone: TimeZone) -> Date? {
        var rest = Substring(text)
        var values = DateComponents()
        values.hour = 0
        values.minute = 0
        values.second = 0
        for part in parts {
            if case let .literal(character) = part {
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
                continue
            }
            let digits = rest.prefix(part.width)
            guard digits.count == part.width, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else { return nil }
            rest = rest.dropFirst(part.width)
            switch part {
            case .year: values.year = value
            case .month: values.month = value
            case .day: values.day = value
            case .hour: values.hour = value
            case .minute: values.minute = value
            case .second: values.second = value
            case .literal: break
            }
        }
        guard rest.isEmpty, let year = values.year, let month = values.month, let day = values.day,
              let hour = values.hour, let minute = values.minute, let second = values.second,
              (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second) else { return nil }
        let calendar = Self.calendar(timeZone)
        values.timeZone = timeZone
        guard let instant = calendar.date(from: values) else { return nil }
        // The calendar rolls 30 February over into March and a skipped hour forward: read back what it made.
        let check = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard check.year == year, check.month == month, check.day == day, check.hour == hour, check.minute == minute,
              check.second == second else { return nil }
        return instant
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
