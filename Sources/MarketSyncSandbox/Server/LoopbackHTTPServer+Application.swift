internal import Hummingbird
internal import HummingbirdCore
internal import NIOCore

extension LoopbackHTTPServer {
    /// The Hummingbird application: every request to the handler's responder, bound to 127.0.0.1 only, accepted
    /// connections counted; `onListening` gets the bound port (the one the system chose for port 0).
    func makeApplication(onListening: @escaping @Sendable (Int?) async -> Void) -> Application<WireResponder> {
        let responder = WireResponder(handler: handler, maxBodyBytes: bodyLimit,
                                      counting: RequestCountingMiddleware(counters: counters))
        let configuration = ApplicationConfiguration(
            address: .hostname("127.0.0.1", port: Int(requestedPort)), serverName: nil, backlog: 1024,
            availableConnectionsDelegate: ConnectionCountingDelegate(counters: counters))
        return Application(responder: responder, server: Self.http1(maxBodyBytes: bodyLimit), configuration: configuration,
                           onServerRunning: { channel in await onListening(channel.localAddress?.port) }, logger: logger)
    }

    /// Hummingbird's HTTP/1.1 channel, answering `Expect: 100-continue` with an interim `100 Continue` before the
    /// application reads the body. Hummingbird leaves that answer to the application, and only the channel's
    /// response writer can send an interim answer, so it is sent here, in front of the application's responder.
    static func http1(maxBodyBytes: Int) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            HTTP1Channel(responder: { (request: Request, writer: consuming ResponseWriter, channel: any Channel) in
                if WireResponder.shouldContinue(request.headers, maxBodyBytes: maxBodyBytes) {
                    try await writer.writeInformationalHead(HTTPResponse(status: .continue))
                }
                try await responder(request, writer, channel)
            }, configuration: HTTP1Channel.Configuration())
        }
    }
}
