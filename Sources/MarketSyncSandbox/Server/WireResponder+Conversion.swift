internal import Foundation
internal import Hummingbird
internal import MarketSync
internal import NIOCore

extension WireResponder {
    /// One header field in Hummingbird's types (the name `HTTPField` itself is not exported by Hummingbird).
    private typealias Field = HTTPFields.Element

    /// The header fields the server sets itself; a handler's are left out.
    private static let framingFields: Set<Field.Name> = [.contentLength, .transferEncoding, .connection]

    /// The request as the handler sees it, or nil when its target is no origin-form path (`/path?query`).
    static func wireRequest(_ request: Request, body: ByteBuffer, port: Int?) -> WireRequest? {
        guard let port, let target = request.head.path, target.hasPrefix("/"),
              let url = URL(string: "http://127.0.0.1:\(port)\(target)") else { return nil }
        var headers: [HeaderField] = []
        headers.reserveCapacity(request.headers.count + 1)
        // Hummingbird's request types carry HTTP/1's Host as the authority, apart from the other fields; it goes
        // back in front of them, where clients send it.
        if let authority = request.head.authority {
            headers.append(HeaderField("Host", authority))
        }
        for field in request.headers {
            headers.append(HeaderField(field.name.rawName, field.value))
        }
        let bytes = body.withUnsafeReadableBytes { Data($0) }
        return WireRequest(method: request.method.rawValue, url: url, headers: headers, body: bytes)
    }

    /// The handler's answer as Hummingbird's response. Framing fields are the server's (a handler's are dropped), as
    /// are fields whose name is no token or whose value holds CR, LF or NUL; a status outside 200...999 goes out as
    /// 500. A HEAD answer keeps the body's length and drops the body; 204 and 304 have neither.
    static func response(_ wire: WireResponse, headOnly: Bool) -> Response {
        let code = (200...999).contains(wire.status) ? wire.status : 500
        var fields = HTTPFields()
        fields.reserveCapacity(wire.headers.count + 1)
        for header in wire.headers {
            guard let name = Field.Name(header.name), !framingFields.contains(name),
                  !header.value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else { continue }
            fields.append(Field(name: name, value: header.value))
        }
        let status = HTTPResponse.Status(code: code)
        if code == 204 || code == 304 {
            var response = Response(status: status, headers: fields)
            response.headers[.contentLength] = nil
            return response
        }
        if headOnly {
            fields[.contentLength] = String(wire.body.count)
            return Response(status: status, headers: fields)
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: wire.body)))
    }
}
