public import MarketSync

/// The live transport: HTTP(S) and file delivery (`file://`, `sftp://`, `ftps://`, and `ftp://` upgraded
/// to TLS) over libcurl.
///
/// Transfers run on a small pool of dedicated threads (`Options.maxConcurrentTransfers`), never on the
/// cooperative pool; each thread reuses its easy handle, so keep-alive connections carry many requests.
/// Any HTTP status is a response. Network failures throw `MarketSyncError` `.transport` naming libcurl's
/// error and the URL without its query. Task cancellation aborts the transfer and throws `CancellationError`.
///
/// File delivery: `PUT` uploads the body to the URL (missing remote folders are created on SFTP/FTPS);
/// `GET` downloads it. A successful file transfer answers status 200 with no headers.
public final class CurlTransport: Transport {
    /// The options this transport was made with.
    public let options: Options
    private let pool: CurlWorkerPool

    /// A transport with `options`. Threads start with the first request.
    public init(options: Options = Options()) {
        self.options = options
        self.pool = CurlWorkerPool(options: options)
    }

    deinit {
        pool.close()
    }

    /// Sends `request` and returns the response, whatever its status.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        try await pool.run { easy, cancel in try easy.perform(request, cancel: cancel) }
    }
}
