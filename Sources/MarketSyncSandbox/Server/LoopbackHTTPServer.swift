public import Foundation
public import Logging
public import MarketSync
internal import ServiceLifecycle
internal import Synchronization

/// A small HTTP/1.1 server bound to 127.0.0.1, for channel sandboxes and transport tests, on Hummingbird.
///
/// The server runs a Hummingbird `Application` in a task it owns, in a service group of its own (no signal
/// handlers). Hummingbird (over SwiftNIO) parses HTTP/1.1: keep-alive, pipelining, `Content-Length` and chunked
/// request bodies; a request it cannot parse gets 400 and its connection is closed. On top of it the server answers
/// `Expect: 100-continue`, collects each body whole (up to `maxBodyBytes`, else 413) and hands every request,
/// whatever its method and path, to the async handler.
///
/// The URL given to the handler is `http://127.0.0.1:PORT` followed by the request target exactly as sent, so
/// percent-encoded query strings arrive verbatim (channels sign them). Header names and values pass through as
/// sent, repeated ones repeated.
///
/// Stopping (`shutdown()`) is a graceful shutdown: the server stops listening, handlers still running are
/// cancelled (a sandbox simulating a hung channel waits for ever otherwise), their answers are written, every
/// connection is closed, and the application's task has ended when `shutdown()` returns.
public final class LoopbackHTTPServer: Sendable {
    /// The largest request body the server collects (64 MiB); a larger one is answered 413.
    public static let maxBodyBytes = 64 * 1024 * 1024

    /// The default logger: it writes nowhere (a sandbox's server has nothing to tell but Hummingbird's start line).
    public static let silentLogger = Logger(label: "marketsync.sandbox.http", factory: { _ in SwiftLogNoOpLogHandler() })

    enum Phase {
        case idle
        /// The application's task runs; `port` is known once it listens.
        case running(task: Task<Void, any Error>, stop: StopSignal, port: UInt16?)
        case stopping(task: Task<Void, any Error>)
        case stopped
    }

    let requestedPort: UInt16
    /// The largest request body collected; `maxBodyBytes` but in tests.
    let bodyLimit: Int
    let handler: @Sendable (WireRequest) async -> WireResponse
    let logger: Logger
    let counters = LoopbackServerCounters()
    private let phase = Mutex(Phase.idle)

    /// A server that will listen on `port` of 127.0.0.1 (0 picks a free port) and answer with `handler`.
    /// Hummingbird logs through `logger` (by default nowhere).
    public convenience init(port: UInt16 = 0, logger: Logger = LoopbackHTTPServer.silentLogger,
                            handler: @escaping @Sendable (WireRequest) async -> WireResponse) {
        self.init(port: port, bodyLimit: Self.maxBodyBytes, logger: logger, handler: handler)
    }

    /// A server with another body limit (tests).
    init(port: UInt16, bodyLimit: Int, logger: Logger = LoopbackHTTPServer.silentLogger,
         handler: @escaping @Sendable (WireRequest) async -> WireResponse) {
        self.requestedPort = port
        self.bodyLimit = bodyLimit
        self.logger = logger
        self.handler = handler
    }

    deinit {
        // A server dropped without `shutdown()` still stops; nothing waits for it.
        if case .running(_, let stop, _) = phase.withLock({ $0 }) { stop.request() }
    }

    /// The port the server listens on, once started and until stopped.
    public var port: UInt16? {
        phase.withLock { phase in
            if case .running(_, _, let port) = phase { return port }
            return nil
        }
    }

    /// The base URL of the running server, `http://127.0.0.1:PORT`.
    public var baseURL: URL? {
        port.flatMap { URL(string: "http://127.0.0.1:\($0)") }
    }

    /// How many connections were accepted so far (tests use it to see keep-alive at work).
    var acceptedConnections: Int { counters.acceptedConnections }

    /// How many requests reached the handler's responder so far, including those answered 400 or 413 there.
    var handledRequests: Int { counters.handledRequests }

    /// Starts the application and returns the real port once it listens; connections are accepted from then on.
    /// Throws `.transport` when 127.0.0.1:port cannot be bound. A server starts once.
    @discardableResult
    public func start() async throws -> UInt16 {
        let (listening, listeningContinuation) = AsyncStream.makeStream(of: Int?.self, bufferingPolicy: .bufferingNewest(1))
        let stop = StopSignal()
        let application = makeApplication { port in listeningContinuation.yield(port) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: application),
                .init(service: stop, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        let task: Task<Void, any Error> = try phase.withLock { phase in
            guard case .idle = phase else { throw MarketSyncError(.config, "the loopback server was already started") }
            // The server owns this task: `shutdown()` ends it and waits for it.
            let task = Task {
                defer { listeningContinuation.finish() }
                try await group.run()
            }
            phase = .running(task: task, stop: stop, port: nil)
            return task
        }

        var iterator = listening.makeAsyncIterator()
        if let reported = await iterator.next(), let port = reported.flatMap({ UInt16(exactly: $0) }) {
            phase.withLock { phase in
                if case .running(let task, let stop, nil) = phase { phase = .running(task: task, stop: stop, port: port) }
            }
            return port
        }
        // Not listening: the bind failed, the caller was cancelled, or a shutdown came first.
        let cancelled = Task.isCancelled
        await shutdown()
        if case .failure(let error) = await task.result {
            throw MarketSyncError(.transport, "cannot listen on 127.0.0.1:\(requestedPort): \(error)", underlying: error)
        }
        if cancelled { throw CancellationError() }
        throw MarketSyncError(.transport, "the loopback server on 127.0.0.1:\(requestedPort) stopped before it listened")
    }

    /// Starts the server (unless `start()` already did) and serves until the task is cancelled or `shutdown()` is
    /// called, then stops it gracefully. Call `start()` first to learn the port before serving. Throws what ended
    /// the application otherwise.
    public func run() async throws {
        let idle = phase.withLock { phase in
            if case .idle = phase { return true }
            return false
        }
        if idle { try await start() }
        let (task, stop): (Task<Void, any Error>?, StopSignal?) = phase.withLock { phase in
            switch phase {
            case .running(let task, let stop, _): (task, stop)
            case .stopping(let task): (task, nil)
            case .idle, .stopped: (nil, nil)
            }
        }
        guard let task else { return }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            stop?.request()
        }
        await shutdown()
        try result.get()
    }

    /// Stops gracefully (see the type's documentation) and returns when the application's task has ended; when the
    /// calling task is cancelled meanwhile, the application's task is cancelled too. Safe to call more than once,
    /// before `start()` and concurrently; never blocks a thread.
    public func shutdown() async {
        let task: Task<Void, any Error>? = phase.withLock { phase in
            switch phase {
            case .idle:
                phase = .stopped
                return nil
            case .running(let task, let stop, _):
                stop.request()
                phase = .stopping(task: task)
                return task
            case .stopping(let task):
                return task
            case .stopped:
                return nil
            }
        }
        guard let task else { return }
        // A caller cancelled while waiting stops being polite: handlers and connections are cancelled outright.
        _ = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        phase.withLock { $0 = .stopped }
    }
}
