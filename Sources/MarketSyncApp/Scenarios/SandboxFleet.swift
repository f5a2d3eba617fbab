internal import Foundation
internal import Logging
internal import MarketSync
internal import MarketSyncSandbox
internal import Synchronization

/// The local sandboxes a recording talks to: one per channel whose adapter has one, each on its own
/// 127.0.0.1 port, the channel's endpoint rewritten to point at it.
final class SandboxFleet: Sendable {
    private struct Running: Sendable {
        var sandbox: any ChannelSandbox
        var server: LoopbackHTTPServer
        var secret: String?
    }
    private let running = Mutex<[ChannelID: Running]>([:])

    init() {}

    /// Starts a sandbox per channel with the channel's credentials (or `overrides`), and returns the
    /// configuration with endpoints on the sandboxes.
    func start(for configuration: SyncConfiguration, registry: AdapterRegistry, overrides: [String: [String: String]],
               clock: any SyncClock, logger: Logger) async throws -> SyncConfiguration {
        var configuration = configuration
        for index in configuration.channels.indices {
            let settings = configuration.channels[index]
            let factory = try registry.factory(for: settings, file: configuration.file)
            var credentials: [String: String] = [:]
            for name in settings.credentials.names { credentials[name] = settings.credentials[name] }
            for (name, value) in overrides[settings.id.rawValue] ?? [:] { credentials[name] = value }
            let sandboxSettings = ChannelSettingsWithCredentials.make(settings, credentials)
            guard let sandbox = try factory.makeSandbox(for: sandboxSettings, clock: clock, stateFile: nil, logger: logger) else {
                throw MarketSyncError(.config, "adapter \(settings.adapter) has no sandbox to record against", key: "\(settings.keyPath).adapter")
            }
            let server = LoopbackHTTPServer { request in await sandbox.handle(request) }
            // Kept before it starts, so `shutdown()` stops it even when a later step of this loop throws.
            running.withLock { $0[settings.id] = Running(sandbox: sandbox, server: server, secret: nil) }
            let port = try await server.start()
            var components = URLComponents(url: settings.endpoint, resolvingAgainstBaseURL: false)
            components?.scheme = "http"
            components?.host = "127.0.0.1"
            components?.port = Int(port)
            guard let endpoint = components?.url else {
                throw MarketSyncError(.config, "cannot point the endpoint at the sandbox", key: "\(settings.keyPath).endpoint")
            }
            configuration.channels[index].endpoint = endpoint
            let secret = factory.signingSecret(sandboxSettings)
            running.withLock { $0[settings.id] = Running(sandbox: sandbox, server: server, secret: secret) }
        }
        return configuration
    }

    /// The secret the channel's sandbox checks signatures with.
    func signingSecret(for channel: ChannelID) -> String? {
        running.withLock { $0[channel]?.secret }
    }

    /// Calls an admin endpoint of a channel's sandbox (orders, faults).
    func admin(_ call: ScenarioSpec.AdminCall) async throws {
        guard let sandbox = running.withLock({ $0[ChannelID(call.channel)]?.sandbox }) else {
            throw MarketSyncError(.config, "no sandbox for channel \(call.channel)", key: "sandbox.channel")
        }
        guard let url = URL(string: "http://127.0.0.1\(call.path)") else {
            throw MarketSyncError(.config, "bad admin path \(call.path)", key: "sandbox.path")
        }
        let body = try call.body?.data() ?? Data()
        let response = await sandbox.handle(WireRequest(method: call.body == nil ? "GET" : "POST", url: url,
                                                        headers: [HeaderField("Content-Type", "application/json")], body: body))
        guard (200..<300).contains(response.status) else {
            throw MarketSyncError(.config, "sandbox admin \(call.path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    /// Stops every sandbox server gracefully and waits for each to end.
    func shutdown() async {
        for item in running.withLock({ Array($0.values) }) { await item.server.shutdown() }
    }
}

/// A channel's settings with other credential values (the sandbox's), to ask the factory for its secret.
enum ChannelSettingsWithCredentials {
    static func make(_ settings: ChannelSettings, _ credentials: [String: String]) -> ChannelSettings {
        var copy = settings
        copy.credentials = Credentials(values: credentials, sources: settings.credentials.sources)
        return copy
    }
}
