import Foundation
import Hummingbird
import NIOCore
import HummingbirdTesting
import MarketSync
import MarketSyncHTTP
import Testing

/// The endpoint on a live port: served beside work that runs, stopped with it, and a port in use named.
@Suite("Status endpoint serving", .timeLimit(.minutes(1)))
struct StatusServingTests {
    @Test func theLiveServerAnswersTheSameRoutes() async throws {
        let wiring = try StatusWiring()
        try await wiring.endpoint.application().test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/missing", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .put) { #expect($0.status == .methodNotAllowed) }
        }
    }

    @Test func servingRunsTheWorkOnceListeningAndStopsTheServerWithIt() async throws {
        let wiring = try StatusWiring()
        let ports = PortBox()
        let answer = try await wiring.endpoint.serving(onListening: { port in await ports.set(port) }) {
            let port = try #require(await ports.port)
            #expect(port > 0)
            return "work done on \(port)"
        }
        let port = try #require(await ports.port)
        #expect(answer == "work done on \(port)")
        // Stopped: the port is free again, so another endpoint can take it.
        let again = StatusEndpoint(source: wiring.endpoint.source, registry: wiring.registry,
                                   settings: StatusEndpointSettings(address: HTTPListenAddress(host: "127.0.0.1", port: port)),
                                   logger: wiring.endpoint.logger)
        let reused = try await again.serving { "bound again" }
        #expect(reused == "bound again")
    }

    @Test func aPortInUseIsAConfigErrorAndTheWorkDoesNotStart() async throws {
        let wiring = try StatusWiring()
        let ports = PortBox()
        try await wiring.endpoint.serving(onListening: { port in await ports.set(port) }) {
            let port = try #require(await ports.port)
            let second = StatusEndpoint(source: wiring.endpoint.source, registry: wiring.registry,
                                        settings: StatusEndpointSettings(address: HTTPListenAddress(host: "127.0.0.1", port: port)),
                                        logger: wiring.endpoint.logger)
            let started = WorkFlag()
            do {
                try await second.serving { await started.set() }
                Issue.record("a second server bound \(port)")
            } catch let error as MarketSyncError {
                #expect(error.code == .config)
                #expect(error.message.contains("cannot listen on 127.0.0.1:\(port)"), "\(error)")
            }
            #expect(await started.value == false)
        }
    }
}

/// The port the endpoint reported.
actor PortBox {
    var port: Int?
    func set(_ port: Int) { self.port = port }
}

/// Whether some work ran.
actor WorkFlag {
    var value = false
    func set() { value = true }
}
