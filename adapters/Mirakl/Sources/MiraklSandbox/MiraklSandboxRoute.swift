/// A seller API call the sandbox serves, read from the method and path (docs/channels.md, "Mirakl").
enum MiraklSandboxRoute: Sendable, Hashable {
    case listOffers
    case importOffers
    case importStatus(String)
    case errorReport(String)
    case listOrders
    case accept(String)
    case tracking(String)
    case ship(String)
    case cancelOrder(String)
    case refund
    case cancelLines

    /// The route of `method` `path`, or nil for a path the sandbox does not serve.
    init?(method: String, path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (method, parts.count) {
        case ("GET", 2) where parts == ["api", "offers"]: self = .listOffers
        case ("POST", 2) where parts == ["api", "offers"]: self = .importOffers
        case ("GET", 4) where parts[0...2] == ["api", "offers", "imports"]: self = .importStatus(parts[3])
        case ("GET", 5) where parts[0...2] == ["api", "offers", "imports"] && parts[4] == "error_report": self = .errorReport(parts[3])
        case ("GET", 2) where parts == ["api", "orders"]: self = .listOrders
        case ("PUT", 3) where parts == ["api", "orders", "refund"]: self = .refund
        case ("PUT", 3) where parts == ["api", "orders", "cancel"]: self = .cancelLines
        case ("PUT", 4) where parts[0...1] == ["api", "orders"]:
            switch parts[3] {
            case "accept": self = .accept(parts[2])
            case "tracking": self = .tracking(parts[2])
            case "ship": self = .ship(parts[2])
            case "cancel": self = .cancelOrder(parts[2])
            default: return nil
            }
        default: return nil
        }
    }

    /// Mirakl's name of the call (what faults, limits and counts use).
    var call: String {
        switch self {
        case .listOffers: "OF21"
        case .importOffers: "OF24"
        case .importStatus: "OF02"
        case .errorReport: "OF03"
        case .listOrders: "OR11"
        case .accept: "OR21"
        case .tracking: "OR23"
        case .ship: "OR24"
        case .cancelOrder: "OR29"
        case .refund: "OR28"
        case .cancelLines: "OR30"
        }
    }
}
