internal import Foundation

/// Where the worker's HTTP endpoint listens: `127.0.0.1:9464` (`worker --http`, `worker.http`).
public struct HTTPListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The default: loopback only, the port Prometheus exporters commonly use.
    public static let loopbackDefault = HTTPListenAddress(host: "127.0.0.1", port: 9464)

    /// An IPv4 address or a host name; `[::1]` style brackets are stripped.
    public var host: String
    /// The TCP port; 0 asks the system for a free one (tests).
    public var port: Int

    /// An address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `:PORT` (loopback) or `PORT` (loopback). Nil when the port is not a number from 0
    /// to 65535 or the host is empty.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var host = HTTPListenAddress.loopbackDefault.host
        var portText = Substring(trimmed)
        if let colon = trimmed.lastIndex(of: ":") {
            let hostPart = trimmed[..<colon]
            portText = trimmed[trimmed.index(after: colon)...]
            if !hostPart.isEmpty {
                host = String(hostPart)
                if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            }
        }
        guard !host.isEmpty, !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit), let port = Int(portText),
              (0...65_535).contains(port) else { return nil }
        self.init(host: host, port: port)
    }

    /// `HOST:PORT`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
