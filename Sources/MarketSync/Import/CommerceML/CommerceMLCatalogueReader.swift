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

    static let root = "КоммерческаяИнформация"

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

    func start(_ path: [String], attributes: [String: String], line: Int) throws {
        if path.count == 1, path[0] != Self.root {
            throw MarketSyncError(.source, "not a CommerceML file: the root element is <\(path[0])>, not <\(Self.root)>",
                                  file: self.path, line: line)
        }
        priceTypes.start(path)
        guard path.count >= 2 else { return }
        if path[1] == "Каталог" {
            if path.count == 2 {
                header.hasCatalogue = true
                if let flag = attributes["СодержитТолькоИзменения"] { header.onlyChanges = Self.isTrue(flag) }
            } else if path.count == 4, path[2] == "Товары", path[3] == "Товар" {
                product = CommerceMLProductRecord(line: line)
                if attributes["Статус"].map(Self.isDeletedStatus) == true { product?.deleted = true }
            } else if path.count == 5, path[4] == "БазоваяЕдиница" {
                unitShortName = attributes["НаименованиеКраткое"]
            } else if path.count == 6, product != nil {
                pair = (nil, nil)
            }
        } else if path[1] == "Классификатор", path.count == 4, path[2] == "Свойства" {
            property = (nil, nil)
        }
    }

    func end(_ path: [String], text: String, line: Int) throws {
        if CommerceMLPriceTypes.isWithin(path) {
            priceTypes.end(path, text: text)
            header.priceTypes = priceTypes.entries
        }
        guard path.count >= 2 else { return }
        if path[1] == "Классификатор" {
            endClassifier(path, text: text)
            return
        }
        guard path[1] == "Каталог" else { return }
        if path.count == 3, path[2] == "СодержитТолькоИзменения" {
            header.onlyChanges = Self.isTrue(text)
            return
        }
        guard path.count >= 4, path[2] == "Товары", path[3] == "Товар", var record = product else { return }
        product = nil  // the record is changed alone, not copied
        let value = text.trimmingWhitespace()
        switch path.count {
        case 4:
            try emit(record, header)
            return
        case 5:
            switch path[4] {
            case "Ид": record.id = value
            case "Артикул": record.article = value
            case "Наименование": record.name = value
            case "Штрихкод": if record.barcode == nil { record.barcode = value }
            case "БазоваяЕдиница": record.unit = value.isEmpty ? unitShortName?.trimmingWhitespace() : value
            case "ПометкаУдаления": if Self.isTrue(value) { record.deleted = true }
            case "Статус": if Self.isDeletedStatus(value) { record.deleted = true }
            default: break
            }
        case 6:
            let key = pair.key?.trimmingWhitespace() ?? ""
            if !key.isEmpty, let found = pair.value {
                if path[4] == "ЗначенияРеквизитов", path[5] == "ЗначениеРеквизита" { record.requisites[key] = found }
                if path[4] == "ЗначенияСвойств", path[5] == "ЗначенияСвойства" { record.properties[key] = found }
            }
        case 7:
            switch (path[5], path[6]) {
            case ("ЗначениеРеквизита", "Наименование"), ("ЗначенияСвойства", "Ид"): pair.key = value
            case ("ЗначениеРеквизита", "Значение"), ("ЗначенияСвойства", "Значение"): if pair.value == nil { pair.value = value }
            default: break
            }
        default:
            break
        }
        product = record
    }

    /// `Классификатор/Свойства/Свойство` (`СвойствоНоменклатуры` in older versions): `Ид` and `Наименование`.
    private func endClassifier(_ path: [String], text: String) {
        guard path.count >= 4, path[2] == "Свойства" else { return }
        if path.count == 4, let id = property.id, let name = property.name, !id.isEmpty {
            header.propertyNames[id] = name
        } else if path.count == 5 {
            if path[4] == "Ид" { property.id = text.trimmingWhitespace() }
            if path[4] == "Наименование" { property.name = text.trimmingWhitespace() }
        }
    }

    /// `true` in any case, or `1`.
    static func isTrue(_ text: String) -> Bool {
        let value = text.trimmingWhitespace().lowercased()
        return value == "true" || value == "1"
    }

    /// A `Статус` that marks a deleted product.
    static func isDeletedStatus(_ text: String) -> Bool {
        text.trimmingWhitespace().lowercased() == "удален"
    }
}
