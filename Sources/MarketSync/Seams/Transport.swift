public import Foundation

/// One header field; order and repetition are kept as sent.
public struct HeaderField: Hashable, Sendable, Codable {
    /// The name as sent; compare it case-insensitively.
    public var name: String
    /// The value as sent.
    public var value: String
    /// A header `name: value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request to a channel: HTTP, or a file delivery (`sftp://`, `ftps://`, `file://` with method `PUT`).
public struct WireRequest: Hashable, Sendable {
    /// `GET`, `POST`, ...; for `sftp://`, `ftps://` and `file://` URLs, `PUT` uploads the body.
    public var method: String
    /// The full URL, query included.
    public var url: URL
    /// Headers in the order they are sent.
    public var headers: [HeaderField]
    /// The body; empty when there is none.
    public var body: Data
    /// Which channel the request is for (logs, cassette matching rules), never sent.
    public var channel: ChannelID?

    /// A request; no headers, no body and no channel unless given.
    public init(method: String, url: URL, headers: [HeaderField] = [], body: Data = Data(), channel: ChannelID? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.channel = channel
    }

    /// The first header with this name, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What came back: status, headers, body.
public struct WireResponse: Hashable, Sendable {
    /// The HTTP status; 200 for a file transfer that went through.
    public var status: Int
    /// Headers in the order they came.
    public var headers: [HeaderField]
    /// The body; empty when there is none.
    public var body: Data

    /// A response; no headers and no body unless given.
    public init(status: Int, headers: [HeaderField] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Request in, response out. The only thing in marketsync that touches the network.
///
/// Contract: a transport must honour task cancellation, must never log credentials or bodies above trace level,
/// and reports network failures as `MarketSyncError` with code `.transport` (retryable). Any HTTP status is a
/// response, not an error: adapters decide what a status means.
public protocol Transport: Sendable {
    /// Sends `request` and returns the response, whatever its status (the adapter judges it). Throws
    /// `MarketSyncError` `.transport` when no response came and `CancellationError` once the task is cancelled;
    /// a test transport may throw its own code (a replay's `.cassette`).
    func send(_ request: WireRequest) async throws -> WireResponse
}
