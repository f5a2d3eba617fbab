public import Foundation
public import MarketSync
internal import Synchronization

/// A live transport that also writes down what it sees: each request and response becomes a cassette
/// interaction, with secrets redacted and volatile values marked as `rules` say.
///
/// Secret header values, secret query/form parameters and JSON members (at any depth) become `<redacted>` (in
/// responses too), and any secret value seen in a request, the live channel's signing secret and whatever re-signing
/// replaced (the live signature) are scrubbed from everything else recorded. Volatile request parameters and headers become `<volatile>`. Failed sends are not
/// recorded.
///
/// Signatures: when `rules.signature` and the live channel's secret (`verifyingSecret`) are set, each request is
/// judged with that secret, then stored re-signed with the cassette's own secret (``cassetteSecret``): one the channel
/// took with that secret, one it refused with another, so the verdict recorded is what the cassette's secret says of
/// the stored request. Only the cassette's own secret is written, so replay can check signatures and the live one
/// never reaches the file.
public final class RecordingTransport: Transport {
    private let live: any Transport
    private let rules: CassetteRules
    private let channel: ChannelID?
    private let verifyingSecret: String?
    /// The secret written into the cassette and every stored request is signed with; nil when no signature is judged.
    public let cassetteSecret: String?
    private let interactions = Mutex<[CassetteInteraction]>([])

    /// Records traffic sent through `live`. `verifyingSecret` is the secret the live channel checks signatures with;
    /// it judges each request and is never written. `cassetteSecret` is the cassette's own (an existing cassette's,
    /// to keep a re-recording's diff small); a fresh one is made when it is nil or equals `verifyingSecret`.
    public init(recording live: any Transport, rules: CassetteRules = .standard, channel: ChannelID? = nil,
                verifyingSecret: String? = nil, cassetteSecret: String? = nil) {
        self.live = live
        self.rules = rules
        self.channel = channel
        self.verifyingSecret = verifyingSecret
        if rules.signature != nil, let verifyingSecret {
            let own = cassetteSecret.flatMap { $0.isEmpty || $0 == verifyingSecret ? nil : $0 }
            self.cassetteSecret = own ?? Cassette.newSigningSecret()
        } else {
            self.cassetteSecret = nil
        }
    }

    /// The same as `init(recording:rules:channel:verifyingSecret:cassetteSecret:)`, spelled the way the scenario
    /// runner calls it.
    public convenience init(base: any Transport, channel: ChannelID? = nil, rules: CassetteRules = .standard,
                            verifyingSecret: String? = nil, cassetteSecret: String? = nil) {
        self.init(recording: base, rules: rules, channel: channel, verifyingSecret: verifyingSecret, cassetteSecret: cassetteSecret)
    }

    /// Forwards the request to the live transport and records the interaction.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        let response = try await live.send(request)
        let sent = CassetteRequest(capturing: request)
        var stored = request
        var verdict: SignatureVerdict?
        if let check = rules.signature, let verifyingSecret, let cassetteSecret {
            let accepted = check.isSignatureValid(request, secret: verifyingSecret)
            // A refused request is signed with a secret that is not the cassette's, whatever secret it was sent with.
            stored = check.resigned(request, secret: accepted ? cassetteSecret : "refused-" + cassetteSecret)
            verdict = accepted ? .valid : .invalid
        }
        let captured = CassetteRequest(capturing: stored)
        var recorded = captured.redacted(by: rules)
        recorded.signature = verdict
        var secrets = sent.secretValues(by: rules).union(captured.secretValues(by: rules)).union(sent.valuesReplaced(in: captured))
        if let verifyingSecret, verifyingSecret.count >= SecretScrubber.shortest { secrets.insert(verifyingSecret) }
        let interaction = SecretScrubber(secrets).scrub(CassetteInteraction(
            request: recorded, response: CassetteResponse(capturing: response, rules: rules)))
        interactions.withLock { $0.append(interaction) }
        return response
    }

    /// Everything recorded so far, in the order the responses came.
    public func cassette() -> Cassette {
        Cassette(channel: channel, signingSecret: cassetteSecret, interactions: interactions.withLock { $0 })
    }

    /// Writes the cassette recorded so far to `url`.
    public func write(to url: URL) throws {
        try cassette().write(to: url)
    }
}
