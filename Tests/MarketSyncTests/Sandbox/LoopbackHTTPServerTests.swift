import Foundation
import MarketSync
@testable import MarketSyncSandbox
import Testing

@Suite("LoopbackHTTPServer")
struct LoopbackHTTPServerTests {
    private static func echo(_ request: WireRequest) -> WireResponse {
        let text = "\(request.method) \(request.url.absoluteString) \(request.body.count)"
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "text/plain")], body: Data(text.utf8))
    }

    @Test func answersOverRawSocketWithVerbatimQueryAndKeepAlive() throws {
        let server = LoopbackHTTPServer { Self.echo($0) }
        let port = try server.start()
        defer { server.stop() }
        let client = try RawSocketClient(port: port)
        defer { client.closeSocket() }
        client.send("GET /a%2Fb?q=%E4%B8%AD+x&sign=A%3D HTTP/1.1\r\nHost: x\r\n\r\n")
        client.send("POST /p HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody")
        let answers = client.read(until: "HTTP/1.1 200 OK", times: 2)
        #expect(answers.contains("GET http://127.0.0.1:\(port)/a%2Fb?q=%E4%B8%AD+x&sign=A%3D 0"))
        client.send("HEAD /h HTTP/1.1\r\nConnection: close\r\n\r\n")
        let rest = client.readToEnd()
        #expect(rest.contains("Connection: close"))
        #expect(rest.contains("Content-Length: "))
        #expect(!rest.contains("HEAD http"), "a HEAD answer has no body")
        #expect(server.acceptedConnections == 1)
    }

    @Test func badRequestGets400AndServerKeepsServing() throws {
        let server = LoopbackHTTPServer { Self.echo($0) }
        let port = try server.start()
        defer { server.stop() }
        let bad = try RawSocketClient(port: port)
        bad.send("NOT HTTP AT ALL\r\n\r\n")
        let answer = bad.readToEnd()
        bad.closeSocket()
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request"))

        let good = try RawSocketClient(port: port)
        defer { good.closeSocket() }
        good.send("GET /ok HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(good.readToEnd().hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func expectContinueGetsInterimAnswer() throws {
        let server = LoopbackHTTPServer { Self.echo($0) }
        let port = try server.start()
        defer { server.stop() }
        let client = try RawSocketClient(port: port)
        defer { client.closeSocket() }
        client.send("PUT /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(client.read(until: "\r\n\r\n").hasPrefix("HTTP/1.1 100 Continue"))
        client.send("abc")
        #expect(client.read(until: "PUT http").contains("200 OK"))
    }

    @Test func runServesUntilCancelledThenStops() async throws {
        let server = LoopbackHTTPServer { Self.echo($0) }
        let port = try server.start()
        let running = Task { try await server.run() }
        let client = try RawSocketClient(port: port)
        client.send("GET /x HTTP/1.1\r\n\r\n")
        #expect(client.read(until: "GET http").contains("200 OK"))
        running.cancel()
        try await running.value
        // The open keep-alive connection was closed by the stop.
        #expect(client.readToEnd().isEmpty)
        client.closeSocket()
        #expect(server.port == nil)
        #expect(throws: (any Error).self) { try RawSocketClient(port: port) }
    }

    @Test func stopCancelsAHandlerThatWaits() async throws {
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let server = LoopbackHTTPServer { _ in
            enteredContinuation.yield()
            // A hung channel: only the server's stop() (which cancels handlers) ends this wait.
            try? await Task.sleep(for: .seconds(3600))
            return WireResponse(status: 503)
        }
        let port = try server.start()
        let client = try RawSocketClient(port: port)
        defer { client.closeSocket() }
        client.send("GET /slow HTTP/1.1\r\n\r\n")
        var iterator = entered.makeAsyncIterator()
        _ = await iterator.next()
        await server.shutdown()
        #expect(server.port == nil)
        #expect(client.readToEnd().isEmpty)
    }
}
