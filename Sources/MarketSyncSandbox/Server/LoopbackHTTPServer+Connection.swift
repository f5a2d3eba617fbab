internal import Foundation
internal import MarketSync
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension LoopbackHTTPServer {
    /// Reads requests off one connection until it closes, answering each in order. Runs on the connection's thread.
    func serveConnection(fd: Int32, port: UInt16) {
        var parser = HTTPRequestParser()
        let slot = ResponseSlot()
        let baseURL = "http://127.0.0.1:\(port)"
        let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { readBuffer.deallocate() }

        while true {
            // Answer every complete request already buffered (pipelining) before reading more.
            do {
                while let request = try parser.next() {
                    countRequest()
                    let (bytes, keepOpen) = answer(request, baseURL: baseURL, slot: slot, fd: fd)
                    guard Self.sendAll(fd, bytes), keepOpen else { return }
                }
                if parser.takeContinueRequest() {
                    guard Self.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
                }
            } catch {
                countRequest()
                _ = Self.sendAll(fd, HTTPResponseSerializer.error(status: error.status, reason: error.reason))
                return
            }
            let received = recv(fd, readBuffer.baseAddress, readBuffer.count, 0)
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return }
            parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<received]))
        }
    }

    /// Runs the handler for one request and returns the bytes to send and whether the connection stays open.
    private func answer(_ request: ParsedHTTPRequest, baseURL: String, slot: ResponseSlot, fd: Int32) -> ([UInt8], Bool) {
        guard let url = URL(string: baseURL + request.target) else {
            return (HTTPResponseSerializer.error(status: 400, reason: "malformed request target"), false)
        }
        let wireRequest = WireRequest(method: request.method, url: url, headers: request.headers, body: Data(request.body))
        let handler = self.handler
        // Runs synchronously on this thread until the handler first suspends, so a handler that
        // never suspends costs no thread hop; the rest continues on the global executor.
        let task = Task.immediate {
            slot.fill(await handler(wireRequest))
        }
        let admitted = state.withLock { state in
            guard !state.stopping else { return false }
            state.connections[fd]?.handlerTask = task
            return true
        }
        if !admitted { task.cancel() }
        let response = slot.take()
        if admitted {
            state.withLock { $0.connections[fd]?.handlerTask = nil }
        }
        // A handler may end the connection itself (a sandbox simulating a dropped keep-alive connection).
        let handlerCloses = response.header("Connection")?.lowercased() == "close"
        let close = !request.keepAlive || !admitted || handlerCloses
        let bytes = HTTPResponseSerializer.serialize(response, headOnly: request.method == "HEAD", close: close)
        return (bytes, !close)
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }
}
