public import MarketSync

/// Reads 850 transaction sets into `X12PurchaseOrder`s. Every failure is an `edi_content` error naming the set's
/// control number, the segment (number and tag) and the reason; a quantity that is not a whole number, a price
/// finer than a hundredth, a GTIN with a wrong check digit or a `CTT` that disagrees with the lines stops the
/// order. Segments the codecs do not use (`FOB`, `ITD`, `TD5`, `SAC`…) are passed over.
public struct X12PurchaseOrderReader: Sendable {
    /// The qualifier our SKU comes back under (`SK`; `VN` is taken too).
    public var skuQualifier: String
    /// The currency of prices in an order without `CUR`; nil leaves such prices out.
    public var defaultCurrency: Currency?
    /// The channel errors name.
    public var channel: ChannelID?

    /// A reader with these codes.
    public init(skuQualifier: String = "SK", defaultCurrency: Currency? = nil, channel: ChannelID? = nil) {
        self.skuQualifier = skuQualifier
        self.defaultCurrency = defaultCurrency
        self.channel = channel
    }

    /// A reader with `settings`' SKU qualifier, currency and channel.
    public init(settings: X12Settings) {
        self.init(skuQualifier: settings.skuQualifier, defaultCurrency: settings.currency, channel: settings.partner)
    }

    /// Every 850 of `interchange`; other sets stay for their own readers.
    public func orders(in interchange: X12Interchange) throws -> [X12PurchaseOrder] {
        try interchange.groups.flatMap(\.transactionSets).filter { $0.identifier == "850" }.map(order(from:))
    }

    /// One 850 as an order.
    public func order(from set: X12TransactionSet) throws -> X12PurchaseOrder {
        func fail(_ reason: String, at index: Int?, tag: String) -> MarketSyncError {
            let number = index.flatMap { set.segmentNumber(at: $0) } ?? (set.firstSegmentNumber > 0 ? set.firstSegmentNumber : nil)
            return EDIFailure.error(.ediContent, "purchase order set \(set.controlNumber): \(reason)",
                                    at: .init(segment: number, key: tag, excerpt: index.map { set.segments[$0].description }),
                                    channel: channel)
        }
        guard set.identifier == "850" else { throw fail("the set is \(set.identifier), not 850", at: nil, tag: "ST01") }
        var beginning: (purpose: String, type: String, number: String, date: CalendarDay)?
        var currency: Currency?
        var references: [X12Reference] = []
        var delivery: CalendarDay?
        var parties: [X12Party] = []
        var lines: [X12OrderLine] = []
        var lineCount: (value: Int64, index: Int)?
        for (index, segment) in set.segments.enumerated() {
            switch segment.tag {
            case "BEG":
                guard !segment[3].isEmpty else { throw fail("BEG has no purchase order number", at: index, tag: "BEG03") }
                guard let day = EDIDateFormat.day(fromCCYYMMDD: segment[5]), segment[5].count == 8 else {
                    throw fail("'\(segment[5])' is not a CCYYMMDD date", at: index, tag: "BEG05")
                }
                beginning = (segment[1], segment[2], segment[3], day)
            case "CUR":
                let code = segment[2]
                guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("'\(code)' is not a currency code", at: index, tag: "CUR02")
                }
                currency = Currency(rawValue: code)
            case "REF":
                references.append(X12Reference(qualifier: segment[1], value: segment[2]))
            case "DTM":
                guard segment[1] == "002" else { break }
                guard let day = EDIDateFormat.day(fromCCYYMMDD: segment[2]), segment[2].count == 8 else {
                    throw fail("'\(segment[2])' is not a CCYYMMDD date", at: index, tag: "DTM02")
                }
                delivery = day
            case "N1":
                guard !segment[1].isEmpty else { throw fail("N1 has no entity code", at: index, tag: "N101") }
                func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
                parties.append(X12Party(entity: segment[1], name: optional(segment[2]), idQualifier: optional(segment[3]),
                                        id: optional(segment[4])))
            case "PO1":
                lines.append(try line(segment, index: index, position: lines.count + 1, currency: currency ?? defaultCurrency,
                                      fail: fail))
            case "PID":
                if !lines.isEmpty, !segment[5].isEmpty, lines[lines.count - 1].description == nil {
                    lines[lines.count - 1].description = segment[5]
                }
            case "CTT":
                guard let value = EDIDecimal.wholeNumber(segment[1]) else {
                    throw fail("the line count '\(segment[1])' is not a number", at: index, tag: "CTT01")
                }
                lineCount = (value, index)
            default:
                break
            }
        }
        guard let beginning else { throw fail("the order has no BEG", at: nil, tag: "BEG") }
        guard !lines.isEmpty else { throw fail("the order has no lines (PO1)", at: nil, tag: "PO1") }
        if let lineCount, lineCount.value != Int64(lines.count) {
            throw fail("CTT counts \(lineCount.value) lines, the order has \(lines.count)", at: lineCount.index, tag: "CTT01")
        }
        return X12PurchaseOrder(controlNumber: set.controlNumber, purpose: beginning.purpose, orderType: beginning.type,
                                number: beginning.number, date: beginning.date, currency: currency ?? defaultCurrency,
                                references: references, requestedDeliveryDate: delivery, parties: parties, lines: lines)
    }

    private func line(_ segment: EDISegment, index: Int, position: Int, currency: Currency?,
                      fail: (String, Int?, String) -> MarketSyncError) throws -> X12OrderLine {
        let lineID = segment[1].isEmpty ? String(position) : segment[1]
        guard let quantity = EDIDecimal.wholeNumber(segment[2]) else {
            throw fail("line \(lineID): the quantity '\(segment[2])' is not a whole number", index, "PO102")
        }
        var unitPrice: Money?
        if !segment[4].isEmpty {
            guard let hundredths = EDIDecimal.hundredths(segment[4]) else {
                throw fail("line \(lineID): the price '\(segment[4])' is not a decimal of at most two places", index, "PO104")
            }
            unitPrice = currency.map { Money(minorUnits: hundredths, currency: $0) }
        }
        var identifiers: [X12ItemID] = []
        var element = 6
        while element < segment.elements.count + 1 {
            let qualifier = segment[element]
            let id = segment[element + 1]
            if !qualifier.isEmpty, !id.isEmpty { identifiers.append(X12ItemID(qualifier: qualifier, id: id)) }
            element += 2
        }
        var gtin: GTIN?
        if let item = identifiers.first(where: { ["UP", "EN", "UK"].contains($0.qualifier) }) {
            do {
                gtin = try GTIN(validating: item.id)
            } catch {
                throw fail("line \(lineID): '\(item.id)' is not a GTIN: \(error.description)", index, "PO1")
            }
        }
        let sku = (identifiers.first { $0.qualifier == skuQualifier } ?? identifiers.first { $0.qualifier == "VN" }).map { SKU($0.id) }
        return X12OrderLine(lineID: lineID, quantity: quantity, unit: segment[3], unitPrice: unitPrice, identifiers: identifiers,
                            gtin: gtin, sku: sku, description: nil)
    }
}
