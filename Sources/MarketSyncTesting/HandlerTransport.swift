public import MarketSync

/// A `Transport` that hands each request to an in-process handler (a sandbox's `handle`), so tests drive a
/// channel's stand-in without sockets. Honours cancellation before the call, as a real transport would.
public struct HandlerTransport: Transport {
    private let handler: @Sendable (WireRequest) async -> WireResponse

    /// A transport answering every request with `handler`.
    public init(_ handler: @escaping @Sendable (WireRequest) async -> WireResponse) {
        self.handler = handler
    }

    /// The handler's response. Throws `CancellationError` if the task was cancelled before the call.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        try Task.checkCancellation()
        return await handler(request)
    }
}
