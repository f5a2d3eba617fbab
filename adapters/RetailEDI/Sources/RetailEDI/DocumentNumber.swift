import Foundation

/// Our numbers for the documents we send (`BGM` `1004`, `BIA03`, `BCT02`): not control numbers (those come from
/// the store and are never reused), only what the partner shows its people.
enum DocumentNumber {
    /// `<prefix><yyMMddHHmmss>` in UTC: 15 characters for a three-letter prefix, within every limit (`BCT02` takes 15).
    static func make(_ prefix: String, at date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let text = String((value ?? 0) % 100); return text.count < 2 ? "0" + text : text }
        return prefix + two(parts.year) + two(parts.month) + two(parts.day) + two(parts.hour) + two(parts.minute) + two(parts.second)
    }

    /// The number of the answer to order `orderID`: `RSP-<order>` when it fits in `maximumLength`, else the order's
    /// own number (the answer names the order in its reference anyway).
    static func response(to orderID: String, maximumLength: Int) -> String {
        let number = "RSP-\(orderID)"
        return number.count <= maximumLength ? number : String(orderID.prefix(maximumLength))
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}
