internal import MarketSync

/// One complete request as it came off the socket.
struct ParsedHTTPRequest: Equatable {
    var method: String
    /// The request target exactly as sent (`/path?query`).
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: [HeaderField]
    var body: [UInt8]
    /// Whether the connection stays open after the response.
    var keepAlive: Bool
}
