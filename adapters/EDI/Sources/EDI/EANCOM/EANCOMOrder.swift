public import MarketSync

/// A party an order names (`NAD`): its role and its identification, a GLN when the code list is GS1's.
public struct EANCOMParty: Hashable, Sendable {
    /// The party's role (`3035`): `BY` buyer, `SU` supplier, `DP` delivery party, `IV` invoicee…
    public var role: String
    /// The identification as given (`C082/3039`).
    public var id: String
    /// The identification as a checked GLN, when the code list agency is GS1 (`9`).
    public var gln: GLN?

    /// A party with `role` and `id`.
    public init(role: String, id: String, gln: GLN?) {
        self.role = role
        self.id = id
        self.gln = gln
    }
}

/// A reference an order carries (`RFF`): a qualifier and a value (`CT` contract, `PD` promotion deal…).
public struct EANCOMReference: Hashable, Sendable {
    /// The reference qualifier (`1153`).
    public var qualifier: String
    /// The reference (`1154`).
    public var value: String

    /// A reference.
    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// One line of a chain's order.
public struct EANCOMOrderLine: Hashable, Sendable {
    /// The line number (`LIN` `1082`): what the order response answers.
    public var lineNumber: String
    /// The product's GTIN (`LIN` `C212`), when the line gives one.
    public var gtin: GTIN?
    /// Our article number as the chain gives it back (`PIA`, type `SA`).
    public var supplierArticle: SKU?
    /// The chain's own article number (`PIA`, type `IN`).
    public var buyerArticle: String?
    /// The product's name as the chain writes it (`IMD`).
    public var description: String?
    /// Units ordered (`QTY+21`).
    public var quantity: Int64
    /// The net price of one unit (`PRI+AAA`, or the gross `AAB` when no net price is given), when the order
    /// gives one and its currency is known.
    public var unitPrice: Money?
    /// References given for this line (`RFF` in the line's group).
    public var references: [EANCOMReference]

    /// A line as read.
    public init(lineNumber: String, gtin: GTIN?, supplierArticle: SKU?, buyerArticle: String?, description: String?,
                quantity: Int64, unitPrice: Money?, references: [EANCOMReference] = []) {
        self.lineNumber = lineNumber
        self.gtin = gtin
        self.supplierArticle = supplierArticle
        self.buyerArticle = buyerArticle
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.references = references
    }
}

/// A chain's purchase order (ORDERS, `BGM+220`) read into types.
public struct EANCOMOrder: Hashable, Sendable {
    /// The `UNH` reference of the message it was read from.
    public var messageReference: String
    /// The order number (`BGM` `1004`): the order's key with the channel.
    public var number: String
    /// The message function (`BGM` `1225`): `9` original, `1` cancellation, `5` replace, `7` duplicate…
    public var messageFunction: String
    /// The order date (`DTM+137`).
    public var documentDate: CalendarDay?
    /// The requested delivery date (`DTM+2`).
    public var requestedDeliveryDate: CalendarDay?
    /// The parties, in the order given (`NAD`).
    public var parties: [EANCOMParty]
    /// The order's references (`RFF` in the heading).
    public var references: [EANCOMReference]
    /// The order's currency (`CUX`), or the chain's from the settings when the order gives none.
    public var currency: Currency?
    /// The lines, in order.
    public var lines: [EANCOMOrderLine]

    /// An order as read.
    public init(messageReference: String, number: String, messageFunction: String, documentDate: CalendarDay?,
                requestedDeliveryDate: CalendarDay?, parties: [EANCOMParty], references: [EANCOMReference],
                currency: Currency?, lines: [EANCOMOrderLine]) {
        self.messageReference = messageReference
        self.number = number
        self.messageFunction = messageFunction
        self.documentDate = documentDate
        self.requestedDeliveryDate = requestedDeliveryDate
        self.parties = parties
        self.references = references
        self.currency = currency
        self.lines = lines
    }

    /// The first party in `role` (`BY`, `SU`, `DP`).
    public func party(_ role: String) -> EANCOMParty? {
        parties.first { $0.role == role }
    }

    /// The buyer (`NAD+BY`).
    public var buyer: EANCOMParty? { party("BY") }
    /// The supplier (`NAD+SU`): us.
    public var supplier: EANCOMParty? { party("SU") }
    /// Where the goods go (`NAD+DP`).
    public var deliveryParty: EANCOMParty? { party("DP") }
}
