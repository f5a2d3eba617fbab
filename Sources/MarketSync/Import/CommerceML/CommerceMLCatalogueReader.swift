/// Reads `import.xml` as a stream: the names of the classifier's properties, whether the catalogue holds only
/// changes, and each `Товар` as a ``CommerceMLProductRecord`` handed to `emit` as soon as it ends, with what the
/// file has said about itself so far (the classifier and the catalogue's flag come before the products). Elements it does
/// not know are skipped (CommerceML versions add elements).
final class CommerceMLCatalogueReader: XMLElementHandler {
    /// What the file says about itself.
    struct Header: Sendable {
        /// `Каталог СодержитТолькоИзменения="true"` (or the element of that name): a delta.
        var onlyChanges = false
        /// The classifier's properties: `Наименование` by `Ид`.
        var propertyNames: [String: String] = [:]
        /// Whether the file has a `Каталог` at all.
        var hasCatalogue = false
        /// The price types its classifier lists (newer exchanges put them here).
        var priceTypes: [CommerceMLPriceTypes.Entry] = []
    }

    static let root = CommerceMLElement.root.rawValue

    private let path: String
    private let emit: (CommerceMLProductRecord, Header) throws -> Void
    private(set) var header = Header()
    private var product: CommerceMLProductRecord?
    private var pair: (key: String?, value: String?) = (nil, nil)
    private var property: (id: String?, name: String?) = (nil, nil)
    private var unitShortName: String?
    private var priceTypes = CommerceMLPriceTypes()

    /// Reads the file at `path`, handing each product to `emit`; returns what the file says about itself.
    static func read(path: String, emit: @escaping (CommerceMLProductRecord, Header) throws -> Void) throws -> Header {
        let reader = CommerceMLCatalogueReader(path: path, emit: emit)
        try XMLElementStream(path: path).read(into: reader)
        return reader.header
    }

    private init(path: String, emit: @escaping (CommerceMLProductRecord, Header) throws -> Void) {
        self.path = path
        self.emit = emit
    }

    func start(_ path: [CommerceMLElement], name: String, attributes: [String: String], line: Int) throws {
        if path.count == 1, path[0] != .root {
            throw MarketSyncError(.source, "not a CommerceML file: the root element is <\(name)>, not <\(Self.root)>",
                                  file: self.path, line: line)
        }
        priceTypes.start(path)
        guard path.count >= 2 else { return }
        if path[1] == .catalogue {
            if path.count == 2 {
                header.hasCatalogue = true
                if let flag = attributes["СодержитТолькоИзменения"] { header.onlyChanges = Self.isTrue(flag) }
            } else if path.count == 4, path[2] == .products, path[3] == .product {
                product = CommerceMLProductRecord(line: line)
                if attributes["Статус"].map(Self.isDeletedStatus) == true { product?.deleted = true }
            } else if path.count == 5, path[4] == .baseUnit {
                unitShortName = attributes["НаименованиеКраткое"]
            } else if path.count == 6, product != nil {
                pair = (nil, nil)
            }
        } else if path[1] == .classifier, path.count == 4, path[2] == .properties {
            property = (nil, nil)
        }
    }

    func end(_ path: [CommerceMLElement], text: String, line: Int) throws {
        if CommerceMLPriceTypes.isWithin(path) {
            priceTypes.end(path, text: text)
            header.priceTypes = priceTypes.entries
        }
        guard path.count >= 2 else { return }
        if path[1] == .classifier {
            endClassifier(path, text: text)
            return
        }
        guard path[1] == .catalogue else { return }
        if path.count == 3, path[2] == .onlyChanges {
            header.onlyChanges = Self.isTrue(text)
            return
        }
        guard path.count >= 4, path[2] == .products, path[3] == .product, var record = product else { return }
        product = nil  // the record is changed alone, not copied
        switch path.count {
        case 4:
            try emit(record, header)
            return
        case 5:
            switch path[4] {
            case .id: record.id = text.trimmingXMLWhitespace()
            case .article: record.article = text.trimmingXMLWhitespace()
            case .name: record.name = text.trimmingXMLWhitespace()
            case .barcode: if record.barcode == nil { record.barcode = text.trimmingXMLWhitespace() }
            case .baseUnit:
                let unit = text.trimmingXMLWhitespace()
                record.unit = unit.isEmpty ? unitShortName?.trimmingXMLWhitespace() : unit
            case .deletionMark: if Self.isTrue(text) { record.deleted = true }
            case .status: if Self.isDeletedStatus(text) { record.deleted = true }
            default: break
            }
        case 6:
            let key = pair.key ?? ""
            if !key.isEmpty, let found = pair.value {
                if path[4] == .requisites, path[5] == .requisite { record.requisites[key] = found }
                if path[4] == .propertyValues, path[5] == .propertyValue { record.properties[key] = found }
            }
        case 7:
            switch (path[5], path[6]) {
            case (.requisite, .name), (.propertyValue, .id): pair.key = text.trimmingXMLWhitespace()
            case (.requisite, .value), (.propertyValue, .value): if pair.value == nil { pair.value = text.trimmingXMLWhitespace() }
            default: break
            }
        default:
            break
        }
        product = record
    }

    /// `Классификатор/Свойства/Свойство` (`СвойствоНоменклатуры` in older versions): `Ид` and `Наименование`.
    private func endClassifier(_ path: [CommerceMLElement], text: String) {
        guard path.count >= 4, path[2] == .properties else { return }
        if path.count == 4, let id = property.id, let name = property.name, !id.isEmpty {
            header.propertyNames[id] = name
        } else if path.count == 5 {
            if path[4] == .id { property.id = text.trimmingXMLWhitespace() }
            if path[4] == .name { property.name = text.trimmingXMLWhitespace() }
        }
    }

    /// `true` in any case, or `1`.
    static func isTrue(_ text: String) -> Bool {
        let value = text.trimmingXMLWhitespace().lowercased()
        return value == "true" || value == "1"
    }

    /// A `Статус` that marks a deleted product.
    static func isDeletedStatus(_ text: String) -> Bool {
        text.trimmingXMLWhitespace().lowercased() == "удален"
    }
}
