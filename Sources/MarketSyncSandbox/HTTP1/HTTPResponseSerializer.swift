internal import Foundation
internal import MarketSync

/// Writes a `WireResponse` as HTTP/1.1 bytes. Framing headers (`Content-Length`, `Transfer-Encoding`,
/// `Connection`) are the server's to set; the handler's are replaced. Header lines with CR or LF are dropped.
enum HTTPResponseSerializer {
    static func serialize(_ response: WireResponse, headOnly: Bool, close: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + response.body.count)
        let status = (100...999).contains(response.status) ? response.status : 500
        bytes.append(contentsOf: "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n".utf8)
        for field in response.headers {
            let lower = field.name.lowercased()
            if lower == "content-length" || lower == "transfer-encoding" || lower == "connection" { continue }
            guard !field.name.isEmpty, isSafe(field.name), isSafe(field.value) else { continue }
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: field.value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        let bodyAllowed = !(status < 200 || status == 204 || status == 304)
        if bodyAllowed {
            bytes.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if close {
            bytes.append(contentsOf: "Connection: close\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        if bodyAllowed && !headOnly {
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    /// A minimal error response for requests that could not be parsed.
    static func error(status: Int, reason: String) -> [UInt8] {
        serialize(WireResponse(status: status, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")],
                               body: Data("\(reason)\n".utf8)),
                  headOnly: false, close: true)
    }

    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
