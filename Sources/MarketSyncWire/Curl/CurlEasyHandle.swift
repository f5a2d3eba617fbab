internal import CCurl
internal import Foundation
internal import MarketSync

/// One libcurl easy handle, owned by one worker thread and reused for every transfer it runs, so its
/// connection cache keeps HTTP keep-alive connections (and TLS sessions) across requests.
final class CurlEasyHandle {
    let handle: UnsafeMutableRawPointer
    let options: CurlTransport.Options
    let context = CurlTransferContext()
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// A valid pointer for an empty request body: libcurl must never get NULL POSTFIELDS.
    private let emptyBody = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    init?(options: CurlTransport.Options) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.options = options
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        emptyBody.deallocate()
    }

    /// Runs one transfer to completion on the calling thread.
    func perform(_ request: WireRequest, cancel: CancellationFlag) throws -> WireResponse {
        let scheme = request.url.scheme?.lowercased() ?? ""
        let isHTTP = scheme == "http" || scheme == "https"
        let isFile = scheme == "file" || scheme == "sftp" || scheme == "ftps" || scheme == "ftp"
        guard isHTTP || isFile else {
            throw MarketSyncError(.config, "unsupported URL scheme '\(scheme)' for \(request.url.redactedForLogs)")
        }
        let method = request.method.uppercased()
        if isFile && method != "GET" && method != "PUT" {
            throw MarketSyncError(.config, "file delivery supports GET and PUT, not \(method), for \(request.url.redactedForLogs)")
        }

        let contextPointer = prepare(url: request.url, protocols: "http,https,file,sftp,ftp,ftps", isHTTP: isHTTP, cancel: cancel)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        set(CURLOPT_HEADERDATA, pointer: contextPointer)
        _ = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let length = size * count
            guard let data, length > 0 else { return length }
            let context = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
            context.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        set(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        set(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        if let caFile = options.caFile { set(CURLOPT_CAINFO, caFile) }

        if isHTTP {
            set(CURLOPT_USERAGENT, options.userAgent)
            for field in request.headers {
                // "Name;" is libcurl's way to send a header with an empty value.
                let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
                headerList = curl_slist_append(headerList, line)
            }
            // Send exactly what the request says: no Expect round trip, no invented Content-Type.
            if request.header("Expect") == nil { headerList = curl_slist_append(headerList, "Expect:") }
            if request.header("Content-Type") == nil { headerList = curl_slist_append(headerList, "Content-Type:") }
            set(CURLOPT_HTTPHEADER, list: headerList)
        } else {
            set(CURLOPT_FTP_CREATE_MISSING_DIRS, ccurl_ftp_create_dir())
            if scheme == "ftp" || scheme == "ftps" { set(CURLOPT_USE_SSL, ccurl_usessl_all()) }
            if scheme != "file", let credentials = options.fileDeliveryCredentials {
                set(CURLOPT_USERNAME, credentials.user)
                if let key = credentials.privateKeyPath {
                    set(CURLOPT_SSH_PRIVATE_KEYFILE, key)
                    if let passphrase = credentials.password { set(CURLOPT_KEYPASSWD, passphrase) }
                } else if let password = credentials.password {
                    set(CURLOPT_PASSWORD, password)
                }
            }
            if scheme == "sftp" {
                try pinHostKey(knownHosts: options.sshKnownHostsFile, sha256: options.sshHostKeySHA256, url: request.url)
            }
        }

        let code: CURLcode = request.body.withUnsafeBytes { body in
            if isHTTP {
                configureHTTPMethod(method, body: body)
            } else if method == "PUT" {
                setUpload(body, contextPointer: contextPointer)
            }
            defer { context.upload = UnsafeRawBufferPointer(start: nil, count: 0) }
            return curl_easy_perform(handle)
        }

        if code != CURLE_OK {
            if cancel.isCancelled { throw CancellationError() }
            throw transportError(code, method: method, url: request.url)
        }
        var status = 200
        if isHTTP {
            var responseCode = 0
            _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
            status = responseCode
        }
        return WireResponse(status: status, headers: context.headers, body: context.body)
    }

    /// Resets the handle for a new transfer and sets what every transfer shares: URL, allowed protocols, error
    /// buffer, timeouts, the cancellation check and the body collector. Returns the context pointer callbacks get.
    func prepare(url: URL, protocols: String, isHTTP: Bool, cancel: CancellationFlag) -> UnsafeMutableRawPointer {
        curl_easy_reset(handle)
        context.reset(isHTTP: isHTTP, cancel: cancel)
        errorBuffer[0] = 0
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()
        set(CURLOPT_URL, url.absoluteString)
        set(CURLOPT_PROTOCOLS_STR, protocols)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.milliseconds)
        set(CURLOPT_TIMEOUT_MS, options.timeout.milliseconds)
        set(CURLOPT_NOPROGRESS, 0)
        set(CURLOPT_XFERINFODATA, pointer: contextPointer)
        _ = ccurl_setopt_xferinfo_function(handle) { clientp, _, _, _, _ in
            guard let clientp else { return 0 }
            let context = Unmanaged<CurlTransferContext>.fromOpaque(clientp).takeUnretainedValue()
            return context.cancel?.isCancelled == true ? 1 : 0
        }
        set(CURLOPT_WRITEDATA, pointer: contextPointer)
        _ = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let length = size * count
            guard let data, length > 0 else { return length }
            let context = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
            context.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        }
        return contextPointer
    }

    /// Makes the transfer an upload of `body`, which must stay valid until `curl_easy_perform` returns.
    func setUpload(_ body: UnsafeRawBufferPointer, contextPointer: UnsafeMutableRawPointer) {
        context.upload = body
        set(CURLOPT_UPLOAD, 1)
        set(CURLOPT_INFILESIZE_LARGE, offset: curl_off_t(body.count))
        set(CURLOPT_READDATA, pointer: contextPointer)
        _ = ccurl_setopt_read_function(handle) { buffer, size, count, userdata in
            guard let userdata, let buffer else { return Int(ccurl_readfunc_abort()) }
            let context = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
            let remaining = context.upload.count - context.uploadOffset
            let length = min(size * count, remaining)
            if length > 0, let base = context.upload.baseAddress {
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + context.uploadOffset, byteCount: length)
                context.uploadOffset += length
            }
            return length
        }
    }

    /// Pins an SFTP host's key: a SHA-256 fingerprint, or a `known_hosts` file with a callback that refuses an
    /// unknown or different key. With neither, the host is refused: libcurl would otherwise accept any key.
    func pinHostKey(knownHosts: String?, sha256: String?, url: URL) throws {
        guard knownHosts != nil || sha256 != nil else {
            throw MarketSyncError(.config, "sftp host \(url.redactedForLogs) has no pinned host key: set host_key_sha256 or known_hosts",
                                  key: "host_key_sha256")
        }
        if let sha256 {
            var fingerprint = sha256
            if fingerprint.hasPrefix("SHA256:") { fingerprint.removeFirst(7) }
            while fingerprint.hasSuffix("=") { fingerprint.removeLast() }
            set(CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, fingerprint)
        }
        if let knownHosts {
            set(CURLOPT_SSH_KNOWNHOSTS, knownHosts)
            _ = ccurl_setopt_ssh_strict_keyfunction(handle)
        }
    }

    private func configureHTTPMethod(_ method: String, body: UnsafeRawBufferPointer) {
        switch method {
        case "GET" where body.isEmpty:
            set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            set(CURLOPT_NOBODY, 1)
        case _ where !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH":
            // POSTFIELDS (not a read callback) lets libcurl resend the body by itself when a reused
            // keep-alive connection turns out to be closed by the server.
            set(CURLOPT_POST, 1)
            set(CURLOPT_POSTFIELDS, pointer: body.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? emptyBody)
            set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(body.count))
            if method != "POST" { set(CURLOPT_CUSTOMREQUEST, method) }
        default:
            set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    private func transportError(_ code: CURLcode, method: String, url: URL) -> MarketSyncError {
        var text = String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        let query = url.query(percentEncoded: true) ?? ""
        let userInfo = [url.user(percentEncoded: true), url.password(percentEncoded: true)].compactMap { $0 }
        let leaks = (!query.isEmpty && detail.contains(query)) || userInfo.contains { !$0.isEmpty && detail.contains($0) }
        if !detail.isEmpty && detail != text && !leaks { text += " (\(detail))" }
        let safeURL = url.redactedForLogs
        return MarketSyncError(.transport, "\(method) \(safeURL) failed: \(text)",
                               underlying: CurlError(code: Int(code.rawValue), description: text))
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = ccurl_setopt_long(handle, option, value)
    }

    func set(_ option: CURLoption, offset value: curl_off_t) {
        _ = ccurl_setopt_off(handle, option, value)
    }

    func set(_ option: CURLoption, _ value: String) {
        // libcurl copies string options (since 7.17), so the temporary C string may go away after the call.
        _ = ccurl_setopt_string(handle, option, value)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
        _ = ccurl_setopt_pointer(handle, option, pointer)
    }

    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) {
        _ = ccurl_setopt_slist(handle, option, list)
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive timeout never becomes "no timeout" (0).
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(millis, 1))
    }
}
