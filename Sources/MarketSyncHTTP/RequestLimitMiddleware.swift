public import Hummingbird

/// Refuses, before any route runs, a request that declares a body larger than the endpoint accepts (413).
public struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body accepted, in bytes.
    public let maxBodyBytes: Int

    /// A middleware with this limit.
    public init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// 413 when `Content-Length` is over the limit, else the route's response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            return StatusResponses.json(["error": "request body over \(maxBodyBytes) bytes"], status: .contentTooLarge)
        }
        return try await next(request, context)
    }
}
