public import Foundation
public import MarketSync
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A `FileDrop` of folders on this machine (a partner's share mounted here, or a folder another tool carries).
///
/// A file is written as `.NAME.tmp` in its folder, flushed to disk (`fsync`), then hard-linked to `NAME` (which
/// fails rather than replace an existing file) and the temporary name removed, and the folder flushed: a reader
/// sees the whole file or nothing, even after a power cut. Archive and quarantine are renames on this machine, so
/// the four folders must be on one file system (a rename across two is refused with `.config`).
public struct LocalFolderDrop: FileDrop {
    private let settings: FileDropSettings

    /// A drop over the folders of `settings` (a `file://` URL). Folders are created when first written to.
    public init(settings: FileDropSettings) throws {
        guard settings.kind == .local else {
            throw MarketSyncError(.config, "a local folder drop needs a file:// URL", key: "delivery.url")
        }
        self.settings = settings
    }

    /// The base folder.
    public var location: String { settings.url.path(percentEncoded: false) }

    /// Writes `contents` as `name` atomically (temporary name, fsync, link, fsync of the folder) and verifies its size.
    public func write(_ contents: Data, named name: FileDropName, in folder: FileDropFolder) async throws {
        let directory = settings.path(of: folder)
        try createFolder(directory, folder)
        let target = "\(directory)/\(name.value)"
        if FileManager.default.fileExists(atPath: target) {
            try requireSame(contents, at: target, name: name, folder: folder)
            return
        }
        let temporary = "\(directory)/\(name.temporary)"
        try writeSynced(contents, to: temporary, name: name)
        defer { unlink(temporary) }
        if link(temporary, target) != 0 {
            let error = errno
            guard error == EEXIST else { throw failure("linking", name.value, folder, error) }
            try requireSame(contents, at: target, name: name, folder: folder)
            return
        }
        unlink(temporary)
        syncFolder(directory)
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? NSNumber)?.int64Value
        guard size == Int64(contents.count) else {
            throw MarketSyncError(.protocolViolation, "\(name) in \(folder) of \(location) has \(size.map(String.init) ?? "no") bytes after writing \(contents.count)",
                                  key: "file \(name)")
        }
    }

    /// The regular files of the folder (no folders, no links), temporary names left out.
    public func list(_ folder: FileDropFolder) async throws -> [FileDropEntry] {
        let directory = settings.path(of: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw MarketSyncError(.config, "\(folder) folder \(directory) cannot be read (missing, or no permission)", key: "delivery.\(folder)")
        }
        var entries: [FileDropEntry] = []
        for name in names where !FileDropName.isTemporary(name) && FileDropName.isMovable(name) {
            var info = stat()
            guard lstat("\(directory)/\(name)", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            entries.append(FileDropEntry(name: name, size: Int64(info.st_size),
                                         modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))))
        }
        // A name no path can hold safely (a control character) is still listed, so the inbox can report it.
        for name in names where !FileDropName.isTemporary(name) && !FileDropName.isMovable(name) && !name.contains("/") {
            entries.append(FileDropEntry(name: name, size: 0, modified: nil))
        }
        return entries
    }

    /// The file's bytes; refuses a name that could leave the folder.
    public func read(_ name: String, in folder: FileDropFolder) async throws -> Data {
        try requireMovable(name, folder)
        let path = "\(settings.path(of: folder))/\(name)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MarketSyncError(.validation, "\(FileDropName.escaped(name)) is not in \(folder) of \(location)", key: "file \(FileDropName.escaped(name))")
        }
        return data
    }

    /// Renames the file into `destination`, refusing to replace a file there; the folder is created when missing.
    public func move(_ name: String, from source: FileDropFolder, to destination: FileDropFolder, as newName: FileDropName) async throws {
        try requireMovable(name, source)
        let from = "\(settings.path(of: source))/\(name)"
        let directory = settings.path(of: destination)
        try createFolder(directory, destination)
        let to = "\(directory)/\(newName.value)"
        if FileManager.default.fileExists(atPath: to) {
            throw MarketSyncError(.validation, "\(destination) of \(location) already holds \(newName); \(FileDropName.escaped(name)) not moved",
                                  key: "file \(newName)")
        }
        if rename(from, to) != 0 { throw failure("moving", name, source, errno) }
        syncFolder(directory)
        syncFolder(settings.path(of: source))
    }

    // MARK: Helpers

    private func requireMovable(_ name: String, _ folder: FileDropFolder) throws {
        guard FileDropName.isMovable(name) else {
            throw MarketSyncError(.validation, "file name \"\(FileDropName.escaped(name))\" could leave the \(folder) folder; refused",
                                  key: "file \(FileDropName.escaped(name))")
        }
    }

    private func createFolder(_ directory: String, _ folder: FileDropFolder) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw MarketSyncError(.config, "\(folder) folder \(directory) cannot be created", key: "delivery.\(folder)", underlying: error)
        }
    }

    private func requireSame(_ contents: Data, at path: String, name: FileDropName, folder: FileDropFolder) throws {
        guard FileManager.default.contents(atPath: path) == contents else {
            throw MarketSyncError(.validation, "\(folder) of \(location) already holds a different \(name); not replaced", key: "file \(name)")
        }
    }

    private func writeSynced(_ contents: Data, to path: String, name: FileDropName) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("creating", name.value, nil, errno) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += count
            }
            return offset
        }
        guard written == contents.count, fsync(descriptor) == 0 else { throw failure("writing", name.value, nil, errno) }
    }

    private func syncFolder(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private func failure(_ doing: String, _ name: String, _ folder: FileDropFolder?, _ error: Int32) -> MarketSyncError {
        let text = String(cString: strerror(error))
        let place = folder.map { " in \($0)" } ?? ""
        let code: MarketSyncError.Code = (error == EACCES || error == EPERM || error == EXDEV || error == ENOENT || error == EROFS) ? .config : .transport
        return MarketSyncError(code, "\(doing) \(FileDropName.escaped(name))\(place) of \(location) failed: \(text)", key: "file \(FileDropName.escaped(name))")
    }
}
