public import Foundation
public import Logging
public import MarketSync

/// How the executable makes one kind of channel: its adapter, its cassette rules and its local sandbox.
/// Registration is a table of these (`AdapterRegistry`); the engine never sees it.
public protocol AdapterFactory: Sendable {
    /// The name a config's `adapter:` key uses.
    var name: String { get }
    /// Credential names the channel needs under `credentials:`.
    var requiredCredentials: [String] { get }
    /// Option keys (flattened with dots) the adapter understands under `options:`.
    var knownOptions: Set<String> { get }
    /// Builds the adapter. Throws `MarketSyncError(.config)` naming the key of a bad option.
    func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter
    /// What is secret and volatile in this channel's traffic; `signatureCheck` adds the replayer's signature check.
    func cassetteRules(signatureCheck: Bool) -> CassetteRules
    /// The secret the channel signs with, if it signs (recorded verdicts are made with it).
    func signingSecret(_ settings: ChannelSettings) -> String?
    /// A local stand-in speaking the same protocol and checking the channel's credentials, or nil when the
    /// adapter has none. Throws when its state file cannot be used.
    func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)?
}

/// A channel's local stand-in: request in, response out.
public protocol ChannelSandbox: Sendable {
    func handle(_ request: WireRequest) async -> WireResponse
}

extension AdapterFactory {
    /// Checks credentials and option keys before anything is sent.
    public func validate(_ settings: ChannelSettings, file: String) throws {
        for name in requiredCredentials where settings.credentials[name] == nil {
            throw MarketSyncError(.config, "missing credential \(name) (name the environment variable that holds it)",
                                  file: file, key: "\(settings.keyPath).credentials.\(name)")
        }
        for name in settings.credentials.names where !requiredCredentials.contains(name) {
            throw MarketSyncError(.config, "unknown credential for adapter \(self.name)", file: file,
                                  line: nil, key: "\(settings.keyPath).credentials.\(name)")
        }
        for (key, value) in settings.options where !knownOptions.contains(key) {
            throw MarketSyncError(.config, "unknown option for adapter \(self.name)", file: file, line: value.line,
                                  key: "\(settings.keyPath).options.\(key)")
        }
    }
}
