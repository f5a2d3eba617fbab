public import MarketSync

/// Reads what a supplier sends a chain (INVRPT `BGM+35`, PRICAT `BGM+9`, ORDRSP `BGM+231`) into
/// `EANCOMReceivedDocument`s, as the chain's side would: the counterpart of the builders, for a partner simulator
/// and for round-trip tests. Every failure is an `edi_content` error naming the message, the segment and the
/// reason: a document code that does not fit the message type, a GTIN with a wrong check digit, a quantity that is
/// not a whole number, a price finer than a hundredth. A message of another type (ORDERS, CONTRL) is refused.
public struct EANCOMDocumentReader: Sendable {
    /// The channel errors name.
    public var channel: ChannelID?

    /// A reader naming `channel` in its errors.
    public init(channel: ChannelID? = nil) {
        self.channel = channel
    }

    /// Every message of `interchange`, read with its decimal mark.
    public func documents(in interchange: EDIFACTInterchange) throws -> [EANCOMReceivedDocument] {
        try interchange.messages.map { try document(from: $0, decimalMark: interchange.characters.decimalMark) }
    }

    /// One message as a document.
    public func document(from message: EDIFACTMessage, decimalMark: Character = ".") throws -> EANCOMReceivedDocument {
        func fail(_ reason: String, at index: Int?, tag: String) -> MarketSyncError {
            let number = index.flatMap { message.segmentNumber(at: $0) } ?? (message.firstSegmentNumber > 0 ? message.firstSegmentNumber : nil)
            return EDIFailure.error(.ediContent, "\(message.identifier.type) message \(message.reference): \(reason)",
                                    at: .init(segment: number, key: tag, excerpt: index.map { message.segments[$0].description }),
                                    channel: channel)
        }
        let expected: [EANCOMMessageType: String] = [.invrpt: "35", .pricat: "9", .ordrsp: "231"]
        guard let type = EANCOMMessageType(rawValue: message.identifier.type), let code = expected[type] else {
            throw fail("\(message.identifier.type) is not a message a supplier sends (INVRPT, PRICAT, ORDRSP)", at: nil, tag: "UNH")
        }
        var beginning: (number: String, function: String)?
        var date: CalendarDay?
        var orderNumber: String?
        var currency: Currency?
        var lines: [EANCOMReceivedLine] = []
        for (index, segment) in message.segments.enumerated() {
            switch segment.tag {
            case "BGM":
                guard segment.component(1, 1) == code else {
                    throw fail("the document code is '\(segment.component(1, 1))', not \(code) for \(type.rawValue)", at: index, tag: "BGM")
                }
                guard !segment.component(2, 1).isEmpty else { throw fail("BGM has no document number", at: index, tag: "BGM") }
                beginning = (segment.component(2, 1), segment[3])
            case "DTM" where lines.isEmpty && segment.component(1, 1) == "137":
                guard let day = EDIDateFormat.day(fromCCYYMMDD: segment.component(1, 2)) else {
                    throw fail("'\(segment.component(1, 2))' is not a date", at: index, tag: "DTM")
                }
                date = day
            case "RFF" where segment.component(1, 1) == "ON":
                orderNumber = segment.component(1, 2)
            case "CUX":
                let text = segment.component(1, 2)
                guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("'\(text)' is not a currency code", at: index, tag: "CUX")
                }
                currency = Currency(rawValue: text)
            case "LIN":
                var line = EANCOMReceivedLine(lineNumber: segment[1].isEmpty ? String(lines.count + 1) : segment[1])
                line.action = segment[2].isEmpty ? nil : segment[2]
                let item = segment.component(3, 1)
                if !item.isEmpty {
                    do { line.gtin = try GTIN(validating: item) } catch {
                        throw fail("line \(line.lineNumber): '\(item)' is not a GTIN: \(error.description)", at: index, tag: "LIN")
                    }
                }
                lines.append(line)
            case "PIA" where !lines.isEmpty:
                for element in 2...max(2, segment.elements.count) where segment.component(element, 2) == "SA" {
                    let id = segment.component(element, 1)
                    if !id.isEmpty { lines[lines.count - 1].sku = SKU(id) }
                }
            case "IMD" where !lines.isEmpty:
                let text = segment.component(3, 4) + segment.component(3, 5)
                if !text.isEmpty { lines[lines.count - 1].description = text }
            case "QTY" where !lines.isEmpty:
                let text = segment.component(1, 2)
                guard let quantity = EDIDecimal.wholeNumber(text, decimalMark: decimalMark) else {
                    throw fail("the quantity '\(text)' is not a whole number", at: index, tag: "QTY")
                }
                lines[lines.count - 1].quantity = quantity
            case "PRI" where !lines.isEmpty:
                let qualifier = segment.component(1, 1)
                guard qualifier == "AAA" || qualifier == "AAB" && lines[lines.count - 1].priceHundredths == nil else { break }
                let text = segment.component(1, 2)
                guard let hundredths = EDIDecimal.hundredths(text, decimalMark: decimalMark) else {
                    throw fail("the price '\(text)' is not a decimal of at most two places", at: index, tag: "PRI")
                }
                lines[lines.count - 1].priceHundredths = hundredths
            default:
                break
            }
        }
        guard let beginning else { throw fail("the message has no BGM", at: nil, tag: "BGM") }
        if type == .ordrsp, (orderNumber ?? "").isEmpty { throw fail("the order response names no order (RFF+ON)", at: nil, tag: "RFF") }
        if type != .ordrsp, lines.isEmpty { throw fail("the message has no lines (LIN)", at: nil, tag: "LIN") }
        return EANCOMReceivedDocument(type: type, messageReference: message.reference, number: beginning.number,
                                      function: beginning.function, date: date, orderNumber: orderNumber, currency: currency, lines: lines)
    }
}
