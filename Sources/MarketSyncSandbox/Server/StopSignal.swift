internal import ServiceLifecycle

/// A service that returns once a stop is requested; the server's service group is set to shut down gracefully when
/// it returns, so stopping is one non-blocking `request()` from anywhere (a `deinit` included).
struct StopSignal: Service {
    private let requests: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (requests, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the service to return. Safe to call more than once and from any thread.
    func request() {
        continuation.yield()
    }

    func run() async {
        // Also ends when the group cancels this service (the application failed to start).
        for await _ in requests { return }
    }
}
