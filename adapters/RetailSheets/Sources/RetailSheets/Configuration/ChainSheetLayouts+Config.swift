public import MarketSync

extension ChainSheetLayouts {
    /// The layouts a channel's config gives under `prefix` of its flattened options (`sheets.format.encoding`,
    /// `sheets.stock.columns.1.header`; docs/retail-sheets.md has the YAML shape). A sheet without keys is nil.
    /// Every key under `prefix` must be known and valid: the first that is not throws a `.config` error naming the
    /// full key (`keyPath` + `.` + the option's key) and its line, with `file` when given.
    public init(options: [String: ConfigValue], prefix: String = "sheets", keyPath: String = "options",
                file: String? = nil) throws(MarketSyncError) {
        var reader = SheetConfigReader(options: options, prefix: prefix, keyPath: keyPath, file: file)
        let defaults = try reader.format(under: "format", base: SheetFormat())
        let units = reader.units()
        var layouts = ChainSheetLayouts()
        for kind in SheetKind.allCases where reader.has(section: kind.rawValue) {
            let layout = try reader.layout(kind, defaults: defaults, units: units)
            switch kind {
            case .stock: layouts.stock = layout
            case .price: layouts.price = layout
            case .orders: layouts.orders = layout
            case .orderResponse: layouts.orderResponse = layout
            }
        }
        try reader.rejectUnknown()
        self = layouts
    }
}
