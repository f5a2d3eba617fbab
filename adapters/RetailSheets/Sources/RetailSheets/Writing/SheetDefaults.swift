public import Foundation

extension TimeZone {
    /// Asia/Shanghai (China Standard Time, UTC+8, no daylight saving): the zone the chains' sheets speak in unless
    /// the channel's `time_zone` says otherwise.
    public static var chinaStandard: TimeZone {
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.current
    }
}
