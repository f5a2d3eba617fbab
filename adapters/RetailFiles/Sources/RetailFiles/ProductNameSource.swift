public import MarketSync

/// Which of the catalog's names a price file carries (`IMD` in PRICAT, `PID` in an 832).
public enum ProductNameSource: String, Sendable, Hashable, CaseIterable {
    /// The English name (fits `UNOC` and X12).
    case en
    /// The Chinese name (needs `UNOW`; X12 and `UNOC` leave it out).
    case zh
    /// The Russian name (needs `UNOW`; X12 and `UNOC` leave it out).
    case ru
    /// No name: the chain's master data names the product by its GTIN.
    case none

    /// The name of `product` this source picks; nil when it picks none or the name is empty.
    public func name(of product: Product) -> String? {
        let name: String = switch self {
        case .en: product.names.en
        case .zh: product.names.zh
        case .ru: product.names.ru
        case .none: ""
        }
        return name.isEmpty ? nil : name
    }
}
