public import Foundation
internal import Synchronization

/// A channel sandbox's world kept in a JSON file, so a restarted sandbox (and a second CLI run) sees the same
/// world. The sandbox bumps a generation on every change; a world is written once per generation, writes are
/// serialised here (outside the sandbox's state lock), and a writer that finds a newer generation already written
/// skips. Read and write failures are kept, not thrown: a sandbox answers requests whatever its file does, and
/// `problem` says what went wrong (the factories turn it into a config error at start).
public final class SandboxStateFile<World: Codable & Sendable>: Sendable {
    /// The file.
    public let url: URL
    private let written = Mutex<Int64>(0)
    private let failure = Mutex<String?>(nil)

    /// The state file at `url` (read by `load()`, written by `save(_:)`).
    public init(url: URL) {
        self.url = url
    }

    /// Why the file could not be read or was last not written, if so.
    public var problem: String? { failure.withLock { $0 } }

    /// The world the file holds; nil when there is no file yet, or when it cannot be read (then `problem` says why).
    public func load() -> World? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(World.self, from: Data(contentsOf: url))
        } catch {
            failure.withLock { $0 = "cannot read \(url.path): \(error)" }
            return nil
        }
    }

    /// Writes the world `snapshot` gives (read under the sandbox's own lock) unless its generation was written
    /// already; keys sorted, replaced atomically.
    public func save(_ snapshot: () -> (generation: Int64, world: World)) {
        written.withLock { written in
            let (generation, world) = snapshot()
            guard generation > written else { return }
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                try encoder.encode(world).write(to: url, options: .atomic)
                written = generation
            } catch {
                failure.withLock { $0 = "cannot write \(url.path): \(error)" }
            }
        }
    }
}
