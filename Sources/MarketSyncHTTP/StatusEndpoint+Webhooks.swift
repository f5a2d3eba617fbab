internal import Hummingbird
internal import MarketSync
internal import NIOCore

extension StatusEndpoint {
    /// `POST /webhooks/{channel}`: the body read whole within `maxWebhookBodyBytes`, handed with the method, the target as
    /// sent and the headers to ``WebhookReceiver``; `GET` on the path is 405 (`Allow: POST`).
    func addWebhookRoutes(to router: Router<StatusRequestContext>, intake: WebhookIntake) {
        let receiver = WebhookReceiver(intake: intake, logger: logger)
        let limit = settings.maxWebhookBodyBytes
        router.post("/webhooks/:channel") { request, context in
            let name = context.parameters.get("channel") ?? ""
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: limit)
            } catch {
                return Self.response(receiver.tooLarge(channel: name, limit: limit))
            }
            let delivery = WebhookDelivery(method: request.method.rawValue, target: request.head.path ?? request.uri.description,
                                           headers: request.headers.map { HeaderField($0.name.rawName, $0.value) },
                                           body: Array(buffer.readableBytesView))
            return Self.response(await receiver.receive(channel: name, delivery))
        }
        router.get("/webhooks/:channel") { request, _ in
            var response = StatusResponses.json(WebhookAnswerBody(error: "method GET not allowed on \(request.uri.path); use POST"),
                                                status: .methodNotAllowed)
            response.headers[.allow] = "POST"
            return response
        }
    }

    /// The answer as JSON.
    static func response(_ answer: WebhookReceiver.Answer) -> Response {
        StatusResponses.json(WebhookAnswerBody(accepted: answer.counts["accepted"], duplicate: answer.counts["duplicate"], error: answer.error),
                             status: HTTPResponse.Status(code: answer.status))
    }
}

/// The JSON a webhook delivery is answered with: `{"accepted": N, "duplicate": M}`, or `{"error": …}`.
struct WebhookAnswerBody: Encodable {
    var accepted: Int?
    var duplicate: Int?
    var error: String?
}
