internal import Foundation
internal import Hummingbird
internal import MarketSync
internal import NIOCore
internal import ServiceLifecycle

/// Answers every request, whatever its method and path, with the sandbox's handler: the request becomes a
/// `WireRequest` (the URL is `http://127.0.0.1:PORT` followed by the request target exactly as sent, headers as
/// sent, the body whole) and the handler's `WireResponse` becomes the answer.
///
/// A body over `maxBodyBytes` is answered 413 and its connection closed; so is a target that is no origin-form
/// path (400). A handler's `Connection: close` closes the connection after its answer (a sandbox dropping a
/// keep-alive connection).
struct WireResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let handler: @Sendable (WireRequest) async -> WireResponse
    let maxBodyBytes: Int
    let counting: RequestCountingMiddleware<SandboxRequestContext>

    func respond(to request: Request, context: Context) async throws -> Response {
        try await counting.handle(request, context: context) { request, context in
            try await answer(request, context: context)
        }
    }

    private func answer(_ request: Request, context: Context) async throws -> Response {
        if let length = Self.declaredLength(request.headers), length > maxBodyBytes {
            return Self.closing(Self.plain(.contentTooLarge, "body too large"), on: context.channel)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return Self.closing(Self.plain(.contentTooLarge, "body too large"), on: context.channel)
        }
        guard let wireRequest = Self.wireRequest(request, body: body, port: context.channel.localAddress?.port) else {
            return Self.closing(Self.plain(.badRequest, "malformed request target"), on: context.channel)
        }
        let handler = self.handler
        // A handler may wait for ever (a hung channel): stopping the server cancels it, and the answer it gives
        // then still goes out before its connection closes.
        let wireResponse = await cancelWhenGracefulShutdown { await handler(wireRequest) }
        let response = Self.response(wireResponse, headOnly: request.method == .head)
        let clientCloses = request.headers[.connection]?.lowercased() == "close"
        let handlerCloses = wireResponse.header("Connection")?.lowercased() == "close"
        return clientCloses || handlerCloses ? Self.closing(response, on: context.channel) : response
    }

    /// Whether to send `100 Continue` before reading the body: the client asked for it and the body it announces
    /// will be read (a body over the limit is refused at once instead).
    static func shouldContinue(_ headers: HTTPFields, maxBodyBytes: Int) -> Bool {
        guard headers[.expect]?.lowercased() == "100-continue" else { return false }
        if let length = declaredLength(headers) { return length > 0 && length <= maxBodyBytes }
        return headers[.transferEncoding] != nil
    }

    /// The request's `Content-Length`, when it has one.
    static func declaredLength(_ headers: HTTPFields) -> Int? {
        headers[.contentLength].flatMap { Int($0) }
    }

    /// `response` with `Connection: close`, its connection to close once it is written. Hummingbird's connection
    /// handler closes a connection told to quiesce as soon as the answers in progress are written.
    static func closing(_ response: Response, on channel: any Channel) -> Response {
        var response = response
        response.headers[.connection] = "close"
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        return response
    }

    /// A short plain-text answer the server gives itself.
    static func plain(_ status: HTTPResponse.Status, _ reason: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: reason + "\n")))
    }
}
