public import Foundation
public import MarketSync
internal import Dispatch
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A small HTTP/1.1 server bound to 127.0.0.1, for channel sandboxes and transport tests.
///
/// Each connection is served on its own dedicated thread (never on Swift's cooperative pool); the async
/// handler runs as a task that the connection thread waits for. Keep-alive, pipelining, `Content-Length`
/// and chunked request bodies, `Expect: 100-continue` and `Connection: close` are supported. A request
/// that cannot be parsed gets a 4xx answer and its connection is closed.
///
/// The URL given to the handler is `http://127.0.0.1:PORT` followed by the request target exactly as sent,
/// so percent-encoded query strings arrive verbatim.
public final class LoopbackHTTPServer: Sendable {
    struct Connection {
        var handlerTask: Task<Void, Never>?
    }

    enum Phase {
        case idle
        case running(listener: Int32, port: UInt16)
        case stopped
    }

    struct State {
        var phase: Phase = .idle
        var stopping = false
        var connections: [Int32: Connection] = [:]
        var runWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let requestedPort: UInt16
    let handler: @Sendable (WireRequest) async -> WireResponse
    let state = Mutex(State())
    /// Every thread the server started (acceptor and connections); `stop()` waits for it to drain.
    let threads = DispatchGroup()
    private let acceptedCount = Atomic<Int>(0)
    private let requestCount = Atomic<Int>(0)

    /// A server that will listen on `port` of 127.0.0.1 (0 picks a free port) and answer with `handler`.
    public init(port: UInt16 = 0, handler: @escaping @Sendable (WireRequest) async -> WireResponse) {
        self.requestedPort = port
        self.handler = handler
    }

    deinit {
        stop()
    }

    /// The port the server listens on, once started.
    public var port: UInt16? {
        state.withLock { state in
            if case .running(_, let port) = state.phase { return port }
            return nil
        }
    }

    /// The base URL of the running server, `http://127.0.0.1:PORT`.
    public var baseURL: URL? {
        port.flatMap { URL(string: "http://127.0.0.1:\($0)") }
    }

    /// How many connections were accepted so far (tests use it to see keep-alive at work).
    var acceptedConnections: Int { acceptedCount.load(ordering: .relaxed) }

    /// How many requests were answered so far, including error answers.
    var handledRequests: Int { requestCount.load(ordering: .relaxed) }

    /// Binds 127.0.0.1, starts listening and accepting on a dedicated thread, and returns the real port.
    /// When it returns, connections are accepted. A server starts once.
    @discardableResult
    public func start() throws -> UInt16 {
        try state.withLock { state in
            guard case .idle = state.phase else {
                throw MarketSyncError(.config, "the loopback server was already started")
            }
            let (listener, port) = try Self.listen(on: requestedPort)
            state.phase = .running(listener: listener, port: port)
            threads.enter()
            let thread = Thread { [self] in
                acceptLoop(listener: listener, port: port)
                threads.leave()
            }
            thread.name = "loopback-accept"
            thread.start()
            return port
        }
    }

    /// Stops accepting, closes every connection, cancels handlers still running and waits for every
    /// server thread to finish. Safe to call more than once and from any thread except a connection's.
    /// Blocks the calling thread: from async code prefer `shutdown()`.
    public func stop() {
        let (listener, waiters): (Int32?, [CheckedContinuation<Void, Never>]) = state.withLock { state in
            var listener: Int32?
            if case .running(let fd, _) = state.phase { listener = fd }
            if case .idle = state.phase {} else { state.stopping = true }
            state.phase = .stopped
            state.stopping = true
            for (fd, connection) in state.connections {
                _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
                connection.handlerTask?.cancel()
            }
            let waiters = state.runWaiters
            state.runWaiters = []
            return (listener, waiters)
        }
        if let listener {
            // On Linux, shutting down a listening socket wakes a thread blocked in accept().
            _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))
        }
        threads.wait()
        if let listener {
            _ = close(listener)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Starts the server (unless `start()` already did) and serves until the task is cancelled or `stop()`
    /// is called, then stops it. Call `start()` first to learn the port before serving.
    public func run() async throws {
        let needsStart = state.withLock { state in
            if case .idle = state.phase { return true }
            return false
        }
        if needsStart { try start() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked under the lock: the cancellation flag is set before onCancel runs, so either
                // onCancel finds this waiter or this check sees the cancellation.
                let alreadyStopped = state.withLock { state in
                    if state.stopping || Task.isCancelled { return true }
                    state.runWaiters.append(continuation)
                    return false
                }
                if alreadyStopped { continuation.resume() }
            }
        } onCancel: {
            let waiters = state.withLock { state in
                let waiters = state.runWaiters
                state.runWaiters = []
                return waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        await shutdown()
    }

    /// `stop()` for async code: the same, but the waiting happens on a thread of the server's own.
    /// `stop()` blocks until connection threads finish, and those may wait for handler tasks that need the
    /// cooperative pool; blocking pool threads in `stop()` could starve them, so async callers use this.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                stop()
                continuation.resume()
            }
            thread.name = "loopback-stop"
            thread.start()
        }
    }

    func countRequest() {
        requestCount.add(1, ordering: .relaxed)
    }

    private func acceptLoop(listener: Int32, port: UInt16) {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let error = errno
                if error == EINTR || error == ECONNABORTED { continue }
                if state.withLock({ $0.stopping }) { return }
                if error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM {
                    // Out of descriptors: yield briefly instead of spinning; connections are refused meanwhile.
                    usleep(10_000)
                    continue
                }
                return
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let admitted = state.withLock { state in
                guard !state.stopping else { return false }
                state.connections[fd] = Connection()
                threads.enter()
                return true
            }
            guard admitted else {
                _ = close(fd)
                return
            }
            acceptedCount.add(1, ordering: .relaxed)
            let thread = Thread { [self] in
                serveConnection(fd: fd, port: port)
                state.withLock { state in
                    state.connections[fd] = nil
                    // Closed under the lock so stop() never shuts down a descriptor number already reused.
                    _ = close(fd)
                }
                threads.leave()
            }
            thread.name = "loopback-conn"
            thread.start()
        }
    }

    private static func listen(on port: UInt16) throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw socketError("cannot create a socket") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = socketError("cannot bind 127.0.0.1:\(port)")
            _ = close(fd)
            throw error
        }
        guard Glibc.listen(fd, 1024) == 0 else {
            let error = socketError("cannot listen on 127.0.0.1:\(port)")
            _ = close(fd)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let error = socketError("cannot read the bound port")
            _ = close(fd)
            throw error
        }
        return (fd, UInt16(bigEndian: actual.sin_port))
    }

    private static func socketError(_ what: String) -> MarketSyncError {
        let text = String(cString: strerror(errno))
        return MarketSyncError(.transport, "\(what): \(text)")
    }
}
