import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp

/// The filters `orders` and `orders export` share, read and checked once: a bad state, time or zone is a usage
/// error (exit 2) that lists what is valid.
struct OrdersSelection {
    let filter: OrderFilter
    let zone: TimeZone

    init(channel: String?, states: [String], since: String?, tz: String) throws {
        do {
            let zone = try SinceTime.zone(tz)
            self.zone = zone
            filter = OrderFilter(channel: channel.map(ChannelID.init(rawValue:)), states: try OrderStateName.parse(states),
                                 since: try since.map { try SinceTime.parse($0, in: zone, option: "--since") })
        } catch let error as MarketSyncError {
            throw ValidationError(error.description)
        }
    }

    /// Says on standard error when the channel asked for is not in the config (the store may still hold its orders).
    func noteUnconfiguredChannel(in configuration: SyncConfiguration) {
        guard let channel = filter.channel, !configuration.channels.contains(where: { $0.id == channel }) else { return }
        FileHandle.standardError.write(Data("note: no channel \(channel) in the config; listing what the store holds for it\n".utf8))
    }
}
