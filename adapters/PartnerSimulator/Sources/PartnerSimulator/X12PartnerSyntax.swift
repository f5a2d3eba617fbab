import EDI
import Foundation
import MarketSync

/// The partner's side of an X12 channel: reads 846, 832, 855 and 997 interchanges addressed to its interchange ID,
/// writes 850s (004010) from its ISA/GS identities to ours, named `850_<number>.x12`.
struct X12PartnerSyntax: PartnerSyntax {
    let settings: X12Settings

    func read(_ file: FileDropInboundFile) throws -> PartnerFileReading {
        let interchange = try X12Reader.parse(file.contents, channel: settings.partner)
        let receiver = interchange.header.receiverID.trimmingWhitespace()
        guard receiver == settings.receiverID else {
            throw MarketSyncError(.validation, "the interchange is addressed to \(receiver), not to the partner (\(settings.receiverID))",
                                  channel: settings.partner, key: "ISA08")
        }
        let reader = X12DocumentReader(skuQualifier: settings.skuQualifier, channel: settings.partner)
        var types: [String] = []
        var lines = 0
        var answers: [PartnerAnswer] = []
        var acknowledgements: [String] = []
        for set in interchange.groups.flatMap(\.transactionSets) {
            types.append(set.identifier)
            if set.identifier == "997" {
                let acknowledgement = try X12FunctionalAcknowledgement.read(set, channel: settings.partner)
                acknowledgements.append("\(acknowledgement.functionalID) group \(acknowledgement.groupControlNumber): \(acknowledgement.groupCode.rawValue)")
                continue
            }
            let document = try reader.document(from: set)
            lines += document.lines.count
            guard document.identifier == "855" else { continue }
            let decisions = document.lines.compactMap { line -> PartnerLineDecision? in
                guard let accepted = line.isAccepted else { return nil }
                return PartnerLineDecision(line: line.lineID, item: line.gtin?.digits ?? line.sku?.rawValue, accepted: accepted,
                                           quantity: line.acknowledgedQuantity)
            }
            let decision: PartnerAnswer.Decision = switch document.acknowledgmentType {
            case "AD": .accepted
            case "RJ": .refused
            default: PartnerAnswer.decision(of: decisions)
            }
            answers.append(PartnerAnswer(orderNumber: document.reference, decision: decision, lines: decisions))
        }
        return PartnerFileReading(messageTypes: PartnerFileReading.distinct(types), lines: lines, answers: answers,
                                  acknowledgements: acknowledgements)
    }

    func write(_ order: PartnerOrder) throws -> (name: FileDropName, contents: Data, report: PartnerWrittenOrder) {
        var lines: [X12PartnerOrderLine] = []
        for line in order.lines {
            guard let gtin = line.item.gtin else { throw PartnerProblems.noGTIN(line.item.sku, channel: settings.partner) }
            lines.append(X12PartnerOrderLine(gtin: gtin, quantity: line.quantity,
                                             unitPrice: line.priceHundredths.map { Money(minorUnits: $0, currency: settings.currency) }))
        }
        let zone = ChannelTimeZone(identifier: settings.timeZone.identifier) ?? .utc
        let purchaseOrder = X12PartnerPurchaseOrder(number: order.number, date: zone.day(containing: order.date), lines: lines)
        let body = X12TransactionSetBody(identifier: "850", segments: try purchaseOrder.segments(settings: settings))
        let control = PartnerOrderNumber.controlNumber(channel: settings.partner, number: order.number)
        let interchange = try X12PartnerComposer(settings: settings).compose([body], controlNumber: control, at: order.date)
        let name = try FileDropName("850_\(order.number).x12")
        let report = PartnerWrittenOrder(name: name.value, messageType: "850", orderNumber: order.number,
                                         lines: zip(order.lines, lines).enumerated().map { index, pair in
            .init(line: String(index + 1), sku: pair.0.item.sku.rawValue, item: pair.1.gtin.digits, quantity: pair.0.quantity)
        })
        return (name, Data(interchange.bytes), report)
    }
}
