public import MarketSync

/// One sheet of one chain, as data: which columns in which order with which header, how its text is written, how
/// its files are named and cut, and the chain's words for units and answers. Built by code or from the config
/// (`ChainSheetLayouts(options:)`); checked when built, so writers and readers never meet a layout that cannot work.
public struct SheetLayout: Sendable, Hashable {
    /// Which sheet this is.
    public let kind: SheetKind
    /// The columns, in the order they are written (and expected, by header, when read).
    public let columns: [SheetColumn]
    /// Delimiter, quoting, decimal mark, line ending, encoding, dates, currency.
    public let format: SheetFormat
    /// File names and split; nil for an order sheet, which is read, not written.
    public let naming: SheetFileNaming?
    /// The chain's word for each of our units (`pcs` → `件`); a unit not listed is written as the catalog has it.
    public let units: [String: String]
    /// The words of an order response's `status` column.
    public let statusTexts: SheetStatusTexts

    /// A layout, checked: columns bound to fields the sheet may hold, each field and each header at most once, the
    /// columns the sheet needs present (a quantity or a price, something naming the product, an order number), a
    /// file naming for a written sheet whose split fits the sheet and whose split column exists. Throws a `.config`
    /// error naming `keyPath` and the column (`sheets.stock.columns.3`) at fault.
    public init(kind: SheetKind, columns: [SheetColumn], format: SheetFormat = SheetFormat(), naming: SheetFileNaming?,
                units: [String: String] = [:], statusTexts: SheetStatusTexts = SheetStatusTexts(),
                keyPath: String? = nil) throws(MarketSyncError) {
        let path = keyPath ?? "sheets.\(kind)"
        func fail(_ message: String, _ key: String) -> MarketSyncError { MarketSyncError(.config, message, key: key) }
        guard !columns.isEmpty else { throw fail("a \(kind) sheet needs columns", "\(path).columns") }
        var fields: Set<SheetField> = []
        var headers: Set<String> = []
        for (offset, column) in columns.enumerated() {
            let key = "\(path).columns.\(offset + 1)"
            guard kind.allowedFields.contains(column.field) else {
                throw fail("a \(kind) sheet has no field \(column.field) (it may hold \(kind.allowedFields.map(\.rawValue).sorted().joined(separator: ", ")))", key)
            }
            guard fields.insert(column.field).inserted else { throw fail("the field \(column.field) has a column already", key) }
            let header = SheetHeaderMatch.normalized(column.header)
            guard !header.isEmpty else { throw fail("a column needs a header", key) }
            guard headers.insert(header).inserted else { throw fail("the header \"\(column.header)\" is used twice", key) }
        }
        for group in kind.requiredGroups where fields.isDisjoint(with: group) {
            let names = group.map(\.rawValue).joined(separator: " or ")
            throw fail("a \(kind) sheet needs a column for \(names)", "\(path).columns")
        }
        if kind.isWritten {
            guard let naming else { throw fail("a written sheet needs a file name", "\(path).file_name") }
            guard kind.allowedSplits.contains(naming.split) else {
                throw fail("a \(kind) sheet cannot be split per \(naming.split)", "\(path).split")
            }
            if naming.split == .store, !fields.contains(.store) {
                throw fail("one file per store needs a store column", "\(path).split")
            }
        }
        self.kind = kind
        self.columns = columns
        self.format = format
        self.naming = kind.isWritten ? naming : nil
        self.units = units
        self.statusTexts = statusTexts
    }

    /// The column bound to `field`, if any.
    public func column(for field: SheetField) -> SheetColumn? {
        columns.first { $0.field == field }
    }
}
