internal import Foundation
internal import MarketSync
internal import MarketSyncWire

/// A cassette's own signing secret on both sides of a scenario: recording keeps an existing cassette's (a small diff)
/// unless it is a credential of this recording; replay has the adapter sign with it.
enum CassetteSecret {
    /// The secret a re-recording of `file` keeps: the cassette's own, unless it is one of `credentials` (cassettes
    /// from before they had secrets of their own hold the sandbox's); nil when a fresh one is needed.
    static func reused(from file: URL, excluding credentials: Set<String>) -> String? {
        guard FileManager.default.fileExists(atPath: file.path),
              let secret = (try? Cassette(contentsOf: file))?.signingSecret,
              !secret.isEmpty, !credentials.contains(secret) else { return nil }
        return secret
    }

    /// The channel's settings for replaying `cassette`. Recording stored every request the channel took signed with
    /// the cassette's secret, so the adapter signs with it and those signatures verify again. A scenario whose sandbox
    /// knew another secret than the client (`sandbox_credentials`) recorded refused signatures: then the adapter keeps
    /// the secret it is configured with, which the cassette's does not verify either.
    static func replaySettings(_ settings: ChannelSettings, factory: any AdapterFactory, cassette: Cassette,
                               sandboxCredentials: [String: String]) -> ChannelSettings {
        guard let secret = cassette.signingSecret, let credential = factory.signingCredential else { return settings }
        if let sandbox = sandboxCredentials[credential], sandbox != settings.credentials[credential] { return settings }
        return factory.settings(settings, signingWith: secret)
    }
}
