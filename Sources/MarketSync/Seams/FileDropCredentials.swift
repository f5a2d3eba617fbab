/// The login to a partner's SFTP or FTPS server, read from the environment. Neither its description nor what
/// `dump` shows ever holds the password or the passphrase.
public struct FileDropCredentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The account name.
    public var user: String
    /// The password (SFTP password login or FTPS).
    public var password: String?
    /// Path of an SSH private key file (SFTP key login, tried instead of the password).
    public var privateKey: String?
    /// The private key's passphrase.
    public var passphrase: String?

    /// A login; give a password, or a private key with its passphrase when it has one.
    public init(user: String, password: String? = nil, privateKey: String? = nil, passphrase: String? = nil) {
        self.user = user
        self.password = password
        self.privateKey = privateKey
        self.passphrase = passphrase
    }

    /// `FileDropCredentials(user: U, password: set, private key: PATH, passphrase: none)`.
    public var description: String {
        "FileDropCredentials(user: \(user), password: \(password == nil ? "none" : "set"), private key: \(privateKey ?? "none"), "
            + "passphrase: \(passphrase == nil ? "none" : "set"))"
    }

    /// What `dump` and debuggers see: the same as `description`.
    public var customMirror: Mirror {
        Mirror(self, children: ["user": user, "password": password == nil ? "none" : "set", "privateKey": privateKey ?? "none",
                                "passphrase": passphrase == nil ? "none" : "set"], displayStyle: .struct)
    }
}
