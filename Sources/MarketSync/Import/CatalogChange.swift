/// One product a streamed source gives, still to be put over what the catalog holds (``CatalogChangeApplier``).
public struct CatalogChange: Sendable {
    /// Which product it is.
    public enum Target: Sendable, Hashable {
        /// The product of this SKU.
        case sku(SKU)
        /// The product an earlier import recorded under this source key (1C's `Ид`), when this package does not
        /// name its SKU.
        case sourceKey(String)
    }

    /// Which product it is.
    public var target: Target
    /// The source's own key of the product, recorded with its SKU so a later delta naming only the key finds it.
    public var sourceKey: String?
    /// What the source says about it.
    public var patch: ProductPatch
    /// Apply only to a product the catalog holds (a product marked deleted in the source: no new product is made).
    public var onlyIfStored: Bool
    /// Where it was read, for a rejection: the file, the line, and what the row is called there (`Ид 7f3c…`).
    public var file: String
    /// The 1-based line of the row.
    public var line: Int?
    /// What the row is called in the file, for people (`Ид 7f3c…`).
    public var element: String?

    /// A change read at `file:line`.
    public init(target: Target, sourceKey: String? = nil, patch: ProductPatch, onlyIfStored: Bool = false, file: String,
                line: Int?, element: String? = nil) {
        self.target = target
        self.sourceKey = sourceKey
        self.patch = patch
        self.onlyIfStored = onlyIfStored
        self.file = file
        self.line = line
        self.element = element
    }
}
