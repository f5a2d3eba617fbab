public import EDI
public import Foundation
public import MarketSync
import RetailSheets

/// Which chain the simulator plays and in which format: our own profile of the channel, read from the same config,
/// seen from the other side.
public struct PartnerProfile: Sendable {
    let syntax: any PartnerSyntax
    /// The chain's time zone: the day an order is placed on.
    public let timeZone: TimeZone

    private init(syntax: any PartnerSyntax, timeZone: TimeZone) {
        self.syntax = syntax
        self.timeZone = timeZone
    }

    /// An EANCOM chain (`adapter: eancom`): reads INVRPT, PRICAT, ORDRSP; writes ORDERS.
    public static func eancom(_ settings: EANCOMSettings) -> PartnerProfile {
        PartnerProfile(syntax: EANCOMPartnerSyntax(settings: settings), timeZone: settings.timeZone)
    }

    /// An X12 partner (`adapter: x12`): reads 846, 832, 855, 997; writes 850.
    public static func x12(_ settings: X12Settings) -> PartnerProfile {
        PartnerProfile(syntax: X12PartnerSyntax(settings: settings), timeZone: settings.timeZone)
    }

    /// A CSV sheet chain (`adapter: sheets`): the layouts under `prefix` of the channel's flattened options
    /// (docs/retail-sheets.md), read with `ChainSheetLayouts`; `store` is the store code its order sheets name.
    /// Throws `config` naming the key (`keyPath.sheets.…`) when a layout is wrong.
    public static func sheets(channel: ChannelID, options: [String: ConfigValue], prefix: String = "sheets", keyPath: String,
                              file: String?, timeZone: TimeZone, store: String = PartnerProfile.defaultStore) throws -> PartnerProfile {
        let layouts = try ChainSheetLayouts(options: options, prefix: prefix, keyPath: keyPath, file: file)
        return PartnerProfile(syntax: SheetPartnerSyntax(channel: channel, layouts: layouts, timeZone: timeZone, store: store),
                              timeZone: timeZone)
    }

    /// The store code a simulated order sheet names when its layout has a store column: the chain's stores are its
    /// own data, which no config of ours holds.
    public static let defaultStore = "SIM01"
}
