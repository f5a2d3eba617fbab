import Foundation
import MarketSync
@testable import MarketSyncSandbox
import Synchronization
import Testing

@Suite("LoopbackHTTPServer", .timeLimit(.minutes(1)))
struct LoopbackHTTPServerTests {
    private static func echo(_ request: WireRequest) -> WireResponse {
        let text = "\(request.method) \(request.url.absoluteString) \(request.body.count) \(String(decoding: request.body, as: UTF8.self))"
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "text/plain")], body: Data(text.utf8))
    }

    /// A started server on a free port; the caller shuts it down.
    private static func started(bodyLimit: Int = LoopbackHTTPServer.maxBodyBytes,
                                _ handler: @escaping @Sendable (WireRequest) async -> WireResponse = { echo($0) })
        async throws -> (LoopbackHTTPServer, UInt16)
    {
        let server = LoopbackHTTPServer(port: 0, bodyLimit: bodyLimit, handler: handler)
        return (server, try await server.start())
    }

    @Test func answersOverRawSocketWithVerbatimQueryAndKeepAlive() async throws {
        let (server, port) = try await Self.started()
        #expect(server.baseURL?.absoluteString == "http://127.0.0.1:\(port)")
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET /a%2Fb?q=%E4%B8%AD+x&sign=A%3D HTTP/1.1\r\nHost: x\r\n\r\n")
        client.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")
        // Both answers, in order, on the one connection.
        let answers = await client.read(until: "/p 4 body")
        #expect(answers.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(answers.contains("GET http://127.0.0.1:\(port)/a%2Fb?q=%E4%B8%AD+x&sign=A%3D 0 "))
        #expect(answers.contains("POST http://127.0.0.1:\(port)/p 4 body"))
        client.send("HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let rest = await client.readToEnd()
        client.closeSocket()
        #expect(rest.hasPrefix("HTTP/1.1 200 OK"))
        #expect(rest.lowercased().contains("connection: close"))
        #expect(rest.lowercased().contains("content-length: \("HEAD http://127.0.0.1:\(port)/h 0 ".utf8.count)"))
        #expect(!rest.contains("HEAD http"), "a HEAD answer has no body")
        #expect(server.acceptedConnections == 1)
        #expect(server.handledRequests == 3)
        await server.shutdown()
    }

    @Test func headersPassThroughAsSentAndRepeatedOnesStayRepeated() async throws {
        let seen = Mutex<[HeaderField]>([])
        let (server, port) = try await Self.started { request in
            seen.withLock { $0 = request.headers }
            return WireResponse(status: 200, headers: [HeaderField("Set-Cookie", "a=1"), HeaderField("Set-Cookie", "b=2"),
                                                       HeaderField("X-Odd-Case", "v")])
        }
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Sign: a\r\nx-sign: b\r\nWM_SEC.KEY_VERSION: 1\r\nConnection: close\r\n\r\n")
        let answer = await client.readToEnd()
        client.closeSocket()
        await server.shutdown()
        #expect(seen.withLock { $0 } == [HeaderField("Host", "127.0.0.1"), HeaderField("X-Sign", "a"), HeaderField("x-sign", "b"),
                                          HeaderField("WM_SEC.KEY_VERSION", "1"), HeaderField("Connection", "close")])
        #expect(answer.contains("Set-Cookie: a=1\r\n"))
        #expect(answer.contains("Set-Cookie: b=2\r\n"))
        #expect(answer.contains("X-Odd-Case: v\r\n"))
    }

    @Test func framingAndUnsafeHeadersOfTheHandlerAreLeftOut() async throws {
        let (server, port) = try await Self.started { request in
            if request.url.path == "/empty" { return WireResponse(status: 204, body: Data("ignored".utf8)) }
            return WireResponse(status: 200, headers: [
                HeaderField("Content-Length", "999"), HeaderField("Transfer-Encoding", "chunked"), HeaderField("Bad Name", "x"),
                HeaderField("X-Injected", "a\r\nEvil: 1"), HeaderField("X-Fine", "ok"),
            ], body: Data("abc".utf8))
        }
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET /full HTTP/1.1\r\nHost: x\r\n\r\n")
        let full = await client.read(until: "abc")
        client.send("GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let empty = await client.readToEnd()
        client.closeSocket()
        await server.shutdown()
        let fullHead = full.lowercased()
        #expect(fullHead.contains("content-length: 3\r\n"))
        #expect(!fullHead.contains("999"))
        #expect(!fullHead.contains("transfer-encoding"))
        #expect(!fullHead.contains("bad name"))
        #expect(!fullHead.contains("evil"))
        #expect(full.contains("X-Fine: ok\r\n"))
        #expect(empty.hasPrefix("HTTP/1.1 204 No Content\r\n"))
        #expect(!empty.lowercased().contains("content-length"))
        #expect(!empty.contains("ignored"))
    }

    @Test func chunkedRequestBodyArrivesWhole() async throws {
        let (server, port) = try await Self.started()
        let client = try await RawSocketClient.connect(port: port)
        client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n")
        client.send("0\r\n\r\n")
        let answer = await client.read(until: "hello world")
        client.closeSocket()
        await server.shutdown()
        #expect(answer.contains("POST http://127.0.0.1:\(port)/c 11 hello world"))
    }

    @Test func badRequestGets400AndServerKeepsServing() async throws {
        let (server, port) = try await Self.started()
        let bad = try await RawSocketClient.connect(port: port)
        bad.send("NOT HTTP AT ALL\r\n\r\n")
        let answer = await bad.readToEnd()
        bad.closeSocket()
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request"))

        let good = try await RawSocketClient.connect(port: port)
        good.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let second = await good.readToEnd()
        good.closeSocket()
        await server.shutdown()
        #expect(second.hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func expectContinueGetsInterimAnswer() async throws {
        let (server, port) = try await Self.started()
        let client = try await RawSocketClient.connect(port: port)
        client.send("PUT /u HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        let interim = await client.read(until: "\r\n\r\n")
        #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n"))
        #expect(!interim.contains("200 OK"), "nothing but the interim answer before the body is sent")
        client.send("abc")
        let final = await client.read(until: "PUT http")
        client.closeSocket()
        await server.shutdown()
        #expect(final.contains("200 OK"))
        #expect(final.contains("/u 3 abc"))
    }

    @Test func bodyOverTheLimitGets413AndItsConnectionCloses() async throws {
        let (server, port) = try await Self.started(bodyLimit: 8)
        let announced = try await RawSocketClient.connect(port: port)
        announced.send("POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n")
        let refused = await announced.readToEnd()
        announced.closeSocket()
        #expect(refused.hasPrefix("HTTP/1.1 413 "), "a refused body gets no 100 Continue first")

        let chunked = try await RawSocketClient.connect(port: port)
        chunked.send("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
        let tooLong = await chunked.readToEnd()
        chunked.closeSocket()
        #expect(tooLong.hasPrefix("HTTP/1.1 413 "))

        let small = try await RawSocketClient.connect(port: port)
        small.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\nConnection: close\r\n\r\n12345678")
        let fits = await small.readToEnd()
        small.closeSocket()
        await server.shutdown()
        #expect(fits.contains("/small 8 12345678"))
    }

    @Test func handlerAskingToCloseEndsTheConnectionAfterItsAnswer() async throws {
        let (server, port) = try await Self.started { _ in
            WireResponse(status: 200, headers: [HeaderField("Connection", "close")], body: Data("bye".utf8))
        }
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n")
        // Returns only because the server closes the connection (else after the 10 s receive timeout, failing below).
        let started = ContinuousClock.now
        let answer = await client.readToEnd()
        client.closeSocket()
        await server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        #expect(answer.lowercased().contains("connection: close"))
        #expect(answer.hasSuffix("\r\n\r\nbye"))
    }

    @Test func runServesUntilCancelledThenStops() async throws {
        let server = LoopbackHTTPServer { Self.echo($0) }
        let port = try await server.start()
        let running = Task { try await server.run() }
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await client.read(until: "GET http").contains("200 OK"))
        running.cancel()
        try await running.value
        // The open keep-alive connection was closed by the stop.
        #expect(await client.readToEnd().isEmpty)
        client.closeSocket()
        #expect(server.port == nil)
        await #expect(throws: (any Error).self) { try await RawSocketClient.connect(port: port) }
    }

    @Test func shutdownCancelsAHandlerThatWaitsAndItsAnswerStillGoesOut() async throws {
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let (server, port) = try await Self.started { _ in
            enteredContinuation.yield()
            // A hung channel: only the server's shutdown (which cancels handlers) ends this wait.
            let slept: Void? = try? await Task.sleep(for: .seconds(3600))
            return WireResponse(status: slept == nil ? 503 : 200)
        }
        let client = try await RawSocketClient.connect(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        var iterator = entered.makeAsyncIterator()
        _ = await iterator.next()
        let stopping = ContinuousClock.now
        await server.shutdown()
        #expect(ContinuousClock.now - stopping < .seconds(5))
        #expect(server.port == nil)
        let answer = await client.readToEnd()
        client.closeSocket()
        #expect(answer.hasPrefix("HTTP/1.1 503 "), "the cancelled handler's answer is written before the connection closes")
    }

    @Test func aTakenPortIsATransportErrorNamingIt() async throws {
        let (first, port) = try await Self.started()
        let second = LoopbackHTTPServer(port: port) { Self.echo($0) }
        let error = await #expect(throws: MarketSyncError.self) { try await second.start() }
        await second.shutdown()
        await first.shutdown()
        #expect(error?.code == .transport)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
    }

    @Test func startsOnce() async throws {
        let (server, _) = try await Self.started()
        let error = await #expect(throws: MarketSyncError.self) { try await server.start() }
        await server.shutdown()
        #expect(error?.code == .config)
    }
}
