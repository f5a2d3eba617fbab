/// The seller API calls the adapter makes, named as Mirakl's API reference names them (docs/channels.md, "Mirakl"),
/// for messages and logs.
enum MiraklCall: String, Sendable, CustomStringConvertible {
    /// `GET /api/offers`: the shop's offers, paged.
    case of21 = "OF21"
    /// `POST /api/offers`: create, update or delete offers (an asynchronous import).
    case of24 = "OF24"
    /// `GET /api/offers/imports/{import}`: where an import stands.
    case of02 = "OF02"
    /// `GET /api/offers/imports/{import}/error_report`: the lines of an import that failed.
    case of03 = "OF03"
    /// `GET /api/orders`: orders, paged by offset.
    case or11 = "OR11"
    /// `PUT /api/orders/{order}/accept`: accept or refuse each line.
    case or21 = "OR21"
    /// `PUT /api/orders/{order}/tracking`: the carrier and tracking number.
    case or23 = "OR23"
    /// `PUT /api/orders/{order}/ship`: the order has shipped.
    case or24 = "OR24"

    /// `OF24` and so on.
    var description: String { rawValue }
}
