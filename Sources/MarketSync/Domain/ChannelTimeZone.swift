public import Foundation

/// The time zone a channel's people and API speak in (`time_zone:` in the config, an IANA name; UTC by default).
///
/// Instants are absolute everywhere in marketsync; a zone matters only where a *day* is meant: "orders of
/// 27 November" on a Chinese marketplace are those placed between midnight and midnight in Beijing, which is
/// 16:00 UTC on the 26th to 16:00 UTC on the 27th. An adapter whose API takes or returns local dates reads the
/// zone from `ChannelSettings.timeZone`.
public struct ChannelTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The zone.
    public let zone: TimeZone

    /// Coordinated Universal Time: the default when a channel names no zone.
    public static let utc = ChannelTimeZone(validated: TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current)

    /// The zone with this IANA name, `Area/Location` (`Asia/Shanghai`, `Europe/Moscow`) or `UTC`, or nil when the
    /// system's time zone database does not know it. Abbreviations and legacy names (`CST`, `PRC`, `GMT+8`) are
    /// refused: they are ambiguous or ignore daylight saving.
    public init?(identifier: String) {
        guard identifier == "UTC" || (identifier.contains("/") && TimeZone.knownTimeZoneIdentifiers.contains(identifier)),
              let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    private init(validated zone: TimeZone) {
        self.zone = zone
    }

    /// The IANA name.
    public var identifier: String { zone.identifier }

    /// The IANA name.
    public var description: String { zone.identifier }

    /// The instants of `day` in this zone: from its first instant (local midnight, or the first time that exists
    /// when a daylight-saving change skips midnight) up to, not including, the next day's first instant. A day is
    /// 23 or 25 hours long where the clocks change.
    public func instants(of day: CalendarDay) -> Range<Date> {
        instants(from: day, through: day)
    }

    /// The instants from the first of `first` up to, not including, the first of the day after `last`; empty when
    /// `last` is before `first`.
    public func instants(from first: CalendarDay, through last: CalendarDay) -> Range<Date> {
        let start = startOfDay(first)
        guard last >= first else { return start..<start }
        let end = startOfDay(last, plusDays: 1)
        return start..<max(start, end)
    }

    /// The calendar day `instant` falls on in this zone.
    public func day(containing instant: Date) -> CalendarDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // Every instant a `Date` holds falls on a day the Gregorian calendar names; the fallback is never taken
        // for dates within years 1 to 9999.
        return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDay.epoch
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The first instant of `day` plus `plusDays` days, in this zone.
    private func startOfDay(_ day: CalendarDay, plusDays: Int = 0) -> Date {
        let calendar = self.calendar
        // Noon exists on every day in every zone (clocks change at night), so it is a safe anchor; the start of its
        // day is then the day's first instant even where midnight itself is skipped.
        var parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        parts.timeZone = zone
        let noon = calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
        let shifted = plusDays == 0 ? noon : calendar.date(byAdding: .day, value: plusDays, to: noon) ?? noon
        return calendar.startOfDay(for: shifted)
    }
}
