internal import Foundation

/// How a CommerceML 2 package from 1C (`import.xml` and `offers.xml`) becomes catalog products: a source with
/// `format: commerceml` (docs/commerceml.md).
public struct CommerceMLSettings: Sendable, Hashable {
    /// Which element of a `Товар` is the product's SKU.
    public enum SKUField: String, Sendable, Hashable {
        /// `Артикул`, the article the producer prints and the channels know (the default); a product without one
        /// is a rejected row.
        case article
        /// `Ид`, 1C's own identifier (a GUID).
        case id
    }

    /// Where a channel's listing id of a product is read.
    public enum ListingField: Sendable, Hashable {
        /// The SKU itself (channels that key offers on the seller's SKU).
        case sku
        /// 1C's `Ид` of the product.
        case id
        /// The value of the product's requisite (`ЗначенияРеквизитов`) or property (`ЗначенияСвойств`, by the
        /// name the classifier gives it) of this name.
        case value(named: String)
    }

    /// A folder 1C writes the package into; its files are found when it is read (``resolved()``).
    public var folder: String?
    /// The `import.xml` file (classifier and catalogue), or nil when the package has none (offers only).
    public var importFile: String?
    /// The `offers.xml` file (price types and offers), or nil when the package has none (catalogue only).
    public var offersFile: String?
    /// The price type whose prices are the base price: a `ТипЦены`'s `Ид` or `Наименование`.
    public var priceType: String
    /// Which element is the SKU (default `Артикул`).
    public var sku: SKUField
    /// The requisite or property holding the Chinese name; nil: Chinese names are not read from 1C.
    public var nameZH: String?
    /// Where each channel's listing id is read; channels not named keep the listings they have.
    public var listings: [ChannelID: ListingField]
    /// A name for each warehouse `Ид` (stock rules name warehouses); a warehouse not named here is called by its `Ид`.
    public var warehouses: [String: String]

    /// Settings for a package of these files, or of the files found in `folder`.
    public init(folder: String? = nil, importFile: String? = nil, offersFile: String? = nil, priceType: String, sku: SKUField = .article,
                nameZH: String? = nil, listings: [ChannelID: ListingField] = [:], warehouses: [String: String] = [:]) {
        self.folder = folder
        self.importFile = importFile
        self.offersFile = offersFile
        self.priceType = priceType
        self.sku = sku
        self.nameZH = nameZH
        self.listings = listings
        self.warehouses = warehouses
    }

    /// Which of 1C's files a file name is: `import…xml` (catalogue) or `offers…xml` (offers), by its name as 1C
    /// writes it (`import.xml`, `import0_1.xml`); nil for any other name.
    public enum FileRole: Sendable {
        /// `import…xml`: the classifier and the catalogue.
        case catalogue
        /// `offers…xml`: price types and offers.
        case offers
    }

    /// The role of the file at `path`, by its name.
    public static func role(of path: String) -> FileRole? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        guard name.hasSuffix(".xml") else { return nil }
        if name.hasPrefix("import") { return .catalogue }
        if name.hasPrefix("offers") { return .offers }
        return nil
    }

    /// The settings with the folder's files found: `import.xml` and `offers.xml`, else the one `import*.xml` and
    /// the one `offers*.xml` it holds. A folder with neither, or with several of a kind, is a source error.
    public func resolved() throws -> CommerceMLSettings {
        guard let folder else { return self }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted() } catch {
            throw MarketSyncError(.source, "cannot list the CommerceML folder: \(CatalogReader.reason(error))", file: folder)
        }
        func pick(_ role: FileRole, exact: String) throws -> String? {
            if names.contains(exact) { return folder + "/" + exact }
            let found = names.filter { Self.role(of: $0) == role }
            guard found.count <= 1 else {
                throw MarketSyncError(.source, "the folder holds several \(exact.dropLast(4)) files (\(found.joined(separator: ", "))): name the "
                                      + "two files of one package in path", file: folder)
            }
            return found.first.map { folder + "/" + $0 }
        }
        var copy = self
        copy.folder = nil
        copy.importFile = try pick(.catalogue, exact: "import.xml")
        copy.offersFile = try pick(.offers, exact: "offers.xml")
        guard copy.importFile != nil || copy.offersFile != nil else {
            throw MarketSyncError(.source, "no import.xml or offers.xml in the CommerceML folder", file: folder)
        }
        return copy
    }
}
