internal import Foundation

extension ChannelSettings {
    /// The line of `key` (relative to the channel, `price.ending`), or of its nearest enclosing key that is in
    /// the file (a missing `price.rate` is reported on `price:`, or on the channel's own line).
    public func line(of key: String) -> Int? {
        var path = key
        while true {
            if let line = lines[path] { return line }
            guard !path.isEmpty else { return nil }
            path = path.range(of: ".", options: .backwards).map { String(path[..<$0.lowerBound]) } ?? ""
        }
    }

    /// A `.config` error about `key` (relative to the channel) naming the file, the line and the full key path.
    public func configError(_ message: String, key: String) -> MarketSyncError {
        MarketSyncError(.config, message, file: file.isEmpty ? nil : file, line: line(of: key), key: "\(keyPath).\(key)")
    }
}
