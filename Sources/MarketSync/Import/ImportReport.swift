/// What reading a source produced: the valid products, and each rejected row with its place and reason.
public struct ImportReport: Sendable {
    /// A row that was skipped: `file:line: reason` (JSON sources name the element: `file: products[3]: reason`).
    public struct Rejection: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var element: String?
        public var sku: SKU?
        public var reason: String
        public init(file: String, line: Int? = nil, element: String? = nil, sku: SKU? = nil, reason: String) {
            self.file = file
            self.line = line
            self.element = element
            self.sku = sku
            self.reason = reason
        }
        public var description: String {
            var place = file
            if let line { place += ":\(line)" }
            if let element { place += ": \(element)" }
            let subject = sku.map { " (SKU \($0))" } ?? ""
            return "\(place)\(subject): \(reason)"
        }
    }

    public var source: String
    public var products: [Product]
    public var rejections: [Rejection]

    public init(source: String, products: [Product] = [], rejections: [Rejection] = []) {
        self.source = source
        self.products = products
        self.rejections = rejections
    }
}
