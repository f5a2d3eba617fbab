internal import MarketSync

extension StatusEndpoint {
    /// Serves while `body` runs: starts listening first (so a port already in use fails before any work starts),
    /// calls `onListening` with the bound port, runs `body`, then stops the server and returns what `body` returned.
    ///
    /// - Throws: `MarketSyncError` `.config` naming the address when the server cannot listen (`body` is not run
    ///   then), or `body`'s error.
    public func serving<T: Sendable>(onListening: @escaping @Sendable (Int) async -> Void = { _ in },
                                     _ body: () async throws -> T) async throws -> T {
        let (listening, listened) = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await self.run { port in
                        await onListening(port)
                        listened.yield(port)
                        listened.finish()
                    }
                } catch {
                    listened.finish()
                    throw error
                }
            }
            var ports = listening.makeAsyncIterator()
            guard await ports.next() != nil else {
                // The server ended before it listened: its error says why.
                do { try await group.next() } catch {
                    throw MarketSyncError(.config, "cannot listen on \(settings.address): \(error)", key: "worker.http")
                }
                throw MarketSyncError(.config, "the status endpoint stopped before it listened on \(settings.address)", key: "worker.http")
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
