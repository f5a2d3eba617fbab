import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// Puts parked outbox items back in the queue; the next `sync` sends them.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Re-queue the outbox items a channel refused (see `failures`); the next sync sends them.",
        discussion: """
        Sends nothing itself. The next sync plans as usual: a re-queued value that still matches the plan is sent, \
        one the plan has moved past is replaced by the newer value.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (the id from the config).")
    var channel: String?

    func run() async throws {
        let runtime = try await global.openRuntime(live: false)
        let configuration = runtime.configuration
        let channelID = channel.map(ChannelID.init(rawValue:))
        if let channelID, !configuration.channels.contains(where: { $0.id == channelID }) {
            FileHandle.standardError.write(Data("note: no channel \(channelID) in the config; re-queuing what the store holds for it\n".utf8))
        }
        let outbox: any OutboxStore = runtime.store
        let count = try await outbox.requeueFailed(for: channelID)
        let scope = channelID.map { " for \($0)" } ?? ""
        switch count {
        case 0: print("nothing parked\(scope); nothing re-queued")
        case 1: print("re-queued 1 item\(scope); it goes out with the next `marketsync sync`")
        default: print("re-queued \(count) items\(scope); they go out with the next `marketsync sync`")
        }
    }
}
