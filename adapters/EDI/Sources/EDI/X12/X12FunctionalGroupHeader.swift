/// What `GS` says about a functional group (and `GE` repeats the control number of).
public struct X12FunctionalGroupHeader: Hashable, Sendable {
    /// `GS01`: the functional identifier of the sets inside (`IB` 846, `SC` 832, `PO` 850, `PR` 855, `FA` 997).
    public var functionalID: String
    /// `GS02`: the application sender's code.
    public var applicationSender: String
    /// `GS03`: the application receiver's code.
    public var applicationReceiver: String
    /// `GS04`: `CCYYMMDD`.
    public var date: String
    /// `GS05`: `HHMM`.
    public var time: String
    /// `GS06`: the group control number (1 to 9 digits), repeated in `GE02` and acknowledged in a 997's `AK1`.
    public var controlNumber: Int
    /// `GS07`: the responsible agency (`X`).
    public var agency: String
    /// `GS08`: the version, release and industry code (`004010`).
    public var version: String

    /// A group header; agency `X`, version 004010 unless said.
    public init(functionalID: String, applicationSender: String, applicationReceiver: String, date: String, time: String,
                controlNumber: Int, agency: String = "X", version: String = "004010") {
        self.functionalID = functionalID
        self.applicationSender = applicationSender
        self.applicationReceiver = applicationReceiver
        self.date = date
        self.time = time
        self.controlNumber = controlNumber
        self.agency = agency
        self.version = version
    }
}
