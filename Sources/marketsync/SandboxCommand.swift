import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncSandbox
import UnixSignals

/// Runs a channel's local sandbox on 127.0.0.1 (the demo and `record` talk to it).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local stand-in for a channel on 127.0.0.1, checking the config's credentials, until SIGINT or SIGTERM.",
        discussion: """
        Admin endpoints (JSON) live under /_sandbox/: state, history, orders, orders/random, faults, rate_limit, reset.
        With --rate-limit, router calls over the limit are answered the way the channel throttles (Epinduo: \
        error_response 70031 with a Retry-After header) and counted in the state's `throttled`.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The channel id from the config.") var channel: String
    @Option(help: "Port on 127.0.0.1 (0 picks a free one); default the port of the channel's endpoint, else 8931.") var port: UInt16?
    @Option(help: "Keep the sandbox's state in this JSON file across restarts.") var state: String?
    @Option(help: "Throttle router calls above this many a second (a token bucket on wall time).") var rateLimit: Double?
    @Option(help: "With --rate-limit: calls allowed at once after a pause (default: the rate rounded up).") var burst: Int?
    @Option(help: "Port on 127.0.0.1 of the channel's event service (Epinduo's message service), if it has one; default the port of options.message_service.url on 127.0.0.1, else a free one.")
    var eventsPort: UInt16?

    func validate() throws {
        if let rateLimit, !(rateLimit.isFinite && rateLimit > 0) { throw ValidationError("--rate-limit must be a number above 0") }
        if let burst {
            guard rateLimit != nil else { throw ValidationError("--burst needs --rate-limit") }
            guard burst >= 1 else { throw ValidationError("--burst must be at least 1") }
        }
    }

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
        if let rateLimit {
            try await limit(sandbox, perSecond: rateLimit, burst: burst ?? max(1, Int(rateLimit.rounded(.up))),
                            adapter: settings.adapter)
        }
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let server = LoopbackHTTPServer(port: settings.sandboxPort(requested: port)) { request in await sandbox.handle(request) }
        let bound = try await server.start()
        // Written unbuffered: scripts wait for this line.
        FileHandle.standardOutput.write(Data("\(channel) sandbox listening on http://127.0.0.1:\(bound)\(settings.endpoint.path)\n".utf8))
        await withTaskGroup(of: Void.self) { group in
            // What the sandbox does beside answering (Walmart's posts its webhook events).
            group.addTask { await sandbox.runBackgroundWork() }
            if let events = sandbox as? any SandboxEventService {
                let port = Int(eventsPort ?? settings.options["message_service.url"].flatMap { URL(string: $0.text) }
                    .flatMap { $0.host == "127.0.0.1" ? $0.port.flatMap(UInt16.init(exactly:)) : nil } ?? 0)
                group.addTask {
                    do {
                        try await events.runEventService(port: port, logger: logger) { url in
                            FileHandle.standardOutput.write(Data("\(channel) event service listening on \(url.absoluteString)\n".utf8))
                        }
                    } catch is CancellationError {
                    } catch {
                        logger.error("sandbox event service stopped", metadata: ["error.type": "\(type(of: error))"])
                    }
                }
            }
            for await _ in signals { break }
            group.cancelAll()
        }
        await server.shutdown()
        print("\(channel) sandbox stopped")
    }

    /// Sets the limit through the sandbox's own admin endpoint: the wiring hands out sandboxes as `ChannelSandbox`
    /// (request in, response out), so this works for any sandbox that serves `/_sandbox/rate_limit`.
    private func limit(_ sandbox: any ChannelSandbox, perSecond: Double, burst: Int, adapter: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["per_second": perSecond, "burst": burst])
        guard let url = URL(string: "http://127.0.0.1/_sandbox/rate_limit") else { return }
        let response = await sandbox.handle(WireRequest(method: "POST", url: url,
                                                        headers: [HeaderField("Content-Type", "application/json")], body: body))
        guard response.status == 200 else {
            throw MarketSyncError(.config, "the \(adapter) sandbox cannot be rate limited (HTTP \(response.status))")
        }
    }
}
