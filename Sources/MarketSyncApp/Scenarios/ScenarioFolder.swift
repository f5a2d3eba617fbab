internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The folder of one scenario. Every path a scenario names (its config, step catalogs, the cassettes named after
/// its steps and channels, the config's sources) must resolve inside it: a scenario is data that may come from
/// anyone, and `record` writes files, so `..`, absolute paths and symlinks that lead out are refused.
struct ScenarioFolder: Sendable {
    /// The folder as given.
    let path: String
    /// The folder with every symlink resolved.
    let real: String

    init(_ path: String) {
        self.path = path
        real = Self.realPath(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Why a path is refused (the message always says where it must be).
    struct Escape: Error, Sendable, CustomStringConvertible {
        var reason: String
        var description: String { "\(reason): it must be inside the scenario folder" }
    }

    /// `relative` (as written in the scenario) resolved inside the folder.
    func resolve(_ relative: String) -> Result<String, Escape> {
        if relative.isEmpty { return .failure(Escape(reason: "the path is empty")) }
        if relative.hasPrefix("/") { return .failure(Escape(reason: "\"\(relative)\" is an absolute path")) }
        if relative.contains("\0") { return .failure(Escape(reason: "\"\(relative)\" holds a NUL byte")) }
        if relative.split(separator: "/").contains("..") { return .failure(Escape(reason: "\"\(relative)\" goes up with ..")) }
        let joined = (path as NSString).appendingPathComponent(relative)
        // What the path leads to once every symlink is followed: the file itself when it exists, else the nearest
        // existing folder above it (a file `record` is about to create).
        var existing = joined
        var resolved = Self.realPath(existing)
        while resolved == nil {
            if Self.isEntry(existing) {
                return .failure(Escape(reason: "\"\(relative)\" is a symlink to nothing"))
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing, !parent.isEmpty else { break }
            existing = parent
            resolved = Self.realPath(existing)
        }
        guard let resolved, resolved == real || resolved.hasPrefix(real.hasSuffix("/") ? real : real + "/") else {
            return .failure(Escape(reason: "\"\(relative)\" leads out through a symlink"))
        }
        return .success(joined)
    }

    /// The canonical path with every symlink followed, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether anything (a file, a folder, a dangling symlink) is at `path`.
    static func isEntry(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
