internal import Foundation
internal import MarketSync

extension ConfigLoader {
    /// A `format: commerceml` source: `path` (a folder 1C writes into, or the package's `import…xml` and
    /// `offers…xml` files), `price_type` (required), `sku` (`article` or `id`), `name_zh`, `listings`, `warehouses`.
    /// Every problem names its `file:line: sources[i].key`.
    /// Returns the source and the line of each `listings.<channel>` key (checked once the channels are read).
    static func commerceML(_ source: ConfigMapping, base: URL) -> (SourceSettings, [String: Int])? {
        let paths = source.strings("path")
        if paths == nil { source.report("is required", key: "path") }
        let priceType = source.required("price_type")
        if let priceType, priceType.text.trimmingWhitespace().isEmpty { source.invalid("price_type", priceType, "must name a price type") }
        let sku: CommerceMLSettings.SKUField = source.choice("sku", "must be article (Артикул) or id (Ид)") ?? .article
        let nameZH = source.string("name_zh").map(\.text)
        if let kind = source.string("kind"), kind.text != SourceSettings.Kind.catalog.rawValue {
            source.invalid("kind", kind, "must be catalog: a CommerceML package is a catalog with its stock")
        }
        if let encoding = source.string("encoding") {
            source.invalid("encoding", encoding, "is not read for CommerceML: the XML declaration names the file's encoding")
        }
        var listings: [ChannelID: CommerceMLSettings.ListingField] = [:]
        if let node = source.mapping("listings") {
            for channel in node.keys {
                guard let value = node.string(channel) else { continue }
                switch value.text.trimmingWhitespace() {
                case "": node.invalid(channel, value, "must be sku, id or the name of a requisite or property")
                case "sku": listings[ChannelID(channel)] = .sku
                case "id": listings[ChannelID(channel)] = .id
                case let name: listings[ChannelID(channel)] = .value(named: name)
                }
            }
        }
        var warehouses: [String: String] = [:]
        if let node = source.mapping("warehouses") {
            for id in node.keys {
                guard let value = node.string(id) else { continue }
                let name = value.text.trimmingWhitespace()
                if name.isEmpty { node.invalid(id, value, "must be a warehouse name") } else { warehouses[id] = name }
            }
        }
        guard let paths else { return nil }
        var folder: String?
        var importFile: String?
        var offersFile: String?
        let resolved = paths.map { (resolve($0.text, against: base), $0) }
        if resolved.count == 1, CommerceMLSettings.role(of: resolved[0].0) == nil {
            folder = resolved[0].0  // a folder 1C writes into: its files are found when it is read
        } else {
            guard resolved.count <= 2 else {
                source.report("must be a folder, or the package's import and offers files", key: "path", line: paths.first?.line)
                return nil
            }
            for (path, value) in resolved {
                switch CommerceMLSettings.role(of: path) {
                case .catalogue? where importFile == nil: importFile = path
                case .offers? where offersFile == nil: offersFile = path
                case nil:
                    source.invalid("path", value, "is neither an import…xml nor an offers…xml file (1C names them so)")
                    return nil
                default:
                    source.invalid("path", value, "is a second file of the same kind: give one import and one offers file")
                    return nil
                }
            }
        }
        guard let priceType else { return nil }
        let settings = CommerceMLSettings(folder: folder, importFile: importFile, offersFile: offersFile, priceType: priceType.text.trimmingWhitespace(),
                                          sku: sku, nameZH: nameZH, listings: listings, warehouses: warehouses)
        let sourceSettings = SourceSettings(path: folder ?? importFile ?? offersFile ?? resolved[0].0, format: .commerceml, commerceML: settings)
        return (sourceSettings, source.lines.filter { $0.key.hasPrefix("listings.") })
    }

    /// A CommerceML source's `listings` may only name configured channels.
    static func validateListings(_ sources: [SourceSettings], lines: [Int: (index: Int, lines: [String: Int])], channels: [ChannelSettings],
                                 top: ConfigMapping) {
        let known = Set(channels.map(\.id))
        for (position, source) in sources.enumerated() {
            guard let listings = source.commerceML?.listings else { continue }
            let index = lines[position]?.index ?? position
            for channel in listings.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !known.contains(channel) {
                top.diagnostics.report(MarketSyncError(.config, "no channel \(channel) is configured", file: top.file,
                                                       line: lines[position]?.lines["listings.\(channel)"],
                                                       key: "sources[\(index)].listings.\(channel)"))
            }
        }
    }
}
