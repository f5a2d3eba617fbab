public import Hummingbird

/// Refuses, before any route runs, a request that declares a body larger than the endpoint accepts (413).
public struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body accepted, in bytes.
    public let maxBodyBytes: Int
    /// Path prefixes whose routes read their body within a limit of their own, and answer (and count) a body over
    /// it their own way: the webhook route.
    public let routesReadingTheirBody: [String]

    /// A middleware with this limit.
    public init(maxBodyBytes: Int, routesReadingTheirBody: [String] = []) {
        self.maxBodyBytes = maxBodyBytes
        self.routesReadingTheirBody = routesReadingTheirBody
    }

    /// 413 when `Content-Length` is over the limit, else the route's response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes,
           !routesReadingTheirBody.contains(where: { request.uri.path.hasPrefix($0) }) {
            return StatusResponses.json(["error": "request body over \(maxBodyBytes) bytes"], status: .contentTooLarge)
        }
        return try await next(request, context)
    }
}
