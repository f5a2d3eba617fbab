import Foundation
import MarketSync
@testable import MarketSyncSandbox
@testable import MarketSyncWire
import Testing

@Suite("CurlTransport against LoopbackHTTPServer", .timeLimit(.minutes(2)))
struct CurlTransportTests {
    private static func echo(_ request: WireRequest) -> WireResponse {
        switch request.url.path {
        case "/missing":
            return WireResponse(status: 404, headers: [HeaderField("Content-Type", "text/plain")], body: Data("nope".utf8))
        default:
            var headers = [HeaderField("Content-Type", "application/octet-stream"), HeaderField("X-Method", request.method),
                           HeaderField("X-URL", request.url.absoluteString)]
            for field in request.headers where field.name.lowercased().hasPrefix("x-") {
                headers.append(HeaderField("Echo-" + field.name, field.value))
            }
            headers.append(HeaderField("Set-Cookie", "a=1"))
            headers.append(HeaderField("Set-Cookie", "b=2"))
            headers.append(HeaderField("X-Content-Type-Sent", request.header("Content-Type") ?? "none"))
            return WireResponse(status: 201, headers: headers, body: request.body)
        }
    }

    @Test func postRoundTripKeepsMethodHeadersBodyAndQuery() async throws {
        try await withLoopbackServer({ Self.echo($0) }) { server, port in
            let transport = CurlTransport()
            let body = Data("type=pdd.goods&sku=1%202".utf8)
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/api/router?a=%E4%B8%AD&b=1+2"))
            let response = try await transport.send(WireRequest(
                method: "POST", url: url,
                headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Trace", "t1")],
                body: body))
            #expect(response.status == 201)
            #expect(response.body == body)
            #expect(response.header("x-method") == "POST")
            #expect(response.header("X-URL") == url.absoluteString)
            #expect(response.header("Echo-X-Trace") == "t1")
            #expect(response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
            #expect(response.header("X-Content-Type-Sent") == "application/x-www-form-urlencoded")
        }
    }

    @Test(arguments: ["GET", "HEAD", "PUT", "DELETE", "PATCH"])
    func methodsArriveAsSent(method: String) async throws {
        try await withLoopbackServer({ Self.echo($0) }) { server, port in
            let transport = CurlTransport()
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/m"))
            let body = method == "PUT" || method == "PATCH" ? Data("{}".utf8) : Data()
            let response = try await transport.send(WireRequest(method: method, url: url, body: body))
            #expect(response.status == 201)
            #expect(response.header("X-Method") == method)
            #expect(response.header("X-Content-Type-Sent") == "none", "no Content-Type is invented")
            #expect(response.body == (method == "HEAD" ? Data() : body))
        }
    }

    @Test func serverClosingKeepAliveConnectionsIsHandled() async throws {
        // Every answer closes its connection: curl must notice and open a new one each time.
        try await withLoopbackServer({ _ in WireResponse(status: 200, headers: [HeaderField("Connection", "close")]) }) { server, port in
            let transport = CurlTransport(options: .init(maxConcurrentTransfers: 1))
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/c"))
            for _ in 0..<5 {
                #expect(try await transport.send(WireRequest(method: "POST", url: url, body: Data("x".utf8))).status == 200)
            }
            #expect(server.acceptedConnections == 5)
        }
    }

    @Test func notFoundIsAResponse() async throws {
        try await withLoopbackServer({ Self.echo($0) }) { server, port in
            let response = try await CurlTransport().send(
                WireRequest(method: "GET", url: try #require(URL(string: "http://127.0.0.1:\(port)/missing"))))
            #expect(response.status == 404)
            #expect(String(decoding: response.body, as: UTF8.self) == "nope")
        }
    }

    @Test func manyRequestsReuseKeepAliveConnections() async throws {
        try await withLoopbackServer({ Self.echo($0) }) { server, port in
            let transport = CurlTransport(options: .init(maxConcurrentTransfers: 4))
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/k"))
            let count = 2_000
            let okCount = try await withThrowingTaskGroup(of: Bool.self) { group in
                var ok = 0
                for index in 0..<count {
                    if index >= 8, try await group.next() == true { ok += 1 }
                    group.addTask {
                        let response = try await transport.send(WireRequest(method: "POST", url: url, body: Data("\(index)".utf8)))
                        return response.status == 201 && response.body == Data("\(index)".utf8)
                    }
                }
                for try await result in group where result { ok += 1 }
                return ok
            }
            #expect(okCount == count)
            #expect(server.handledRequests == count)
            #expect(server.acceptedConnections <= 4, "each worker thread reuses its connection")
        }
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let reserved = try ReservedPort()
        let port = reserved.port
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/x?access_token=SECRET-TOKEN"))
        let error = try await #require(throws: MarketSyncError.self) {
            _ = try await CurlTransport().send(WireRequest(method: "GET", url: url))
        }
        #expect(error.code == .transport)
        #expect(error.isRetryable)
        #expect(error.message.contains("http://127.0.0.1:\(port)/x"))
        #expect(!error.message.contains("SECRET-TOKEN"))
        #expect((error.underlying as? CurlError)?.code == 7)
        withExtendedLifetime(reserved) {}
    }

    @Test func slowServerTimesOut() async throws {
        try await withLoopbackServer({ _ in
            // A channel that never answers; the server's shutdown cancels this.
            try? await Task.sleep(for: .seconds(3600))
            return WireResponse(status: 200)
        }) { server, port in
            let transport = CurlTransport(options: .init(timeout: .milliseconds(300)))
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/slow"))
            let error = try await #require(throws: MarketSyncError.self) {
                _ = try await transport.send(WireRequest(method: "GET", url: url))
            }
            #expect(error.code == .transport)
            #expect((error.underlying as? CurlError)?.code == 28)
        }
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withLoopbackServer({ _ in
            enteredContinuation.yield()
            try? await Task.sleep(for: .seconds(3600))
            return WireResponse(status: 200)
        }) { server, port in
            let transport = CurlTransport()
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/hang"))
            let sending = Task { try await transport.send(WireRequest(method: "GET", url: url)) }
            var iterator = entered.makeAsyncIterator()
            _ = await iterator.next()
            let cancelledAt = ContinuousClock.now
            sending.cancel()
            await #expect(throws: CancellationError.self) { try await sending.value }
            #expect(ContinuousClock.now - cancelledAt < .seconds(5))
        }
    }

    @Test func fileUploadThenDownload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("stock feed.csv")
        let content = Data("sku,qty\nPORCINI-200G,12\n".utf8)
        let transport = CurlTransport()
        let put = try await transport.send(WireRequest(method: "PUT", url: file, body: content))
        #expect(put.status == 200)
        #expect(try Data(contentsOf: file) == content)
        let get = try await transport.send(WireRequest(method: "GET", url: file))
        #expect(get.status == 200)
        #expect(get.body == content)

        let missing = folder.appendingPathComponent("missing.csv")
        let error = try await #require(throws: MarketSyncError.self) {
            _ = try await transport.send(WireRequest(method: "GET", url: missing))
        }
        #expect(error.code == .transport)
    }
}
