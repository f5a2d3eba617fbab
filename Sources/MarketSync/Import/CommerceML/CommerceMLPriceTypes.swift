/// Collects the price types a file lists, as ``XMLElementHandler`` events pass: `ТипыЦен/ТипЦены` under the
/// offers package, or under the classifier, where newer exchanges put them (in either file).
struct CommerceMLPriceTypes: Sendable {
    /// One `ТипЦены`.
    struct Entry: Sendable {
        /// `Ид`.
        var id = ""
        /// `Наименование`.
        var name = ""
        /// `Валюта`, when given.
        var currency: String?
    }

    /// The price types read so far, in file order.
    private(set) var entries: [Entry] = []
    private var current: Entry?

    /// Whether `path` is within a price type list: `[root, ПакетПредложений or Классификатор, ТипыЦен, …]`.
    static func isWithin(_ path: [CommerceMLElement]) -> Bool {
        path.count >= 3 && path[2] == .priceTypes && (path[1] == .offersPackage || path[1] == .classifier)
    }

    mutating func start(_ path: [CommerceMLElement]) {
        if path.count == 4, path[3] == .priceType, Self.isWithin(path) { current = Entry() }
    }

    mutating func end(_ path: [CommerceMLElement], text: String) {
        guard Self.isWithin(path) else { return }
        if path.count == 4, let entry = current {
            entries.append(entry)
            current = nil
        } else if path.count == 5 {
            let value = text.trimmingXMLWhitespace()
            switch path[4] {
            case .id: current?.id = value
            case .name: current?.name = value
            case .currency: current?.currency = value
            default: break
            }
        }
    }
}
