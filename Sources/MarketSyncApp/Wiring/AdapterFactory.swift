public import Foundation
public import Logging
public import MarketSync
internal import MarketSyncConfig

/// How the executable makes one kind of channel: its adapter, its cassette rules and its local sandbox.
/// Registration is a table of these (`AdapterRegistry`); the engine never sees it.
public protocol AdapterFactory: Sendable {
    /// The name a config's `adapter:` key uses.
    var name: String { get }
    /// Credential names the channel needs under `credentials:`.
    var requiredCredentials: [String] { get }
    /// Credential names the channel may be given besides (a webhook's basic user and password); none by default. The
    /// adapter checks when they are allowed when it is built.
    var optionalCredentials: [String] { get }
    /// Option keys (flattened with dots) the adapter understands under `options:`.
    var knownOptions: Set<String> { get }
    /// Prefixes (`sheets.`) under which the adapter checks option keys itself when it is built, for keys that cannot
    /// be listed (numbered columns). None by default.
    var knownOptionPrefixes: [String] { get }
    /// Builds the adapter. Throws `MarketSyncError(.config)` naming the key of a bad option.
    func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter
    /// Builds the adapter for a run, with the run's store at hand: a channel that keeps records of its own there (an
    /// EDI partner's control numbers, the files it read and the answers it made) takes them from it. The default is
    /// `makeAdapter(_:transport:clock:logger:)`; commands that send nothing (check-config) call that one.
    func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger,
                     store: any SyncStore) throws -> any ChannelAdapter
    /// What is secret and volatile in this channel's traffic; `signatureCheck` adds the replayer's signature check.
    func cassetteRules(signatureCheck: Bool) -> CassetteRules
    /// The credential the channel signs requests with (`client_secret`), if it signs: its value judges signatures
    /// while recording, and at replay the cassette's own secret takes its place.
    var signingCredential: String? { get }
    /// A local stand-in speaking the same protocol and checking the channel's credentials, or nil when the
    /// adapter has none. Throws when its state file cannot be used.
    func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)?
    /// The channel's own event stream the worker keeps open (a platform's websocket), when the channel has one and
    /// its options turn it on; nil otherwise (the default). Throws `.config` naming the key of a bad option.
    func makeEventSource(_ settings: ChannelSettings, clock: any SyncClock, logger: Logger) throws -> (any ChannelEventSource)?
    /// How the channel's webhook deliveries to the worker's endpoint are checked and read, when the channel sends
    /// webhooks and its options turn them on; nil otherwise (the default). `transport` reaches the channel's API (to
    /// subscribe).
    func makeWebhook(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws
        -> (any ChannelWebhook)?
}

/// A channel's local stand-in: request in, response out.
public protocol ChannelSandbox: Sendable {
    /// Answers one request as the channel would, its errors included: it never throws, and a request it cannot
    /// read gets an error response. Called concurrently (one loopback connection per thread), so it must be safe
    /// to call from several tasks at once.
    func handle(_ request: WireRequest) async -> WireResponse
    /// What the sandbox does on its own beside answering (Walmart's sandbox posts webhook events), until the task is
    /// cancelled; run beside its server. Nothing by default.
    func runBackgroundWork() async
}

extension ChannelSandbox {
    /// A sandbox that only answers.
    public func runBackgroundWork() async {}
}

extension AdapterFactory {
    /// Every option key is listed in `knownOptions`.
    public var knownOptionPrefixes: [String] { [] }

    /// Only the required credentials.
    public var optionalCredentials: [String] { [] }

    /// A channel that pushes no events of its own.
    public func makeEventSource(_ settings: ChannelSettings, clock: any SyncClock, logger: Logger) throws -> (any ChannelEventSource)? {
        nil
    }

    /// A channel that sends no webhooks.
    public func makeWebhook(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws
        -> (any ChannelWebhook)? {
        nil
    }

    /// A channel that keeps nothing of its own in the store is built the same with or without it.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger,
                            store: any SyncStore) throws -> any ChannelAdapter {
        try makeAdapter(settings, transport: transport, clock: clock, logger: logger)
    }

    /// The secret the channel signs with under `settings`, if it signs.
    public func signingSecret(_ settings: ChannelSettings) -> String? {
        signingCredential.flatMap { settings.credentials[$0] }
    }

    /// `settings` signing with `secret` instead of its own (unchanged when the channel does not sign).
    public func settings(_ settings: ChannelSettings, signingWith secret: String) -> ChannelSettings {
        guard let signingCredential else { return settings }
        var values: [String: String] = [:]
        for name in settings.credentials.names { values[name] = settings.credentials[name] }
        values[signingCredential] = secret
        return ChannelSettingsWithCredentials.make(settings, values)
    }


    /// Every problem with a channel's credentials and option keys, each naming `file:line: key.path`.
    public func problems(_ settings: ChannelSettings, file: String) -> [MarketSyncError] {
        func error(_ message: String, _ key: String) -> MarketSyncError {
            var error = settings.configError(message, key: key)
            error.file = error.file ?? file
            return error
        }
        var problems: [MarketSyncError] = []
        for name in requiredCredentials where settings.credentials[name] == nil {
            problems.append(error("missing credential \(name) (name the environment variable that holds it)", "credentials.\(name)"))
        }
        for name in settings.credentials.names where !requiredCredentials.contains(name) && !optionalCredentials.contains(name) {
            problems.append(error("unknown credential for adapter \(self.name)", "credentials.\(name)"))
        }
        for key in settings.options.keys.sorted() where !knownOptions.contains(key) && !knownOptionPrefixes.contains(where: key.hasPrefix) {
            problems.append(error("unknown option for adapter \(self.name)", "options.\(key)"))
        }
        return problems
    }

    /// Checks credentials and option keys before anything is sent; throws every problem at once.
    public func validate(_ settings: ChannelSettings, file: String) throws {
        try ConfigErrors(problems(settings, file: file)).throwIfAny()
    }
}
