/// Every value the sandbox accepted, per listing (`"<goods_id>:<sku_id>"`), in the order it accepted them: stock
/// quantities (after the update, so an incremental update records the resulting quantity) and prices in fen (the
/// buy-alone `single_price`; marketsync sends the same value as the team-buy price).
///
/// It lets a test or the kill drill see what was pushed over what: a value accepted after a newer one is a stale
/// push. One `Int64` appended per accepted value, kept in memory only (not in the state file, not in
/// `/_sandbox/state`), emptied by a reset.
struct EpinduoSandboxHistory: Sendable, Hashable, Codable {
    /// Stock quantities accepted, by listing, oldest first.
    public var stock: [String: [Int64]] = [:]
    /// Prices accepted (fen), by listing, oldest first.
    public var prices: [String: [Int64]] = [:]

    /// An empty history.
    public init() {}

    mutating func recordStock(_ quantity: Int64, for listing: String) {
        stock[listing, default: []].append(quantity)
    }

    mutating func recordPrice(_ fen: Int64, for listing: String) {
        prices[listing, default: []].append(fen)
    }
}
