import EDI
import Foundation
import MarketSync

/// The chain's side of an EANCOM channel: reads INVRPT, PRICAT and ORDRSP interchanges addressed to its GLN, writes
/// ORDERS (D.96A) from its GLN to ours, named `ORDERS_<number>.edi`.
struct EANCOMPartnerSyntax: PartnerSyntax {
    let settings: EANCOMSettings

    func read(_ file: FileDropInboundFile) throws -> PartnerFileReading {
        let interchange = try EDIFACTReader.parse(file.contents, channel: settings.partner)
        let recipient = interchange.header.recipient.id.trimmingWhitespace()
        guard recipient == settings.buyer.digits else {
            throw MarketSyncError(.validation, "the interchange is addressed to \(recipient), not to the chain (\(settings.buyer))",
                                  channel: settings.partner, key: "UNB03")
        }
        let documents = try EANCOMDocumentReader(channel: settings.partner).documents(in: interchange)
        let answers = documents.filter { $0.type == .ordrsp }.map { document in
            let lines = document.lines.compactMap { line -> PartnerLineDecision? in
                guard let accepted = EANCOMReceivedDocument.acceptsLine(line) else { return nil }
                return PartnerLineDecision(line: line.lineNumber, item: line.gtin?.digits ?? line.sku?.rawValue, accepted: accepted,
                                           quantity: line.quantity)
            }
            let decision: PartnerAnswer.Decision = switch document.acceptsWholeOrder {
            case true?: .accepted
            case false?: .refused
            case nil: PartnerAnswer.decision(of: lines)
            }
            return PartnerAnswer(orderNumber: document.orderNumber ?? "", decision: decision, lines: lines)
        }
        return PartnerFileReading(messageTypes: PartnerFileReading.distinct(documents.map(\.type.rawValue)),
                                  lines: documents.reduce(0) { $0 + $1.lines.count }, answers: answers)
    }

    func write(_ order: PartnerOrder) throws -> (name: FileDropName, contents: Data, report: PartnerWrittenOrder) {
        var lines: [EANCOMPartnerOrderLine] = []
        for line in order.lines {
            guard let gtin = line.item.gtin else { throw PartnerProblems.noGTIN(line.item.sku, channel: settings.partner) }
            lines.append(EANCOMPartnerOrderLine(gtin: gtin, quantity: line.quantity,
                                                unitPrice: line.priceHundredths.map { Money(minorUnits: $0, currency: settings.currency) }))
        }
        let body = try EANCOMPartnerOrder(number: order.number, date: order.date, lines: lines).body(settings: settings)
        let control = PartnerOrderNumber.controlNumber(channel: settings.partner, number: order.number)
        let interchange = try EANCOMPartnerComposer(settings: settings).compose([body], reference: String(control), at: order.date)
        let name = try FileDropName("ORDERS_\(order.number).edi")
        let report = PartnerWrittenOrder(name: name.value, messageType: "ORDERS", orderNumber: order.number,
                                         lines: zip(order.lines, lines).enumerated().map { index, pair in
            .init(line: String(index + 1), sku: pair.0.item.sku.rawValue, item: pair.1.gtin.digits, quantity: pair.0.quantity)
        })
        return (name, Data(interchange.bytes), report)
    }
}
