public import Foundation
public import MarketSync
internal import Synchronization

/// A live transport that also writes down what it sees: each request and response becomes a cassette
/// interaction, with secrets redacted and volatile values marked as `rules` say.
///
/// Secret header values, secret query/form parameters and top-level JSON keys become `<redacted>` (in
/// responses too), and any secret value seen in a request is scrubbed from everything else recorded.
/// Volatile request parameters and headers become `<volatile>`. When `rules.signature` and a signing
/// secret are set, each request's signature verdict is recorded. Failed sends are not recorded.
public final class RecordingTransport: Transport {
    private let live: any Transport
    private let rules: CassetteRules
    private let channel: ChannelID?
    private let signingSecret: String?
    private let interactions = Mutex<[CassetteInteraction]>([])

    /// Records traffic sent through `live`. `signingSecret` must be a sandbox's FAKE secret: it is written
    /// into the cassette so a replay can check signatures.
    public init(recording live: any Transport, rules: CassetteRules = .standard, channel: ChannelID? = nil,
                signingSecret: String? = nil) {
        self.live = live
        self.rules = rules
        self.channel = channel
        self.signingSecret = signingSecret
    }

    /// The same as `init(recording:rules:channel:signingSecret:)`, spelled the way the scenario runner calls it.
    public convenience init(base: any Transport, channel: ChannelID? = nil, rules: CassetteRules = .standard,
                            signingSecret: String? = nil) {
        self.init(recording: base, rules: rules, channel: channel, signingSecret: signingSecret)
    }

    /// Forwards the request to the live transport and records the interaction.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        let response = try await live.send(request)
        let captured = CassetteRequest(capturing: request)
        var recorded = captured.redacted(by: rules)
        if let check = rules.signature, let signingSecret {
            recorded.signature = check.isSignatureValid(request, secret: signingSecret) ? .valid : .invalid
        }
        let scrubber = SecretScrubber(captured.secretValues(by: rules))
        let interaction = scrubber.scrub(CassetteInteraction(
            request: recorded, response: CassetteResponse(capturing: response, rules: rules)))
        interactions.withLock { $0.append(interaction) }
        return response
    }

    /// Everything recorded so far, in the order the responses came.
    public func cassette() -> Cassette {
        Cassette(channel: channel, signingSecret: signingSecret, interactions: interactions.withLock { $0 })
    }

    /// Writes the cassette recorded so far to `url`.
    public func write(to url: URL) throws {
        try cassette().write(to: url)
    }
}
