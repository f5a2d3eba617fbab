public import Foundation
public import MarketSync

/// Reads a dated rates file (`date,currency,rate`, a header row, `#` comments) and picks each currency's rate
/// for a day: the latest dated on or before it, or, when today's is required, today's only.
public enum RatesFile {
    /// The rates in force on `today`; errors name the file and line, or the missing currency and day.
    public static func rates(_ settings: RatesFileSettings, today: Date, needed: Set<Currency>) throws -> [Currency: DecimalRatio] {
        let text: String
        do { text = try String(contentsOfFile: settings.path, encoding: .utf8) } catch {
            throw MarketSyncError(.config, "cannot read the rates file", file: settings.path, key: "rates_file.path")
        }
        let day = CalendarDate.format(today)
        var best: [Currency: (date: String, rate: DecimalRatio)] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || (offset == 0 && line.lowercased().hasPrefix("date")) { continue }
            let fields = line.split(separator: ",").map { $0.trimmingWhitespace() }
            guard fields.count == 3, CalendarDate.parse(fields[0]) != nil, let rate = DecimalRatio(fields[2]) else {
                throw MarketSyncError(.config, "expected date,currency,rate like 2026-11-25,CNY,0.0825", file: settings.path, line: offset + 1)
            }
            guard rate.isAtMost(ValueRanges.maximumRate) else {
                throw MarketSyncError(.config, "rate \(fields[2]) must be above 0 and at most \(ValueRanges.maximumRate)",
                                      file: settings.path, line: offset + 1, key: "rate")
            }
            let currency = Currency(rawValue: fields[1])
            // ISO dates compare correctly as text.
            guard fields[0] <= day else { continue }
            if settings.requireToday && fields[0] != day { continue }
            if let known = best[currency], known.date >= fields[0] { continue }
            best[currency] = (fields[0], rate)
        }
        for currency in needed where best[currency] == nil {
            throw MarketSyncError(.config, settings.requireToday ? "no \(currency) rate dated \(day) (today's rate is required)"
                                  : "no \(currency) rate dated \(day) or earlier", file: settings.path, key: "rates_file")
        }
        return best.mapValues(\.rate)
    }
}
