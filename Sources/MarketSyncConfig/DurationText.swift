internal import MarketSync

/// The one duration grammar of marketsync, for the config, scenarios and command-line options: a whole number
/// and a unit, `500ms`, `30s`, `5m`, `1h` or `3d`, from 1 ms up to ``maximum``.
///
/// A bare number is rejected rather than read as seconds: `interval: 5` next to `min_shelf_life: 5d` would
/// otherwise mean two different units. The range is checked before any arithmetic, so no text can overflow.
public enum DurationText {
    /// Ten years: longer than any interval, delay, look-back, shelf life or scenario step needs, and small
    /// enough that adding it to any instant or multiplying it by the retry backoff cannot overflow.
    public static let maximum = Duration.seconds(3_650 * 86_400)

    /// How a duration is written, for messages.
    static let examples = "like 500ms, 30s, 5m, 1h or 3d"

    /// Why a text is not a duration.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not a whole number followed by `ms`, `s`, `m`, `h` or `d` (a bare number included).
        case malformed
        /// The number is 0.
        case notAboveZero
        /// Longer than ``DurationText/maximum`` (3650 days).
        case aboveMaximum

        /// What follows the key in a message: `must be above 0`, ...
        public var description: String {
            switch self {
            case .malformed: "must be a whole number and a unit, \(DurationText.examples)"
            case .notAboveZero: "must be above 0"
            case .aboveMaximum: "must be at most 3650d"
            }
        }
    }

    /// Units by suffix, longest suffix first so `ms` is not read as `m`.
    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// Parses `text` (surrounding whitespace ignored).
    public static func parse(_ text: String) -> Result<Duration, Problem> {
        let trimmed = text.trimmingWhitespace()
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) else { return .failure(.malformed) }
        let digits = trimmed.dropLast(unit.suffix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.malformed) }
        // Only ASCII digits are left, so a number Int64 cannot hold is simply too large.
        guard let value = Int64(digits) else { return .failure(.aboveMaximum) }
        guard value > 0 else { return .failure(.notAboveZero) }
        guard value <= maximumMilliseconds / unit.milliseconds else { return .failure(.aboveMaximum) }
        return .success(.milliseconds(value * unit.milliseconds))
    }

    static let maximumMilliseconds: Int64 = 3_650 * 86_400_000
}
