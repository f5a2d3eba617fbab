import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig

/// Lists price changes a guard held back, or approves them.
struct HeldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "held",
        abstract: "List price changes held back by a guard (max change, floor, ceiling).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this channel.") var channel: String?

    func run() async throws {
        let store: any HeldChangeStore = try await global.openRuntime(live: false).store
        let held = try await store.heldChanges(for: channel.map { ChannelID($0) })
        for change in held {
            print("\(change.channel)  \(change.sku)  \(change.from?.description ?? "—") → \(change.to)  \(change.reason)")
        }
        print("\(held.count) held")
    }
}

/// Approves held price changes so the next sync pushes them.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve held price changes (all of a channel's, or the SKUs named); the next sync pushes them.",
        discussion: "A price below the floor or above the ceiling cannot be approved: change the rule or the base price.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel.") var channel: String
    @Argument(help: "SKUs to approve (default: every held change of the channel).") var skus: [String] = []

    func run() async throws {
        let store: any HeldChangeStore = try await global.openRuntime(live: false).store
        let held = try await store.heldChanges(for: ChannelID(channel))
        let guarded = held.filter { !$0.guardKind.isApprovable && (skus.isEmpty || skus.contains($0.sku.rawValue)) }
        for change in guarded {
            FileHandle.standardError.write(Data("not approvable: \(change.sku): \(change.reason)\n".utf8))
        }
        let approvable: [SKU] = held.filter { $0.guardKind.isApprovable && (skus.isEmpty || skus.contains($0.sku.rawValue)) }.map { $0.sku }
        let count = approvable.isEmpty ? 0 : try await store.approveHeldChanges(channel: ChannelID(channel), skus: approvable, at: Date())
        print("\(count) price changes approved on \(channel); the next sync pushes them")
        if !guarded.isEmpty { throw ExitCode(1) }
    }
}
