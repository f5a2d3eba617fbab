public import EDI

/// One partner on X12 (Walmart's supplier link and others), as configured: the codecs' profile (ISA/GS identities
/// and qualifiers, usage, codes, time zone, currency, the sets exchanged) and the adapter's own options.
public struct X12Profile: Sendable {
    /// The partner's X12 profile; its `partner` is the channel.
    public var settings: X12Settings
    /// Snapshot or delta, product names, files per listing.
    public var options: RetailEDIOptions

    /// A profile as given.
    public init(settings: X12Settings, options: RetailEDIOptions = RetailEDIOptions()) {
        self.settings = settings
        self.options = options
    }

    /// Whether the partner exchanges transaction set `identifier` (`846`, `832`, `850`, `855`, `997`).
    public func exchanges(_ identifier: String) -> Bool {
        settings.transactionSets.contains(identifier)
    }
}
