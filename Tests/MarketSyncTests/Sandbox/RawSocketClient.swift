import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP client for sending hand-made bytes to the loopback server. Its blocking reads run on a thread of their
/// own, never on a cooperative-pool thread (the server's handlers need those).
struct RawSocketClient: Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:port; throws when nothing listens there.
    static func connect(port: UInt16) async throws -> RawSocketClient {
        try await offPool { try RawSocketClient(port: port) }
    }

    private init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends `text` (small writes to a loopback socket do not block).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes the connection (or 10 s pass).
    func readToEnd() async -> String {
        await Self.offPool { [fd] in
            var result: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                result += buffer[0..<count]
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Reads until `text` has been seen `times` times in what arrived (or the connection ends, or 10 s pass).
    func read(until text: String, times: Int = 1) async -> String {
        await Self.offPool { [fd] in
            var result = ""
            var buffer = [UInt8](repeating: 0, count: 4096)
            while result.components(separatedBy: text).count - 1 < times {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                result += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            return result
        }
    }

    func closeSocket() { close(fd) }

    /// Runs blocking socket work on a thread of its own and hands back its result.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
