public import Foundation
public import MarketSync

/// One partner's X12 profile, from configuration: interchange and group identities, delimiters, usage, and the
/// codes the partner's implementation guide asks for. The guide is the authority; the defaults are the common
/// 004010 choices (docs/edi.md, "X12").
public struct X12Settings: Sendable {
    /// The channel whose control numbers the interchanges draw.
    public var partner: ChannelID
    /// `ISA05`/`ISA06`: our interchange ID and its qualifier (`ZZ` mutually defined).
    public var senderQualifier: String
    /// Our interchange ID (at most 15 characters).
    public var senderID: String
    /// `ISA07`/`ISA08`: the partner's interchange ID and its qualifier.
    public var receiverQualifier: String
    /// The partner's interchange ID (at most 15 characters).
    public var receiverID: String
    /// `GS02`: our application sender code.
    public var applicationSender: String
    /// `GS03`: the partner's application receiver code.
    public var applicationReceiver: String
    /// The delimiters written (the partner's choice when it has one).
    public var separators: X12Separators
    /// `ISA15`: test or production.
    public var usage: X12Usage
    /// `ISA14`: whether we ask for a `TA1`.
    public var acknowledgmentRequested: Bool
    /// `ISA12` (`00401`).
    public var interchangeVersion: String
    /// `GS08` (`004010`).
    public var groupVersion: String
    /// The partner's time zone: dates and times are written in it.
    public var timeZone: TimeZone
    /// The currency of prices sent, and of an order without `CUR`.
    public var currency: Currency
    /// The product/service ID qualifier our SKU is sent under in `LIN` and `PO1` (`SK` stock keeping unit;
    /// some partners want `VN`, vendor's item number), and the one read back from an 850.
    public var skuQualifier: String
    /// The unit of measure of quantities (`EA` each).
    public var unit: String
    /// `QTY01` of an 846 line (`33`: quantity available for sale).
    public var inventoryQuantityQualifier: String
    /// `CTP02` of an 832 line (`UCP`: unit cost price).
    public var priceIdentifier: String
    /// `BCT01` of an 832 (**unconfirmed** default `PC`; take it from the partner's guide).
    public var catalogPurposeCode: String
    /// The transaction sets the partner exchanges with us (`846`, `832`, `850`, `855`, `997`).
    public var transactionSets: Set<String>

    /// A profile; throws `config` when an interchange ID is empty or longer than 15 characters.
    public init(partner: ChannelID, senderQualifier: String = "ZZ", senderID: String, receiverQualifier: String = "ZZ",
                receiverID: String, applicationSender: String? = nil, applicationReceiver: String? = nil,
                separators: X12Separators = .standard, usage: X12Usage, acknowledgmentRequested: Bool = false,
                interchangeVersion: String = "00401", groupVersion: String = "004010", timeZone: TimeZone,
                currency: Currency, skuQualifier: String = "SK", unit: String = "EA", inventoryQuantityQualifier: String = "33",
                priceIdentifier: String = "UCP", catalogPurposeCode: String = "PC",
                transactionSets: Set<String> = ["846", "832", "850", "855", "997"]) throws {
        for (value, key) in [(senderID, "sender_id"), (receiverID, "receiver_id")] where value.isEmpty || value.count > 15 {
            throw MarketSyncError(.config, "an interchange ID must have 1 to 15 characters", channel: partner, key: key)
        }
        self.partner = partner
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.applicationSender = applicationSender ?? senderID
        self.applicationReceiver = applicationReceiver ?? receiverID
        self.separators = separators
        self.usage = usage
        self.acknowledgmentRequested = acknowledgmentRequested
        self.interchangeVersion = interchangeVersion
        self.groupVersion = groupVersion
        self.timeZone = timeZone
        self.currency = currency
        self.skuQualifier = skuQualifier
        self.unit = unit
        self.inventoryQuantityQualifier = inventoryQuantityQualifier
        self.priceIdentifier = priceIdentifier
        self.catalogPurposeCode = catalogPurposeCode
        self.transactionSets = transactionSets
    }

    /// The functional identifier (`GS01`) of a transaction set: `IB` 846, `SC` 832, `PO` 850, `PR` 855, `FA` 997.
    public static func functionalID(of transactionSet: String) -> String? {
        ["846": "IB", "832": "SC", "850": "PO", "855": "PR", "997": "FA"][transactionSet]
    }
}
