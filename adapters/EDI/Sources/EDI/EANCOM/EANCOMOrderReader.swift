public import MarketSync

/// Reads ORDERS messages into `EANCOMOrder`s. Every failure is an `edi_content` error naming the message
/// reference, the segment (its number within the interchange and its tag) and the reason; nothing is guessed:
/// a quantity that is not a whole number, a price finer than a hundredth, a GTIN with a wrong check digit or a
/// `CNT` that disagrees with the lines stops the order.
///
/// Heading: `BGM+220` (number, function), `DTM` (`137` order date, `2` requested delivery; formats 102 and 203),
/// `RFF`, `NAD` (`BY`, `SU`, `DP`…), `CUX`. Lines: `LIN` (GTIN), `PIA` (`SA` our article, `IN` the chain's),
/// `IMD`, `QTY+21`, `PRI` (`AAA` net, `AAB` gross), `RFF`. Summary: `UNS`, `CNT+2` (number of lines).
/// Segments the codecs do not use (`FTX`, `TOD`, `PAT`, `ALC`…) are passed over.
public struct EANCOMOrderReader: Sendable {
    /// The currency of prices in an order without `CUX`; nil leaves such prices out.
    public var defaultCurrency: Currency?
    /// The channel errors name.
    public var channel: ChannelID?

    /// A reader; prices of an order without `CUX` are read in `defaultCurrency`.
    public init(defaultCurrency: Currency? = nil, channel: ChannelID? = nil) {
        self.defaultCurrency = defaultCurrency
        self.channel = channel
    }

    /// Every ORDERS message of `interchange`, read with its decimal mark. Messages of other types are left for
    /// their own readers (they stay in `interchange.messages`).
    public func orders(in interchange: EDIFACTInterchange) throws -> [EANCOMOrder] {
        try interchange.messages.filter { $0.identifier.type == EANCOMMessageType.orders.rawValue }
            .map { try order(from: $0, decimalMark: interchange.characters.decimalMark) }
    }

    /// One ORDERS message as an order.
    public func order(from message: EDIFACTMessage, decimalMark: Character = ".") throws -> EANCOMOrder {
        var reading = Reading(message: message, decimalMark: decimalMark, reader: self)
        return try reading.read()
    }
}

/// The state of reading one message.
private struct Reading {
    let message: EDIFACTMessage
    let decimalMark: Character
    let reader: EANCOMOrderReader

    var number: String?
    var function = ""
    var documentDate: CalendarDay?
    var deliveryDate: CalendarDay?
    var parties: [EANCOMParty] = []
    var references: [EANCOMReference] = []
    var currency: Currency?
    var lines: [EANCOMOrderLine] = []
    var open: (line: EANCOMOrderLine, index: Int, quantitySeen: Bool, priceQualifier: String?, price: Int64?)?

    init(message: EDIFACTMessage, decimalMark: Character, reader: EANCOMOrderReader) {
        self.message = message
        self.decimalMark = decimalMark
        self.reader = reader
    }

    mutating func read() throws -> EANCOMOrder {
        guard message.identifier.type == EANCOMMessageType.orders.rawValue else {
            throw fail("the message is \(message.identifier.type), not ORDERS", at: nil, tag: "UNH")
        }
        var lineCount: (value: Int64, index: Int)?
        for (index, segment) in message.segments.enumerated() {
            switch segment.tag {
            case "BGM":
                guard segment.component(1, 1) == "220" else {
                    throw fail("the document is '\(segment.component(1, 1))', not an order (220)", at: index, tag: "BGM")
                }
                guard !segment.component(2, 1).isEmpty else { throw fail("BGM has no order number", at: index, tag: "BGM") }
                number = segment.component(2, 1)
                function = segment[3]
            case "DTM":
                let day = try date(segment, at: index)
                if open == nil {
                    switch segment.component(1, 1) {
                    case "137": documentDate = day
                    case "2": deliveryDate = day
                    default: break
                    }
                }
            case "NAD":
                try closeLine()
                parties.append(try party(segment, at: index))
            case "RFF":
                let reference = EANCOMReference(qualifier: segment.component(1, 1), value: segment.component(1, 2))
                if open != nil { open?.line.references.append(reference) } else { references.append(reference) }
            case "CUX":
                let code = segment.component(1, 2)
                guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("'\(code)' is not a currency code", at: index, tag: "CUX")
                }
                if open == nil { currency = Currency(rawValue: code) }
            case "LIN":
                try closeLine()
                open = (try line(segment, at: index), index, false, nil, nil)
            case "PIA":
                guard open != nil else { break }
                for element in 2...max(2, segment.elements.count) {
                    let id = segment.component(element, 1)
                    switch segment.component(element, 2) {
                    case "SA" where !id.isEmpty: open?.line.supplierArticle = SKU(id)
                    case "IN" where !id.isEmpty: open?.line.buyerArticle = id
                    default: break
                    }
                }
            case "IMD":
                let text = segment.component(3, 4) + segment.component(3, 5)
                if open != nil, !text.isEmpty { open?.line.description = text }
            case "QTY":
                guard open != nil, segment.component(1, 1) == "21" else { break }
                guard let quantity = EDIDecimal.wholeNumber(segment.component(1, 2), decimalMark: decimalMark) else {
                    throw fail("the ordered quantity '\(segment.component(1, 2))' is not a whole number", at: index, tag: "QTY")
                }
                open?.line.quantity = quantity
                open?.quantitySeen = true
            case "PRI":
                guard let current = open else { break }
                let qualifier = segment.component(1, 1)
                guard qualifier == "AAA" || qualifier == "AAB" && current.priceQualifier != "AAA" else { break }
                let text = segment.component(1, 2)
                guard let hundredths = EDIDecimal.hundredths(text, decimalMark: decimalMark) else {
                    throw fail("the price '\(text)' is not a decimal of at most two places", at: index, tag: "PRI")
                }
                open?.priceQualifier = qualifier
                open?.price = hundredths
            case "UNS":
                try closeLine()
            case "CNT":
                if segment.component(1, 1) == "2" {
                    guard let value = EDIDecimal.wholeNumber(segment.component(1, 2), decimalMark: decimalMark) else {
                        throw fail("the line count '\(segment.component(1, 2))' is not a number", at: index, tag: "CNT")
                    }
                    lineCount = (value, index)
                }
            default:
                break
            }
        }
        try closeLine()
        guard let number else { throw fail("the order has no BGM", at: nil, tag: "BGM") }
        guard !lines.isEmpty else { throw fail("the order has no lines (LIN)", at: nil, tag: "LIN") }
        if let lineCount, lineCount.value != Int64(lines.count) {
            throw fail("CNT counts \(lineCount.value) lines, the order has \(lines.count)", at: lineCount.index, tag: "CNT")
        }
        return EANCOMOrder(messageReference: message.reference, number: number, messageFunction: function,
                           documentDate: documentDate, requestedDeliveryDate: deliveryDate, parties: parties,
                           references: references, currency: currency ?? reader.defaultCurrency,
                           lines: lines)
    }

    private mutating func closeLine() throws {
        guard let current = open else { return }
        open = nil
        guard current.quantitySeen else {
            throw fail("line \(current.line.lineNumber) has no ordered quantity (QTY+21)", at: current.index, tag: "LIN")
        }
        var line = current.line
        if let price = current.price, let priceCurrency = currency ?? reader.defaultCurrency {
            line.unitPrice = Money(minorUnits: price, currency: priceCurrency)
        }
        lines.append(line)
    }

    private func line(_ segment: EDISegment, at index: Int) throws -> EANCOMOrderLine {
        let lineNumber = segment[1].isEmpty ? String(lines.count + 1) : segment[1]
        let item = segment.component(3, 1)
        var gtin: GTIN?
        if !item.isEmpty {
            do {
                gtin = try GTIN(validating: item)
            } catch {
                throw fail("line \(lineNumber): '\(item)' is not a GTIN: \(error.description)", at: index, tag: "LIN")
            }
        }
        return EANCOMOrderLine(lineNumber: lineNumber, gtin: gtin, supplierArticle: nil, buyerArticle: nil, description: nil,
                               quantity: 0, unitPrice: nil)
    }

    private func party(_ segment: EDISegment, at index: Int) throws -> EANCOMParty {
        let role = segment[1]
        let id = segment.component(2, 1)
        guard !role.isEmpty, !id.isEmpty else { throw fail("NAD needs a party role and an identification", at: index, tag: "NAD") }
        var gln: GLN?
        if segment.component(2, 3) == "9" {
            do {
                gln = try GLN(validating: id)
            } catch {
                throw fail("'\(id)' is not a GLN: \(error.description)", at: index, tag: "NAD")
            }
        }
        return EANCOMParty(role: role, id: id, gln: gln)
    }

    private func date(_ segment: EDISegment, at index: Int) throws -> CalendarDay? {
        let format = segment.component(1, 3)
        let text = segment.component(1, 2)
        guard format == "102" || format == "203" else {
            if ["137", "2"].contains(segment.component(1, 1)) {
                throw fail("date format '\(format)' is not read (102 or 203)", at: index, tag: "DTM")
            }
            return nil
        }
        guard let day = EDIDateFormat.day(fromCCYYMMDD: text), text.count == (format == "102" ? 8 : 12) else {
            throw fail("'\(text)' is not a date in format \(format)", at: index, tag: "DTM")
        }
        return day
    }

    private func fail(_ reason: String, at index: Int?, tag: String) -> MarketSyncError {
        let number = index.flatMap { message.segmentNumber(at: $0) } ?? (message.firstSegmentNumber > 0 ? message.firstSegmentNumber : nil)
        return EDIFailure.error(.ediContent, "order message \(message.reference): \(reason)",
                                at: .init(segment: number, key: tag,
                                          excerpt: index.map { message.segments[$0].description }), channel: reader.channel)
    }
}
