import Testing
@testable import MarketSyncSandbox

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    private func feed(_ parser: inout HTTPRequestParser, _ text: String) {
        Array(text.utf8).withUnsafeBytes { parser.append($0) }
    }

    @Test func parsesPipelinedRequestsWithBodies() throws {
        var parser = HTTPRequestParser()
        feed(&parser, "POST /a?x=1%202 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        let first = try #require(try parser.next())
        #expect(first.method == "POST")
        #expect(first.target == "/a?x=1%202")
        #expect(first.body == Array("hello".utf8))
        #expect(first.keepAlive)
        let second = try #require(try parser.next())
        #expect(second.method == "GET")
        #expect(second.target == "/b")
        #expect(second.body.isEmpty)
        #expect(try parser.next() == nil)
    }

    @Test func waitsForBytesArrivingOneAtATime() throws {
        var parser = HTTPRequestParser()
        let text = "PUT /p HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
        var parsed: ParsedHTTPRequest?
        for byte in text.utf8 {
            #expect(parsed == nil)
            [byte].withUnsafeBytes { parser.append($0) }
            parsed = try parser.next()
        }
        let request = try #require(parsed)
        #expect(request.body == Array("abc".utf8))
        #expect(!request.keepAlive)
    }

    @Test func decodesChunkedBodies() throws {
        var parser = HTTPRequestParser()
        feed(&parser, "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n")
        #expect(try parser.next() == nil)
        feed(&parser, "\r\n")
        let request = try #require(try parser.next())
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world")
    }

    @Test func http10ClosesUnlessKeepAliveAsked() throws {
        var parser = HTTPRequestParser()
        feed(&parser, "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        #expect(try parser.next()?.keepAlive == false)
        #expect(try parser.next()?.keepAlive == true)
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET http://x/ HTTP/1.1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n", 413),
    ])
    func rejectsMalformedRequests(text: String, status: Int) {
        var parser = HTTPRequestParser()
        feed(&parser, text)
        #expect(throws: HTTPParseError.self) { try parser.next() }
        do {
            _ = try parser.next()
        } catch {
            #expect(error.status == status)
        }
    }
}
