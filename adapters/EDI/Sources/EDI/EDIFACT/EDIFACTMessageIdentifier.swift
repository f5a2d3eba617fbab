/// What `UNH` says a message is (`S009`): `INVRPT:D:96A:UN:EAN008`.
public struct EDIFACTMessageIdentifier: Hashable, Sendable {
    /// The message type (`0065`): `INVRPT`, `PRICAT`, `ORDERS`, `ORDRSP`.
    public var type: String
    /// The message version (`0052`): `D` (draft directory).
    public var version: String
    /// The release (`0054`): `96A`.
    public var release: String
    /// The controlling agency (`0051`): `UN`.
    public var agency: String
    /// The association assigned code (`0057`): the EANCOM subset version (`EAN008`), from the partner's guide.
    public var associationCode: String?

    /// An identifier with every part given; D.96A from UN unless said otherwise.
    public init(type: String, version: String = "D", release: String = "96A", agency: String = "UN",
                associationCode: String?) {
        self.type = type
        self.version = version
        self.release = release
        self.agency = agency
        self.associationCode = associationCode
    }

    var components: [String] {
        [type, version, release, agency] + (associationCode.map { [$0] } ?? [])
    }
}
