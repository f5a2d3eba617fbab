internal import Foundation

/// An outbox item as it was sent, kept with its submission as JSON (`outbox_submissions`): the one format both
/// stores write and read, so a submission recorded by one version is read back by the next.
public struct SubmittedItemRecord: Codable, Sendable {
    var id: Int64
    var key: String
    var listing: String?
    var kind: String
    var quantity: Int64?
    var priceMinor: Int64?
    var currency: String?
    var carrier: String?
    var tracking: String?
    var decisions: [OrderLineDecision]?
    var shipmentLines: [ShipmentLine]?
    var version: Int64
    var attempts: Int
    var enqueuedAt: Int64

    /// The record of `item` as it is sent.
    public init(_ item: OutboxItem) {
        id = item.id
        key = item.key
        listing = item.listing
        kind = item.kind.rawValue
        switch item.payload {
        case let .stock(quantity): self.quantity = quantity
        case let .price(price):
            priceMinor = price.minorUnits
            currency = price.currency.rawValue
        case let .shipment(shipment):
            carrier = shipment.carrier
            tracking = shipment.trackingNumber
            shipmentLines = shipment.lines.isEmpty ? nil : shipment.lines
        case let .acceptance(lines):
            decisions = lines
        case .acknowledgement:
            break
        }
        version = item.version
        attempts = item.attempts
        enqueuedAt = item.enqueuedAt.unixMilliseconds
    }

    /// The item again, pending, for `channel`; nil when the record does not hold what its kind needs.
    public func item(channel: ChannelID) -> OutboxItem? {
        let payload: OutboxPayload
        switch OutboxKind(rawValue: kind) {
        case .stock?:
            guard let quantity else { return nil }
            payload = .stock(quantity: quantity)
        case .price?:
            guard let priceMinor, let currency else { return nil }
            payload = .price(Money(minorUnits: priceMinor, currency: Currency(rawValue: currency)))
        case .shipment?:
            guard let carrier, let tracking else { return nil }
            payload = .shipment(Shipment(orderID: key, carrier: carrier, trackingNumber: tracking, lines: shipmentLines ?? []))
        case .acceptance?:
            guard let decisions else { return nil }
            payload = .acceptance(decisions)
        case .acknowledgement?:
            payload = .acknowledgement
        case nil:
            return nil
        }
        return OutboxItem(id: id, channel: channel, key: key, listing: listing, payload: payload, version: version,
                          attempts: attempts, status: .pending, lastError: nil, enqueuedAt: Date(unixMilliseconds: enqueuedAt))
    }
}
