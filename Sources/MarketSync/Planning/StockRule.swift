/// How a channel's offered quantity is derived from what is available to it.
///
/// Order of application (`StockPlanner`): open orders consume lots first-expiry-first-out (every lot, short-dated
/// ones included); of what is left, lots in a warehouse the channel does not draw from or failing its shelf-life
/// rule are left out, and the channel's share of each other lot is allocated by largest remainder (so shares never
/// sum above what is there); then the buffer is taken off, the cap applied, and a quantity at or below
/// `zeroAtOrBelow` becomes 0. Never below 0.
public struct StockRule: Sendable, Hashable {
    /// Units held back from the channel, as units or a share of what it would get.
    public enum Buffer: Sendable, Hashable {
        /// This many units held back.
        case units(Int64)
        /// This share of the channel's quantity held back, rounded up (a unit too many is safe, one too few is not).
        case percent(Percent)
    }

    /// Held back from what the channel would get (default: nothing).
    public var buffer: Buffer
    /// This channel's share of each warehouse it draws from, when stock is split between channels.
    /// nil: the channel sees all of it (no split).
    public var share: Percent?
    /// The most ever shown.
    public var maxShown: Int64?
    /// Send 0 when the quantity would be at or below this.
    public var zeroAtOrBelow: Int64?
    /// Lots with less shelf life left than this are not offered.
    public var minShelfLife: ShelfLifeRule?
    /// Warehouses the channel draws from; nil: all.
    public var warehouses: Set<String>?

    /// A rule; the defaults offer everything available, with no buffer, cap, threshold or shelf-life limit.
    public init(buffer: Buffer = .units(0), share: Percent? = nil, maxShown: Int64? = nil, zeroAtOrBelow: Int64? = nil,
                minShelfLife: ShelfLifeRule? = nil, warehouses: Set<String>? = nil) {
        self.buffer = buffer
        self.share = share
        self.maxShown = maxShown
        self.zeroAtOrBelow = zeroAtOrBelow
        self.minShelfLife = minShelfLife
        self.warehouses = warehouses
    }
}

/// The minimum remaining shelf life a lot must have to be offered on a channel.
public enum ShelfLifeRule: Sendable, Hashable, CustomStringConvertible {
    /// At least this many days between today and the expiry date.
    case days(Int32)
    /// At least this share of the total shelf life (production to expiry) left; retail chains often want 2/3.
    case share(Percent)

    /// Whether a lot passes on `today` (days since 1970). Lots with no expiry always pass; a share rule cannot
    /// judge a lot with no production date, so such a lot does not pass (it is reported by `explain`).
    public func passes(expiresOn: Int32?, producedOn: Int32?, today: Int32) -> Bool {
        guard let expiresOn else { return true }
        switch self {
        case let .days(days):
            return Int64(expiresOn) - Int64(today) >= Int64(days)
        case let .share(share):
            guard let producedOn, expiresOn > producedOn else { return false }
            let left = Int64(expiresOn) - Int64(today)
            let total = Int64(expiresOn) - Int64(producedOn)
            return left * 10_000 >= total * share.basisPoints
        }
    }

    /// `30 days`, or `67% of shelf life`.
    public var description: String {
        switch self {
        case let .days(days): "\(days) days"
        case let .share(share): "\(share) of shelf life"
        }
    }
}
