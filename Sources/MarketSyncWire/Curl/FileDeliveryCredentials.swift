/// Login for SFTP and FTPS file deliveries. Its description never shows the password.
public struct FileDeliveryCredentials: Sendable, CustomStringConvertible {
    /// The account name.
    public var user: String
    /// The password, or the private key's passphrase when `privateKeyPath` is set.
    public var password: String?
    /// Path of an SSH private key file for `sftp://`.
    public var privateKeyPath: String?

    /// Credentials from a user name and a password and/or a private key file.
    public init(user: String, password: String? = nil, privateKeyPath: String? = nil) {
        self.user = user
        self.password = password
        self.privateKeyPath = privateKeyPath
    }

    /// `user` plus which kinds of secret are set, never their values.
    public var description: String {
        "FileDeliveryCredentials(user: \(user), password: \(password == nil ? "none" : "set"), privateKey: \(privateKeyPath ?? "none"))"
    }
}
