internal import Foundation

/// Notices that a source changed by polling each path's modification time and size (a folder: each entry's),
/// cheaply, with no file-system notification API; the worker polls it every second.
public struct SourceWatcher: Sendable {
    /// The watched paths.
    public let paths: [String]
    private var fingerprints: [String: Fingerprint?]

    /// What identifies a version of a file: modification time and size; of a folder, its entries'.
    struct Fingerprint: Sendable, Hashable {
        var entries: [String: Entry]
        struct Entry: Sendable, Hashable {
            var modified: Date?
            var size: UInt64?
        }
    }

    /// Watches `paths`, taking their current state as the baseline (a missing path counts as a state too).
    public init(paths: [String]) {
        self.paths = paths
        fingerprints = Dictionary(paths.map { ($0, Self.fingerprint($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The paths that changed since the last poll (or the baseline), in watch order; each change is reported once.
    public mutating func poll() -> [String] {
        var changed: [String] = []
        for path in paths {
            let now = Self.fingerprint(path)
            if fingerprints[path] != now {
                changed.append(path)
                fingerprints[path] = now
            }
        }
        return changed
    }

    static func fingerprint(_ path: String) -> Fingerprint? {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            var entries: [String: Fingerprint.Entry] = [:]
            for name in names {
                let attributes = try? manager.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
                entries[name] = Fingerprint.Entry(modified: attributes?[.modificationDate] as? Date,
                                                  size: (attributes?[.size] as? NSNumber)?.uint64Value)
            }
            return Fingerprint(entries: entries)
        }
        return Fingerprint(entries: ["": Fingerprint.Entry(modified: attributes[.modificationDate] as? Date,
                                                           size: (attributes[.size] as? NSNumber)?.uint64Value)])
    }
}
