import Foundation

/// Makes a store file unreadable and puts it back: its mode set to 000 and, because the tests may run as root
/// (which reads any file whatever its mode), the file moved aside as well; `restore()` undoes both. The worker's
/// open connections keep the file's inode, so only a fresh open can tell.
struct StoreFileBreakage {
    let path: String
    let mode: Int

    init(path: String) throws {
        self.path = path
        mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
    }

    var aside: String { path + ".aside" }

    func apply() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        try FileManager.default.moveItem(atPath: path, toPath: aside)
    }

    func restore() throws {
        try FileManager.default.moveItem(atPath: aside, toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}
