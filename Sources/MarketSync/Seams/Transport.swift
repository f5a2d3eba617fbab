public import Foundation

/// One header field; order and repetition are kept as sent.
public struct HeaderField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request to a channel: HTTP, or a file delivery (`sftp://`, `ftps://`, `file://` with method `PUT`).
public struct WireRequest: Hashable, Sendable {
    public var method: String
    public var url: URL
    public var headers: [HeaderField]
    public var body: Data
    /// Which channel the request is for (logs, cassette matching rules), never sent.
    public var channel: ChannelID?

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
    public var status: Int
    public var headers: [HeaderField]
    public var body: Data

    public init(status: Int, headers: [HeaderField] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

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
    func send(_ request: WireRequest) async throws -> WireResponse
}
