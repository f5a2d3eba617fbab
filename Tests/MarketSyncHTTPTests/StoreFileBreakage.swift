import Foundation

/// Makes a store file unreadable and puts it back: its mode set to 000 and, because the tests may run as root
/// (which reads any file whatever its mode), its SQLite header overwritten; `restore()` undoes both.
struct StoreFileBreakage {
    let path: String
    let header: Data
    let mode: Int

    init(path: String) throws {
        self.path = path
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        header = try handle.read(upToCount: 16) ?? Data()
        try handle.close()
        mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
    }

    func apply() throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: header.count))
        try handle.close()
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    }

    func restore() throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: header)
        try handle.close()
    }
}
