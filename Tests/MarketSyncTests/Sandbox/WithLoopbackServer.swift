import MarketSync
import MarketSyncSandbox

/// Runs `body` against a started loopback server and shuts the server down afterwards, whether `body` threw or not.
func withLoopbackServer<T>(_ handler: @escaping @Sendable (WireRequest) async -> WireResponse,
                           _ body: (LoopbackHTTPServer, UInt16) async throws -> T) async throws -> T {
    let server = LoopbackHTTPServer(handler: handler)
    let port = try await server.start()
    do {
        let result = try await body(server, port)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}
