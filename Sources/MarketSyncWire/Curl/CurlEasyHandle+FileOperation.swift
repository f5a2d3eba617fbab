internal import CCurl
internal import Foundation
internal import MarketSync

extension CurlEasyHandle {
    /// Runs one SFTP or FTPS operation to completion on the calling thread. Throws `CurlError` with libcurl's
    /// code and text (no credentials), `MarketSyncError` `.config` for an SFTP host without a pinned key, and
    /// `CancellationError` when cancelled.
    func perform(_ operation: CurlFileOperation, cancel: CancellationFlag) throws -> CurlFileResult {
        let scheme = operation.url.scheme?.lowercased() ?? ""
        guard scheme == "sftp" || scheme == "ftp" || scheme == "ftps" else {
            throw MarketSyncError(.config, "unsupported URL scheme '\(scheme)' for a file drop")
        }
        let contextPointer = prepare(url: operation.url, protocols: scheme, isHTTP: false, cancel: cancel)
        var quote: UnsafeMutablePointer<curl_slist>?
        var postQuote: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(quote)
            curl_slist_free_all(postQuote)
        }
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = operation.access.caFile ?? options.caFile { set(CURLOPT_CAINFO, caFile) }
        if scheme == "sftp" {
            try pinHostKey(knownHosts: operation.access.hostKey.flatMap(\.knownHostsPath), sha256: operation.access.hostKey?.fingerprint,
                           url: operation.url)
            logInSSH(operation.access.credentials)
        } else {
            set(CURLOPT_USE_SSL, ccurl_usessl_all())
            set(CURLOPT_USERNAME, operation.access.credentials?.user ?? "anonymous")
            set(CURLOPT_PASSWORD, operation.access.credentials?.password ?? "")
        }
        for command in operation.quote { quote = curl_slist_append(quote, command) }
        for command in operation.postQuote { postQuote = curl_slist_append(postQuote, command) }
        if quote != nil { set(CURLOPT_QUOTE, list: quote) }
        if postQuote != nil { set(CURLOPT_POSTQUOTE, list: postQuote) }
        if operation.createMissingDirectories { set(CURLOPT_FTP_CREATE_MISSING_DIRS, ccurl_ftp_create_dir()) }

        let upload: Data
        switch operation.action {
        case let .upload(data): upload = data
        case .download: upload = Data()
        case let .list(namesOnly):
            upload = Data()
            if namesOnly { set(CURLOPT_DIRLISTONLY, 1) }
        case .stat:
            upload = Data()
            set(CURLOPT_NOBODY, 1)
            set(CURLOPT_FILETIME, 1)
        case .commands:
            upload = Data()
            set(CURLOPT_NOBODY, 1)
        }
        let code: CURLcode = upload.withUnsafeBytes { body in
            if case .upload = operation.action { setUpload(body, contextPointer: contextPointer) }
            defer { context.upload = UnsafeRawBufferPointer(start: nil, count: 0) }
            return curl_easy_perform(handle)
        }
        if code != CURLE_OK {
            if cancel.isCancelled { throw CancellationError() }
            var text = String(cString: curl_easy_strerror(code))
            let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
            if !detail.isEmpty && detail != text { text += " (\(detail))" }
            throw CurlError(code: Int(code.rawValue), description: text)
        }
        var size: curl_off_t = -1
        var filetime: curl_off_t = -1
        if case .stat = operation.action {
            _ = ccurl_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &size)
            _ = ccurl_getinfo_off(handle, CURLINFO_FILETIME_T, &filetime)
        }
        return CurlFileResult(body: context.body, size: size >= 0 ? Int64(size) : nil,
                              modified: filetime >= 0 ? Date(timeIntervalSince1970: TimeInterval(filetime)) : nil)
    }

    /// SSH login: the private key when one is given (its `.pub` beside it when present, else libssh2 derives the
    /// public key), else the password. Only the method given is offered, never an agent or the user's own keys.
    private func logInSSH(_ credentials: FileDropCredentials?) {
        guard let credentials else { return }
        set(CURLOPT_USERNAME, credentials.user)
        if let key = credentials.privateKey {
            set(CURLOPT_SSH_AUTH_TYPES, ccurl_ssh_auth_publickey())
            set(CURLOPT_SSH_PRIVATE_KEYFILE, key)
            let publicKey = key + ".pub"
            if FileManager.default.fileExists(atPath: publicKey) { set(CURLOPT_SSH_PUBLIC_KEYFILE, publicKey) }
            if let passphrase = credentials.passphrase { set(CURLOPT_KEYPASSWD, passphrase) }
        } else {
            set(CURLOPT_SSH_AUTH_TYPES, ccurl_ssh_auth_password())
            set(CURLOPT_PASSWORD, credentials.password ?? "")
        }
    }
}

extension FileDropHostKey {
    /// The `known_hosts` file's path, nil for a fingerprint.
    var knownHostsPath: String? {
        if case let .knownHosts(path) = self { return path }
        return nil
    }
}
