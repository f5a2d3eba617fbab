internal import Hummingbird

/// Counts every request that reaches the responder, whatever its answer.
struct RequestCountingMiddleware<Context: RequestContext>: RouterMiddleware {
    let counters: LoopbackServerCounters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        counters.requestReceived()
        return try await next(request, context)
    }
}
