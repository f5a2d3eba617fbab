/// How an SFTP server's host key is pinned. There is no "accept any": an SFTP drop without one is a config error.
public enum FileDropHostKey: Sendable, Hashable, CustomStringConvertible {
    /// The SHA-256 fingerprint of the host's public key, base64 as `ssh-keygen -lf` prints it (`SHA256:` prefix
    /// and `=` padding optional).
    case sha256(String)
    /// An OpenSSH `known_hosts` file that must hold the host's key; an unknown or different key is refused.
    case knownHosts(path: String)

    /// The fingerprint without its `SHA256:` prefix and padding, as libcurl compares it; nil for `knownHosts`.
    public var fingerprint: String? {
        guard case var .sha256(text) = self else { return nil }
        if text.hasPrefix("SHA256:") { text.removeFirst(7) }
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// `SHA256:…` or `known_hosts PATH`.
    public var description: String {
        switch self {
        case .sha256: "SHA256:\(fingerprint ?? "")"
        case let .knownHosts(path): "known_hosts \(path)"
        }
    }
}
