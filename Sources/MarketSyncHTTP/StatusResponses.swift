internal import Foundation
public import Hummingbird
internal import NIOCore

/// Builds the endpoint's responses: JSON, text and HTML bodies with their content types.
public enum StatusResponses {
    /// `value` as JSON (sorted keys, ISO 8601 dates), with `status`.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"cannot encode the answer"}"#.utf8)
        return body(String(decoding: data, as: UTF8.self), contentType: "application/json; charset=utf-8", status: status)
    }

    /// `text` with `contentType` and `status`; never cached.
    public static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
