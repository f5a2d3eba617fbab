public import Foundation
public import MarketSync

/// The date and time formats EDI envelopes and messages use, written in the partner's time zone.
public enum EDIDateFormat {
    /// `20250301` (EDIFACT date format 102, X12 CCYYMMDD) for `date` in `timeZone`.
    public static func ccyymmdd(_ date: Date, in timeZone: TimeZone) -> String {
        let parts = components(of: date, in: timeZone)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
    }

    /// `250301` (the `UNB` date of syntax version 3, `ISA09`).
    public static func yymmdd(_ date: Date, in timeZone: TimeZone) -> String {
        String(ccyymmdd(date, in: timeZone).dropFirst(2))
    }

    /// `0800` (`UNB` time, `ISA10`, `GS05`).
    public static func hhmm(_ date: Date, in timeZone: TimeZone) -> String {
        let parts = components(of: date, in: timeZone)
        return pad(parts.hour, 2) + pad(parts.minute, 2)
    }

    /// The day a `CCYYMMDD` text names, or nil when it is not eight digits of a real day. A longer text
    /// (`CCYYMMDDHHMM`, EDIFACT format 203) gives its day.
    public static func day(fromCCYYMMDD text: String) -> CalendarDay? {
        guard text.count == 8 || text.count == 12, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = Array(text)
        guard let year = Int(String(digits[0..<4])), let month = Int(String(digits[4..<6])),
              let day = Int(String(digits[6..<8])) else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// `CCYYMMDD` of a calendar day.
    public static func ccyymmdd(_ day: CalendarDay) -> String {
        pad(day.year, 4) + pad(day.month, 2) + pad(day.day, 2)
    }

    private static func components(of date: Date, in timeZone: TimeZone) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
