public import Foundation
public import MarketSync

/// One retail chain's EANCOM profile, from configuration: who the parties are, which messages the chain takes
/// and in which subset version, and the syntax it reads. Nothing here is a constant of the codecs: the chain's
/// message implementation guide is the authority.
public struct EANCOMSettings: Sendable {
    /// The channel whose control numbers the interchanges draw (one sequence per partner).
    public var partner: ChannelID
    /// Our GLN: `UNB` sender and `NAD+SU`.
    public var supplier: GLN
    /// The chain's GLN: `UNB` recipient and `NAD+BY` in what we send.
    public var buyer: GLN
    /// The messages the chain takes (or sends), each with its association assigned code for `UNH` (`0057`, the
    /// subset version: `EAN008` for INVRPT, PRICAT and ORDERS, `EAN005` for ORDRSP in the samples we know).
    /// A message type missing here is one the chain does not take.
    public var associationCodes: [EANCOMMessageType: String]
    /// The character set written (`UNOC` carries Latin-1 only; `UNOW` carries Cyrillic and Chinese).
    public var characterSet: EDIFACTCharacterSet
    /// The syntax version written in `UNB` (`3`; `4` with `UNOW`).
    public var syntaxVersion: String
    /// The separators written (`UNA:+.? '`).
    public var characters: EDIFACTServiceCharacters
    /// The chain's time zone: document dates and the `UNB` date and time are written in it.
    public var timeZone: TimeZone
    /// The currency prices are sent in (`CUX`), and the one an order without `CUX` is read in.
    public var currency: Currency
    /// The unit of measure written after stock quantities (`PCE`), or nil for none (each, by default).
    public var quantityUnit: String?
    /// Whether interchanges are marked as tests (`UNB` `0035` = 1).
    public var isTest: Bool

    /// A profile; throws `config` when the syntax version does not fit the character set (`UNOW` needs 4) or a
    /// subset code is empty.
    public init(partner: ChannelID, supplier: GLN, buyer: GLN, associationCodes: [EANCOMMessageType: String],
                characterSet: EDIFACTCharacterSet = .unoc, syntaxVersion: String? = nil,
                characters: EDIFACTServiceCharacters = .standard, timeZone: TimeZone, currency: Currency,
                quantityUnit: String? = nil, isTest: Bool = false) throws {
        let version = syntaxVersion ?? (characterSet == .unow ? "4" : "3")
        guard characterSet != .unow || version == "4" else {
            throw MarketSyncError(.config, "the character set UNOW needs syntax version 4, not \(version)", channel: partner,
                                  key: "syntax_version")
        }
        for (type, code) in associationCodes where code.isEmpty {
            throw MarketSyncError(.config, "the subset code of \(type.rawValue) is empty", channel: partner,
                                  key: "association_codes.\(type.rawValue)")
        }
        self.partner = partner
        self.supplier = supplier
        self.buyer = buyer
        self.associationCodes = associationCodes
        self.characterSet = characterSet
        self.syntaxVersion = version
        self.characters = characters
        self.timeZone = timeZone
        self.currency = currency
        self.quantityUnit = quantityUnit
        self.isTest = isTest
    }
}
