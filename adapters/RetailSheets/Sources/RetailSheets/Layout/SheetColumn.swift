/// One column of a sheet: the header text the chain wants and the field it holds.
public struct SheetColumn: Sendable, Hashable {
    /// The header cell as the chain writes it (`商品编码`, `Barcode`, `Штрихкод`), matched trimmed and ignoring
    /// ASCII case when an order sheet is read.
    public var header: String
    /// What the column holds.
    public var field: SheetField
    /// Whether a row may leave the cell empty, and an order sheet's header may lack the column. False (a value is
    /// required) for every field but `reason` unless the layout says so.
    public var optional: Bool

    /// A column; `optional` defaults to the field's default (only `reason` may be empty).
    public init(_ header: String, _ field: SheetField, optional: Bool? = nil) {
        self.header = header
        self.field = field
        self.optional = optional ?? field.isOptionalByDefault
    }
}
