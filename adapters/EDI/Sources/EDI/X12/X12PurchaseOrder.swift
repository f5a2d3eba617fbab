public import MarketSync

/// A party an 850 names (`N1`): its role, name and identification.
public struct X12Party: Hashable, Sendable {
    /// `N101`: `BY` buying party, `ST` ship to, `SU` supplier, `BT` bill to…
    public var entity: String
    /// `N102`: the name, when given.
    public var name: String?
    /// `N103`: the identification code qualifier (`92` assigned by buyer, `UL` GLN…), when given.
    public var idQualifier: String?
    /// `N104`: the identification, when given.
    public var id: String?

    /// A party as read.
    public init(entity: String, name: String?, idQualifier: String?, id: String?) {
        self.entity = entity
        self.name = name
        self.idQualifier = idQualifier
        self.id = id
    }
}

/// A product ID of an order line: a qualifier (`235`) and the ID (`234`).
public struct X12ItemID: Hashable, Sendable {
    /// `UP`, `EN`, `UK`, `VN`, `SK`, `BP`, `IN`…
    public var qualifier: String
    /// The ID.
    public var id: String

    /// An ID under `qualifier`.
    public init(qualifier: String, id: String) {
        self.qualifier = qualifier
        self.id = id
    }
}

/// A reference an 850 carries (`REF`).
public struct X12Reference: Hashable, Sendable {
    /// `REF01` (`DP` department, `IA` vendor number…).
    public var qualifier: String
    /// `REF02`.
    public var value: String

    /// A reference.
    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// One line of an 850 (`PO1`).
public struct X12OrderLine: Hashable, Sendable {
    /// `PO101`: the line's assigned identification, what the 855 answers (its position when absent).
    public var lineID: String
    /// `PO102`: units ordered.
    public var quantity: Int64
    /// `PO103`: the unit of measure (`EA`).
    public var unit: String
    /// `PO104`: the price of one unit, when given and its currency is known.
    public var unitPrice: Money?
    /// `PO106` onwards: the product's IDs, in order.
    public var identifiers: [X12ItemID]
    /// The product's GTIN: the first `UP`, `EN` or `UK` ID, checked.
    public var gtin: GTIN?
    /// Our SKU: the ID under the settings' SKU qualifier (or `VN`, the vendor's item number).
    public var sku: SKU?
    /// `PID05` after the line, when given.
    public var description: String?

    /// A line as read.
    public init(lineID: String, quantity: Int64, unit: String, unitPrice: Money?, identifiers: [X12ItemID], gtin: GTIN?,
                sku: SKU?, description: String?) {
        self.lineID = lineID
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.identifiers = identifiers
        self.gtin = gtin
        self.sku = sku
        self.description = description
    }
}

/// A partner's purchase order (850) read into types.
public struct X12PurchaseOrder: Hashable, Sendable {
    /// `ST02` of the set it was read from.
    public var controlNumber: String
    /// `BEG01`: `00` original, `01` cancellation, `05` replace, `07` duplicate…
    public var purpose: String
    /// `BEG02`: `SA` stand-alone, `DS` drop ship…
    public var orderType: String
    /// `BEG03`: the order number, the order's key with the channel.
    public var number: String
    /// `BEG05`: the order date.
    public var date: CalendarDay
    /// `CUR02`, or the partner's currency from the settings when the order has no `CUR`.
    public var currency: Currency?
    /// `REF`s in the heading.
    public var references: [X12Reference]
    /// `DTM*002`: the requested delivery date.
    public var requestedDeliveryDate: CalendarDay?
    /// `N1` parties, in order.
    public var parties: [X12Party]
    /// The lines, in order.
    public var lines: [X12OrderLine]

    /// An order as read.
    public init(controlNumber: String, purpose: String, orderType: String, number: String, date: CalendarDay,
                currency: Currency?, references: [X12Reference], requestedDeliveryDate: CalendarDay?, parties: [X12Party],
                lines: [X12OrderLine]) {
        self.controlNumber = controlNumber
        self.purpose = purpose
        self.orderType = orderType
        self.number = number
        self.date = date
        self.currency = currency
        self.references = references
        self.requestedDeliveryDate = requestedDeliveryDate
        self.parties = parties
        self.lines = lines
    }

    /// The first party with `entity` (`BY`, `ST`).
    public func party(_ entity: String) -> X12Party? {
        parties.first { $0.entity == entity }
    }
}
