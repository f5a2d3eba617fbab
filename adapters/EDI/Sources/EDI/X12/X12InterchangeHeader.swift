/// What `ISA` says about an interchange (and `IEA` repeats the control number of). Values are held without
/// their padding; the writer pads them to `ISA`'s fixed widths. `authorization` and `security` may be passwords:
/// `dump`, `print` and string interpolation show them redacted.
public struct X12InterchangeHeader: Hashable, Sendable, CustomReflectable, CustomStringConvertible {
    /// `ISA01` (`00`: no authorization information).
    public var authorizationQualifier: String
    /// `ISA02`, up to 10 characters.
    public var authorization: String
    /// `ISA03` (`00`: no security information).
    public var securityQualifier: String
    /// `ISA04`, up to 10 characters.
    public var security: String
    /// `ISA05`: the code list of the sender's ID (`ZZ` mutually defined, `01` DUNS, `12` phone, `08` UCC).
    public var senderQualifier: String
    /// `ISA06`, up to 15 characters.
    public var senderID: String
    /// `ISA07`.
    public var receiverQualifier: String
    /// `ISA08`, up to 15 characters.
    public var receiverID: String
    /// `ISA09`: `YYMMDD`.
    public var date: String
    /// `ISA10`: `HHMM`.
    public var time: String
    /// `ISA11`: `U` in version 00401 (the repetition separator from 00402 on).
    public var standardsIdentifier: String
    /// `ISA12`: `00401`.
    public var version: String
    /// `ISA13`: the interchange control number, nine digits, repeated in `IEA02`; never reused for a partner.
    public var controlNumber: Int
    /// `ISA14`: whether an interchange acknowledgement (`TA1`) is asked for.
    public var acknowledgmentRequested: Bool
    /// `ISA15`.
    public var usage: X12Usage

    /// A header; authorization and security default to none (`00` and blanks), the version to 00401.
    public init(authorizationQualifier: String = "00", authorization: String = "", securityQualifier: String = "00",
                security: String = "", senderQualifier: String, senderID: String, receiverQualifier: String,
                receiverID: String, date: String, time: String, standardsIdentifier: String = "U",
                version: String = "00401", controlNumber: Int, acknowledgmentRequested: Bool = false, usage: X12Usage) {
        self.authorizationQualifier = authorizationQualifier
        self.authorization = authorization
        self.securityQualifier = securityQualifier
        self.security = security
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.date = date
        self.time = time
        self.standardsIdentifier = standardsIdentifier
        self.version = version
        self.controlNumber = controlNumber
        self.acknowledgmentRequested = acknowledgmentRequested
        self.usage = usage
    }

    /// The header with `authorization` and `security` redacted.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "authorizationQualifier": authorizationQualifier, "authorization": authorization.isEmpty ? "" : "<redacted>",
            "securityQualifier": securityQualifier, "security": security.isEmpty ? "" : "<redacted>",
            "senderQualifier": senderQualifier, "senderID": senderID, "receiverQualifier": receiverQualifier,
            "receiverID": receiverID, "date": date, "time": time, "standardsIdentifier": standardsIdentifier, "version": version,
            "controlNumber": controlNumber, "acknowledgmentRequested": acknowledgmentRequested, "usage": usage,
        ], displayStyle: .struct)
    }

    /// `ISA <sender> -> <receiver> #<control number>`, nothing secret.
    public var description: String {
        "ISA \(senderQualifier):\(senderID) -> \(receiverQualifier):\(receiverID) #\(controlNumber) \(usage.rawValue)"
    }
}
