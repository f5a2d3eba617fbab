/// Reads `offers.xml` as a stream: whether the package holds only changes, its price types, then each
/// `Предложение` as a ``CommerceMLOfferRecord`` handed to `emit` as soon as it ends. `offersBegin` is called
/// once, when `Предложения` starts (the price types come before it), so the price type can be chosen before the
/// first offer. Elements it does not know are skipped.
final class CommerceMLOffersReader: XMLElementHandler {
    /// One `ТипыЦен/ТипЦены`.
    typealias PriceType = CommerceMLPriceTypes.Entry

    /// What the package says about itself, before its offers.
    struct Header: Sendable {
        /// `ПакетПредложений СодержитТолькоИзменения="true"` (or the element of that name): a delta.
        var onlyChanges = false
        /// The price types it lists, in the package or its classifier (none in some deltas).
        var priceTypes: [PriceType] = []
        /// Whether the file has a `ПакетПредложений` at all.
        var hasPackage = false
    }

    private let path: String
    private let offersBegin: (Header, Int) throws -> Void
    private let emit: (CommerceMLOfferRecord) throws -> Void
    private(set) var header = Header()
    private var begun = false
    private var priceTypes = CommerceMLPriceTypes()
    private var offer: CommerceMLOfferRecord?
    private var price: CommerceMLOfferRecord.Price?
    private var stock: CommerceMLOfferRecord.WarehouseStock?

    /// Reads the file at `path`; returns what the package says about itself.
    static func read(path: String, offersBegin: @escaping (Header, Int) throws -> Void,
                     emit: @escaping (CommerceMLOfferRecord) throws -> Void) throws -> Header {
        let reader = CommerceMLOffersReader(path: path, offersBegin: offersBegin, emit: emit)
        try XMLElementStream(path: path).read(into: reader)
        reader.header.priceTypes = reader.priceTypes.entries
        return reader.header
    }

    private init(path: String, offersBegin: @escaping (Header, Int) throws -> Void, emit: @escaping (CommerceMLOfferRecord) throws -> Void) {
        self.path = path
        self.offersBegin = offersBegin
        self.emit = emit
    }

    func start(_ path: [CommerceMLElement], name: String, attributes: [String: String], line: Int) throws {
        if path.count == 1, path[0] != .root {
            throw MarketSyncError(.source, "not a CommerceML file: the root element is <\(name)>, not <\(CommerceMLCatalogueReader.root)>",
                                  file: self.path, line: line)
        }
        priceTypes.start(path)
        guard path.count >= 2, path[1] == .offersPackage else { return }
        switch path.count {
        case 2:
            header.hasPackage = true
            if let flag = attributes["СодержитТолькоИзменения"] { header.onlyChanges = CommerceMLCatalogueReader.isTrue(flag) }
        case 3 where path[2] == .offers:
            if !begun {
                begun = true
                header.priceTypes = priceTypes.entries
                try offersBegin(header, line)
            }
        case 4 where path[2] == .offers && path[3] == .offer:
            offer = CommerceMLOfferRecord(line: line)
        case 5 where path[4] == .warehouse && offer != nil:
            // `<Склад ИдСклада="…" КоличествоНаСкладе="…"/>`
            if let id = attributes["ИдСклада"] {
                offer?.stocks.append(.init(warehouse: id.trimmingXMLWhitespace(), quantity: attributes["КоличествоНаСкладе"]))
            }
        case 6 where path[4] == .prices && path[5] == .price:
            price = CommerceMLOfferRecord.Price()
        case 7 where path[4] == .remainders && path[5] == .remainder && path[6] == .warehouse:
            stock = CommerceMLOfferRecord.WarehouseStock()
        default:
            break
        }
    }

    func end(_ path: [CommerceMLElement], text: String, line: Int) throws {
        priceTypes.end(path, text: text)
        guard path.count >= 3, path[1] == .offersPackage else { return }
        if path.count == 3, path[2] == .onlyChanges {
            header.onlyChanges = CommerceMLCatalogueReader.isTrue(text)
            return
        }
        guard path.count >= 4, path[2] == .offers, path[3] == .offer, var record = offer else { return }
        offer = nil  // the record is changed alone, not copied
        switch path.count {
        case 4:
            try emit(record)
            return
        case 5:
            switch path[4] {
            case .id: record.id = text.trimmingXMLWhitespace()
            case .quantity: record.quantity = text.trimmingXMLWhitespace()
            default: break
            }
        case 6 where path[4] == .prices && path[5] == .price:
            if let price { record.prices.append(price) }
            price = nil
        case 7 where path[4] == .prices:
            switch path[6] {
            case .priceTypeID: price?.typeID = text.trimmingXMLWhitespace()
            case .perUnit: price?.perUnit = text.trimmingXMLWhitespace()
            case .currency: price?.currency = text.trimmingXMLWhitespace()
            case .coefficient: price?.coefficient = text.trimmingXMLWhitespace()
            default: break
            }
        case 7 where path[4] == .remainders && path[5] == .remainder:
            if path[6] == .quantity {
                record.quantity = text.trimmingXMLWhitespace()
            } else if path[6] == .warehouse, let stock {
                record.stocks.append(stock)
                self.stock = nil
            }
        case 8 where path[4] == .remainders && path[6] == .warehouse:
            if path[7] == .id { stock?.warehouse = text.trimmingXMLWhitespace() }
            if path[7] == .quantity { stock?.quantity = text.trimmingXMLWhitespace() }
        default:
            break
        }
        offer = record
    }
}
