internal import Foundation
internal import MarketSync
internal import MarketSyncWire
internal import Synchronization

/// The replaying or recording transports of one scenario step, so the step can check that every recorded
/// interaction was used, or write what it recorded.
final class TransportSet: Sendable {
    private let replaying = Mutex<[(ChannelID, ReplayingTransport)]>([])
    private let recording = Mutex<[(URL, RecordingTransport)]>([])

    func add(replaying transport: ReplayingTransport, for channel: ChannelID) {
        replaying.withLock { $0.append((channel, transport)) }
    }

    func add(recording transport: RecordingTransport, to file: URL) {
        recording.withLock { $0.append((file, transport)) }
    }

    /// One problem per cassette with interactions the step never asked for.
    func unusedProblems(step: String) async -> [String] {
        var problems: [String] = []
        for (channel, transport) in replaying.withLock({ $0 }) {
            do { try transport.assertAllUsed() } catch let error as MarketSyncError {
                problems.append("step \(step), channel \(channel): \(error.message)")
            } catch {
                problems.append("step \(step), channel \(channel): \(error)")
            }
        }
        return problems
    }

    /// Writes every recorded cassette.
    func writeRecordings() async throws {
        for (file, transport) in recording.withLock({ $0 }) {
            try transport.write(to: file)
        }
    }
}
