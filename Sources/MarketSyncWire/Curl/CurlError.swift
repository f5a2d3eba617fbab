/// The libcurl failure under a `.transport` error: its `CURLcode` and libcurl's text for it.
struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The numeric `CURLcode` (28 is a timeout, 7 a refused connection).
    public var code: Int
    /// `curl_easy_strerror` text plus libcurl's detail, with no URL query and no credentials.
    public var description: String

    /// A failure with libcurl's code and text.
    public init(code: Int, description: String) {
        self.code = code
        self.description = description
    }
}
