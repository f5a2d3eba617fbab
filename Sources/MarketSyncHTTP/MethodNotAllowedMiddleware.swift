public import Hummingbird

/// Answers 405 with `Allow: GET` for a known path asked with another method (Hummingbird's router would say 404).
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The endpoint's paths; each answers GET only.
    public let paths: Set<String>

    /// A middleware for these paths.
    public init(paths: Set<String>) {
        self.paths = paths
    }

    /// 405 for a known path and another method than GET, else the route's response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, paths.contains(request.uri.path) else { return try await next(request, context) }
        var response = StatusResponses.json(["error": "method \(request.method) not allowed on \(request.uri.path); use GET"],
                                            status: .methodNotAllowed)
        response.headers[.allow] = "GET"
        return response
    }
}
