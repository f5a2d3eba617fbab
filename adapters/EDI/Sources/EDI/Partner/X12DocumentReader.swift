public import MarketSync

/// Reads what a supplier sends a partner (846 `BIA`, 832 `BCT`, 855 `BAK`) into `X12ReceivedDocument`s, as the
/// partner's side would: the counterpart of the builders, for a partner simulator and for round-trip tests (the
/// partner's 997s are read by `X12FunctionalAcknowledgement.read`). Every failure is an `edi_content` error naming the
/// set, the segment and the reason: a missing beginning segment, a GTIN with a wrong check digit, a quantity that
/// is not a whole number, a price finer than a hundredth, a `CTT` that disagrees with the lines.
public struct X12DocumentReader: Sendable {
    /// The qualifier the supplier's SKU is sent under (`SK`; `VN` is taken too).
    public var skuQualifier: String
    /// The channel errors name.
    public var channel: ChannelID?

    /// A reader with these codes.
    public init(skuQualifier: String = "SK", channel: ChannelID? = nil) {
        self.skuQualifier = skuQualifier
        self.channel = channel
    }

    /// The set identifiers this reader reads.
    public static let identifiers: Set<String> = ["846", "832", "855"]

    /// One set as a document. Throws `edi_content` for a set of another identifier.
    public func document(from set: X12TransactionSet) throws -> X12ReceivedDocument {
        func fail(_ reason: String, at index: Int?, tag: String) -> MarketSyncError {
            let number = index.flatMap { set.segmentNumber(at: $0) } ?? (set.firstSegmentNumber > 0 ? set.firstSegmentNumber : nil)
            return EDIFailure.error(.ediContent, "\(set.identifier) set \(set.controlNumber): \(reason)",
                                    at: .init(segment: number, key: tag, excerpt: index.map { set.segments[$0].description }),
                                    channel: channel)
        }
        let beginnings = ["846": "BIA", "832": "BCT", "855": "BAK"]
        guard let beginningTag = beginnings[set.identifier] else {
            throw fail("\(set.identifier) is not a set a supplier sends (846, 832, 855)", at: nil, tag: "ST01")
        }
        var reference: String?
        var acknowledgmentType: String?
        var currency: Currency?
        var lines: [X12ReceivedLine] = []
        var lineCount: (value: Int64, index: Int)?
        func whole(_ text: String, at index: Int, tag: String) throws -> Int64 {
            guard let value = EDIDecimal.wholeNumber(text) else { throw fail("'\(text)' is not a whole number", at: index, tag: tag) }
            return value
        }
        func price(_ text: String, at index: Int, tag: String) throws -> Int64 {
            guard let value = EDIDecimal.hundredths(text) else {
                throw fail("the price '\(text)' is not a decimal of at most two places", at: index, tag: tag)
            }
            return value
        }
        for (index, segment) in set.segments.enumerated() {
            switch segment.tag {
            case beginningTag:
                let position = beginningTag == "BCT" ? 2 : 3
                guard !segment[position].isEmpty else { throw fail("\(beginningTag) has no reference", at: index, tag: beginningTag) }
                reference = segment[position]
                if beginningTag == "BAK" { acknowledgmentType = segment[2] }
            case "CUR":
                let code = segment[2]
                guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("'\(code)' is not a currency code", at: index, tag: "CUR02")
                }
                currency = Currency(rawValue: code)
            case "LIN", "PO1":
                let lineID = segment[1].isEmpty ? String(lines.count + 1) : segment[1]
                let first = segment.tag == "LIN" ? 2 : 6
                var line = X12ReceivedLine(lineID: lineID)
                var element = first
                while element <= segment.elements.count {
                    let qualifier = segment[element]
                    let id = segment[element + 1]
                    if ["UP", "EN", "UK"].contains(qualifier), line.gtin == nil, !id.isEmpty {
                        do { line.gtin = try GTIN(validating: id) } catch {
                            throw fail("line \(lineID): '\(id)' is not a GTIN: \(error.description)", at: index, tag: segment.tag)
                        }
                    } else if qualifier == skuQualifier || qualifier == "VN" && line.sku == nil, !id.isEmpty {
                        line.sku = SKU(id)
                    }
                    element += 2
                }
                if segment.tag == "PO1" {
                    line.quantity = try whole(segment[2], at: index, tag: "PO102")
                    if !segment[4].isEmpty { line.priceHundredths = try price(segment[4], at: index, tag: "PO104") }
                }
                lines.append(line)
            case "QTY" where !lines.isEmpty:
                lines[lines.count - 1].quantity = try whole(segment[2], at: index, tag: "QTY02")
            case "PID" where !lines.isEmpty:
                if !segment[5].isEmpty { lines[lines.count - 1].description = segment[5] }
            case "CTP" where !lines.isEmpty:
                lines[lines.count - 1].priceHundredths = try price(segment[3], at: index, tag: "CTP03")
            case "ACK" where !lines.isEmpty:
                lines[lines.count - 1].acknowledgment = segment[1]
                if !segment[2].isEmpty { lines[lines.count - 1].acknowledgedQuantity = try whole(segment[2], at: index, tag: "ACK02") }
            case "CTT":
                lineCount = (try whole(segment[1], at: index, tag: "CTT01"), index)
            default:
                break
            }
        }
        guard let reference else { throw fail("the set has no \(beginningTag)", at: nil, tag: beginningTag) }
        if set.identifier != "855", lines.isEmpty { throw fail("the set has no lines (LIN)", at: nil, tag: "LIN") }
        if let lineCount, lineCount.value != Int64(lines.count) {
            throw fail("CTT counts \(lineCount.value) lines, the set has \(lines.count)", at: lineCount.index, tag: "CTT01")
        }
        return X12ReceivedDocument(identifier: set.identifier, controlNumber: set.controlNumber, reference: reference,
                                   acknowledgmentType: acknowledgmentType, currency: currency, lines: lines)
    }
}
