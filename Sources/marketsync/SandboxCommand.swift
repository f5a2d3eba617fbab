import ArgumentParser
import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncSandbox

/// Runs a channel's local sandbox on 127.0.0.1 (the demo and `record` talk to it).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local stand-in for a channel on 127.0.0.1, checking the config's credentials, until SIGINT or SIGTERM.",
        discussion: "Admin endpoints (JSON) live under /_sandbox/: state, orders, orders/random, faults, reset.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel id from the config.") var channel: String
    @Option(help: "Port on 127.0.0.1 (0 picks a free one).") var port: UInt16 = 8931
    @Option(help: "Keep the sandbox's state in this JSON file across restarts.") var state: String?

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try ConfigLoader().load(path: global.config)
        guard let settings = configuration.channels.first(where: { $0.id.rawValue == channel }) else {
            throw MarketSyncError(.config, "no channel \(channel) in the config", file: configuration.file, key: "channels.\(channel)")
        }
        let factory = try AdapterRegistry.standard.factory(for: settings, file: configuration.file)
        guard let sandbox = try factory.makeSandbox(for: settings, clock: SystemClock(),
                                                stateFile: state.map { URL(fileURLWithPath: $0) }, logger: logger) else {
            throw MarketSyncError(.config, "adapter \(settings.adapter) has no sandbox", key: "\(settings.keyPath).adapter")
        }
        let signals = SignalWatcher()
        let server = LoopbackHTTPServer(port: port) { request in await sandbox.handle(request) }
        let bound = try server.start()
        // Written unbuffered: scripts wait for this line.
        FileHandle.standardOutput.write(Data("\(channel) sandbox listening on http://127.0.0.1:\(bound)\(settings.endpoint.path)\n".utf8))
        await signals.waitForSignal()
        server.stop()
        print("\(channel) sandbox stopped")
    }
}
