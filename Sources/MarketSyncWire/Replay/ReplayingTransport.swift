public import Foundation
public import MarketSync
internal import Synchronization

/// A transport that answers from a cassette and fails loudly when the code under test sends something
/// the cassette does not hold.
///
/// Each request is served by the first unused recorded interaction that matches it, in recorded order.
/// Method, path, query (as ordered pairs), body (form fields in any order, JSON structurally, text and
/// binary exactly; volatile and secret names matched by presence) and `Content-Type` must match, as must
/// other recorded headers that are neither volatile nor secret. When `rules.signature` and the cassette's
/// signing secret are set, the request's signature verdict must equal the recorded one.
public final class ReplayingTransport: Transport {
    /// The cassette being replayed.
    public let cassette: Cassette
    private let rules: CassetteRules
    private let used: Mutex<[Bool]>

    /// Replays `cassette`, matching requests as `rules` say.
    public init(cassette: Cassette, rules: CassetteRules = .standard) {
        self.cassette = cassette
        self.rules = rules
        self.used = Mutex(Array(repeating: false, count: cassette.interactions.count))
    }

    /// Replays the cassette file at `url`.
    public convenience init(contentsOf url: URL, rules: CassetteRules = .standard) throws {
        self.init(cassette: try Cassette(contentsOf: url), rules: rules)
    }

    /// The recorded response of the first unused matching interaction; a `.cassette` error naming the
    /// nearest recorded request and what differs when none matches.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        try Task.checkCancellation()
        let sent = CassetteRequest(capturing: request)
        let comparisons = cassette.interactions.map {
            RequestComparison(recorded: $0.request, sent: sent, sentRequest: request, rules: rules,
                              signingSecret: cassette.signingSecret)
        }
        let chosen: Int? = used.withLock { used in
            guard let index = comparisons.indices.first(where: { !used[$0] && comparisons[$0].matches }) else { return nil }
            used[index] = true
            return index
        }
        if let chosen {
            return cassette.interactions[chosen].response.wireResponse()
        }
        throw mismatch(sent: sent, comparisons: comparisons)
    }

    /// Indexes of recorded interactions no request has used yet.
    func unusedInteractions() -> [Int] {
        used.withLock { used in used.indices.filter { !used[$0] } }
    }

    /// Throws a `.cassette` error listing every unused interaction (index, method, path, `type`/`method` field).
    public func assertAllUsed() throws {
        let unused = unusedInteractions()
        guard !unused.isEmpty else { return }
        let list = unused.map { "#\($0) \(cassette.interactions[$0].request.summary)" }.joined(separator: "; ")
        throw MarketSyncError(.cassette, "\(unused.count) recorded interaction(s) never used: \(list)", channel: cassette.channel)
    }

    private func mismatch(sent: CassetteRequest, comparisons: [RequestComparison]) -> MarketSyncError {
        let subject = "no recorded interaction matches \(sent.redacted(by: rules).summary)"
        guard !comparisons.isEmpty else {
            return MarketSyncError(.cassette, "\(subject): the cassette has no interactions", channel: cassette.channel)
        }
        let usedNow = used.withLock { $0 }
        if let reused = comparisons.indices.first(where: { usedNow[$0] && comparisons[$0].matches }) {
            return MarketSyncError(.cassette, "\(subject); it matches #\(reused) \(cassette.interactions[reused].request.summary), "
                                   + "which was already used (the code sent it more often than recorded)", channel: cassette.channel)
        }
        // Nearest: the highest score, unused interactions first, earliest on a tie.
        let nearest = comparisons.indices.max { lhs, rhs in
            (usedNow[lhs] ? 0 : 1, comparisons[lhs].score, -lhs) < (usedNow[rhs] ? 0 : 1, comparisons[rhs].score, -rhs)
        } ?? 0
        let recorded = cassette.interactions[nearest].request
        let differences = comparisons[nearest].differences
        let detail = differences.isEmpty
            ? "it matches #\(nearest) \(recorded.summary), which was already used"
            : "nearest is #\(nearest) \(recorded.summary)\(usedNow[nearest] ? " (already used)" : ""): "
                + differences.joined(separator: "; ")
        return MarketSyncError(.cassette, "\(subject); \(detail)", channel: cassette.channel)
    }
}
