/// The carriers Walmart names in `CarrierNameType.carrier` (`orders.json`, 57 names), and how a shipment's carrier is
/// sent: a listed one as `{"carrier": "<its spelling>"}` (matched ignoring case, spaces and dashes), any other as
/// `{"otherCarrier": "<name>"}`, which needs a `trackingURL` (docs/channels.md, "Shipping with tracking").
public enum WalmartCarrier {
    /// Walmart's spellings, as the document lists them.
    public static let known: [String] = [
        "UPS", "USPS", "FedEx", "Airborne", "OnTrac", "DHL Ecommerce - US", "DHL", "LS", "UDS", "UPSMI", "FDX",
        "PILOT", "ESTES", "SAIA", "FDS Express", "Seko Worldwide", "HIT Delivery", "FEDEXSP", "RL Carriers",
        "Metropolitan Warehouse & Delivery", "China Post", "YunExpress", "Yellow Freight Sys",
        "AIT Worldwide Logistics", "Chukou1", "Sendle", "Landmark Global", "Sunyou", "Yanwen", "4PX", "GLS",
        "OSM Worldwide", "FIRST MILE", "AM Trucking", "CEVA", "India Post", "SF Express", "CNE", "TForce Freight",
        "AxleHire", "LSO", "Royal Mail", "ABF Freight System", "WanB", "Roadrunner Freight", "Meyer Distribution",
        "AAA Cooper", "Canada Post", "Southeastern Freight Lines", "Japan Post", "Correos de Mexico",
        "XPO Logistics", "JD Logistics", "YDH", "JCEX", "Flyt", "Deutsche Post",
    ]

    private static let byFoldedName: [String: String] = Dictionary(known.map { (fold($0), $0) }, uniquingKeysWith: { first, _ in first })

    /// Walmart's own spelling of `name`, when it is a carrier Walmart lists.
    public static func listed(_ name: String) -> String? {
        byFoldedName[fold(name)]
    }

    private static func fold(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" }.map(Character.init))
    }
}
