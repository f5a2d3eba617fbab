public import Logging
public import MarketSync

/// `check-config --online`: one signed read-only call per channel (``ChannelAdapter/verifyAccess()``), so a wrong
/// secret or an expired token is found before the first sync.
public struct AccessCheck: Sendable {
    /// What one channel answered.
    public struct Outcome: Sendable {
        /// The channel called.
        public var channel: ChannelID
        /// nil when the channel let us in. Rejected credentials are `.config` (fix the environment: exit 2);
        /// a channel that could not be reached keeps its code (`.transport`, `.channelUnavailable`: exit 1).
        public var error: MarketSyncError?
    }

    let registry: AdapterRegistry

    /// A check making each channel's adapter from `registry`.
    public init(registry: AdapterRegistry = .standard) {
        self.registry = registry
    }

    /// Calls every channel once, one after the other, on the transport `transport` makes.
    public func run(_ configuration: SyncConfiguration, clock: any SyncClock, logger: Logger,
                    transport: SyncRuntime.TransportMaker) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for settings in configuration.channels {
            do {
                let factory = try registry.factory(for: settings, file: configuration.file)
                let adapter = try factory.makeAdapter(settings, transport: try transport(settings, factory), clock: clock, logger: logger)
                try await adapter.verifyAccess()
                outcomes.append(Outcome(channel: settings.id))
            } catch let error as MarketSyncError where error.code == .unauthorized {
                var rejected = settings.configError("credentials rejected by the channel (\(error.message))", key: "credentials")
                rejected.channel = settings.id
                rejected.file = rejected.file ?? configuration.file
                rejected.underlying = error
                outcomes.append(Outcome(channel: settings.id, error: rejected))
            } catch let error as MarketSyncError {
                var failed = error
                failed.channel = settings.id
                outcomes.append(Outcome(channel: settings.id, error: failed))
            } catch {
                outcomes.append(Outcome(channel: settings.id, error: MarketSyncError(.transport, "\(error)", channel: settings.id)))
            }
        }
        return outcomes
    }
}
