/// Whether a recorded request's signature verified with the cassette's signing secret.
public enum SignatureVerdict: String, Hashable, Sendable, Codable {
    /// The signature verified.
    case valid
    /// The signature did not verify.
    case invalid
}
