internal import Foundation
internal import MarketSync

/// What libcurl's callbacks read and fill during one transfer. Lives on one worker thread only.
final class CurlTransferContext {
    var isHTTP = true
    var headers: [HeaderField] = []
    var body = Data()
    var upload = UnsafeRawBufferPointer(start: nil, count: 0)
    var uploadOffset = 0
    var cancel: CancellationFlag?

    func reset(isHTTP: Bool, cancel: CancellationFlag) {
        self.isHTTP = isHTTP
        headers = []
        body = Data()
        upload = UnsafeRawBufferPointer(start: nil, count: 0)
        uploadOffset = 0
        self.cancel = cancel
    }

    /// One raw header line from libcurl: a status line starts a new header block (after 1xx or a proxy).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard isHTTP else { return }
        var line = Substring(decoding: bytes, as: UTF8.self)
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line = line.dropLast() }
        if line.hasPrefix("HTTP/") {
            headers = []
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        headers.append(HeaderField(name, value))
    }
}
