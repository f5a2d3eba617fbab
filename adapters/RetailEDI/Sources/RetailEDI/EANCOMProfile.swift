public import EDI
import MarketSync

/// One retail chain on EANCOM, as configured: the codecs' profile (GLNs, subset codes, character set, syntax
/// version, time zone, currency), the warehouse an inventory report names, and the adapter's own options.
public struct EANCOMProfile: Sendable {
    /// The chain's EANCOM profile; its `partner` is the channel.
    public var settings: EANCOMSettings
    /// The warehouse the stock is in (`NAD+WH` in INVRPT), when the chain wants it named.
    public var warehouse: GLN?
    /// Snapshot or delta, product names, files per listing.
    public var options: RetailEDIOptions

    /// A profile as given.
    public init(settings: EANCOMSettings, warehouse: GLN? = nil, options: RetailEDIOptions = RetailEDIOptions()) {
        self.settings = settings
        self.warehouse = warehouse
        self.options = options
    }

    /// Whether the chain exchanges `type` (a subset code is configured for it).
    public func exchanges(_ type: EANCOMMessageType) -> Bool {
        settings.associationCodes[type] != nil
    }
}
