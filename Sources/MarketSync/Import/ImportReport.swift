/// What reading a source produced: the valid products, and each rejected row with its place and reason.
public struct ImportReport: Sendable {
    /// A row that was skipped: `file:line: reason` (JSON sources name the element: `file: products[3]: reason`).
    public struct Rejection: Sendable, Hashable, CustomStringConvertible {
        /// The source file.
        public var file: String
        /// The 1-based line of a CSV row; nil for JSON elements and for rejections about a whole SKU.
        public var line: Int?
        /// The JSON element (`products[3]`); nil for CSV rows.
        public var element: String?
        /// The row's SKU, when it could be read.
        public var sku: SKU?
        /// Why the row was skipped, for people.
        public var reason: String
        /// A rejection in `file`.
        public init(file: String, line: Int? = nil, element: String? = nil, sku: SKU? = nil, reason: String) {
            self.file = file
            self.line = line
            self.element = element
            self.sku = sku
            self.reason = reason
        }
        /// `catalog.csv:12 (SKU A-1): price_rub is empty`, or `catalog.json: products[3]: ...` for JSON.
        public var description: String {
            var place = file
            if let line { place += ":\(line)" }
            if let element { place += ": \(element)" }
            let subject = sku.map { " (SKU \($0))" } ?? ""
            return "\(place)\(subject): \(reason)"
        }
    }

    /// The path of the file read, as given; rejections name it too.
    public var source: String
    /// The valid products, in file order. A SKU that appears twice in the file is in neither place here: every
    /// copy is rejected.
    public var products: [Product]
    /// The skipped rows, in file order (`LotsReader.merge(_:into:)` appends the lots files' to the first report).
    public var rejections: [Rejection]
    /// A source read only while it is imported (a CommerceML package): its products and rejected rows are not
    /// here but come from the import (`SyncEngine`, `RunSummary.rejectedRows`).
    public var stream: (any StreamedCatalogSource)?
    /// Lots files' lots for the stream's products (`LotsReader.merge(_:into:)`).
    public var overlay: LotsOverlay

    /// A report for `source`.
    public init(source: String, products: [Product] = [], rejections: [Rejection] = []) {
        self.source = source
        self.products = products
        self.rejections = rejections
        self.stream = nil
        self.overlay = LotsOverlay()
    }

    /// A report for a source read while it is imported.
    public init(streaming stream: any StreamedCatalogSource) {
        self.init(source: stream.name)
        self.stream = stream
    }
}
