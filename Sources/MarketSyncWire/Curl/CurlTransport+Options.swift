extension CurlTransport {
    /// How a `CurlTransport` connects. Defaults are safe: TLS verified, bounded timeouts.
    public struct Options: Sendable {
        /// Longest wait for a connection (TCP and TLS handshake). Default 10 s.
        public var connectTimeout: Duration
        /// Longest a whole transfer may take, connecting included. Default 60 s.
        public var timeout: Duration
        /// The `User-Agent` sent with HTTP requests unless the request sets its own.
        public var userAgent: String
        /// Whether TLS certificates and host names are verified. On by default; turn off only for a local sandbox.
        public var verifyTLS: Bool
        /// A PEM bundle of trusted certificates used instead of the system's.
        public var caFile: String?
        /// Credentials for `sftp://` and `ftps://` deliveries; never sent to HTTP hosts.
        public var fileDeliveryCredentials: FileDeliveryCredentials?
        /// An OpenSSH `known_hosts` file checked for `sftp://` hosts: an unknown or different host key is refused.
        public var sshKnownHostsFile: String?
        /// The SHA-256 fingerprint (base64, as `ssh-keygen -lf` prints it) the `sftp://` host's key must have.
        /// An `sftp://` request with neither this nor `sshKnownHostsFile` is refused with a `.config` error.
        public var sshHostKeySHA256: String?
        /// How many transfers run at once, each on its own thread with its own reused connection cache.
        public var maxConcurrentTransfers: Int

        /// Options with documented defaults; every field can be changed afterwards.
        public init(connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60),
                    userAgent: String = "marketsync/1", verifyTLS: Bool = true, caFile: String? = nil,
                    fileDeliveryCredentials: FileDeliveryCredentials? = nil, sshKnownHostsFile: String? = nil,
                    sshHostKeySHA256: String? = nil, maxConcurrentTransfers: Int = 4) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.userAgent = userAgent
            self.verifyTLS = verifyTLS
            self.caFile = caFile
            self.fileDeliveryCredentials = fileDeliveryCredentials
            self.sshKnownHostsFile = sshKnownHostsFile
            self.sshHostKeySHA256 = sshHostKeySHA256
            self.maxConcurrentTransfers = maxConcurrentTransfers
        }
    }
}
