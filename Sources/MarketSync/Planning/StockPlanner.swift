/// The quantity each channel is offered for one SKU, all channels at once, because a split of a warehouse
/// between channels must never add up to more than the warehouse holds.
///
/// Per SKU: open orders consume lots first-expiry-first-out; each remaining lot goes to the channels that draw
/// from its warehouse and accept its shelf life — split by largest remainder when shares are in use (each
/// channel gets ⌊r × share⌋, the units left of ⌊r × Σ shares⌋ go to the largest fractional remainders, so the
/// sum never exceeds r), whole otherwise; then each channel's buffer, cap and zero threshold apply.
struct StockPlanner: Sendable {
    /// One rule per channel; channel `c` of `plan`'s `listed` and `quantities` is `rules[c]`.
    public let rules: [StockRule]
    /// Per channel, per warehouse index: whether the channel draws from it (nil: every warehouse).
    let draws: [[Bool]?]
    let sharesInUse: Bool

    /// A planner for these channels; `warehouses` is `PlanningInput.warehouses`, so each channel's warehouse
    /// names become a lookup by index once, not per lot.
    public init(rules: [StockRule], warehouses: [String]) {
        self.rules = rules
        draws = rules.map { rule in rule.warehouses.map { allowed in warehouses.map { allowed.contains($0) } } }
        sharesInUse = rules.contains { $0.share != nil }
    }

    /// Reusable buffers, so planning a million SKUs allocates nothing per SKU.
    struct Scratch: Sendable {
        var order: [Int] = []
        var remaining: [Int64] = []
        var eligible: [Int] = []
        var fractions: [Int64] = []
        var floors: [Int64] = []
        /// Empty buffers; they grow to the largest SKU's needs and are then reused.
        public init() {}
    }

    /// Fills `quantities[c]` for every channel; `listed[c]` false leaves it 0. `trace`, when given, receives
    /// one line per decision per channel (for `explain`).
    public func plan(lots: ArraySlice<LotState>, reserved: Int64, today: Int32, listed: [Bool],
                     into quantities: inout [Int64], scratch: inout Scratch,
                     trace: ((Int, String) -> Void)? = nil) {
        let channels = rules.count
        for c in 0..<channels { quantities[c] = 0 }
        scratch.order.removeAll(keepingCapacity: true)
        scratch.remaining.removeAll(keepingCapacity: true)
        for index in lots.indices {
            scratch.order.append(index)
            scratch.remaining.append(lots[index].quantity)
        }
        let base = lots.startIndex
        if scratch.order.count > 1 {
            scratch.order.sort { a, b in
                let ea = lots[a].expiresOnDay ?? Int32.max, eb = lots[b].expiresOnDay ?? Int32.max
                return ea != eb ? ea < eb : a < b
            }
        }
        // Open orders ship the earliest lots first.
        var toConsume = reserved
        for index in scratch.order where toConsume > 0 {
            let take = min(scratch.remaining[index - base], toConsume)
            scratch.remaining[index - base] -= take
            toConsume -= take
        }
        if let trace, reserved > 0 {
            for c in 0..<channels where listed[c] { trace(c, "reserved by open orders: \(reserved), taken from the earliest-expiring lots") }
        }
        for index in scratch.order {
            let lot = lots[index]
            let left = scratch.remaining[index - base]
            guard left > 0 else { continue }
            scratch.eligible.removeAll(keepingCapacity: true)
            for c in 0..<channels where listed[c] {
                if let draws = draws[c], !(Int(lot.warehouse) < draws.count && draws[Int(lot.warehouse)]) {
                    trace?(c, "lot \(index - base + 1): \(left) left out: warehouse not drawn from")
                    continue
                }
                if let shelf = rules[c].minShelfLife, !shelf.passes(expiresOn: lot.expiresOnDay, producedOn: lot.producedOnDay, today: today) {
                    trace?(c, "lot \(index - base + 1): \(left) left out: less than \(shelf) left (expires day \(lot.expiresOnDay.map(String.init) ?? "?"))")
                    continue
                }
                scratch.eligible.append(c)
            }
            guard !scratch.eligible.isEmpty else { continue }
            if !sharesInUse {
                for c in scratch.eligible {
                    quantities[c] += left
                    trace?(c, "lot \(index - base + 1): \(left) offered")
                }
                continue
            }
            allocate(left, among: scratch.eligible, into: &quantities, scratch: &scratch, lotNumber: index - base + 1, trace: trace)
        }
        for c in 0..<channels where listed[c] {
            quantities[c] = finish(quantities[c], rule: rules[c]) { trace?(c, $0) }
        }
    }

    /// Largest-remainder split of `units` by the eligible channels' shares.
    private func allocate(_ units: Int64, among eligible: [Int], into quantities: inout [Int64], scratch: inout Scratch,
                          lotNumber: Int, trace: ((Int, String) -> Void)?) {
        scratch.floors.removeAll(keepingCapacity: true)
        scratch.fractions.removeAll(keepingCapacity: true)
        var shareSum: Int64 = 0
        var floorSum: Int64 = 0
        for c in eligible {
            let bp = rules[c].share?.basisPoints ?? 0
            shareSum += bp
            let exact = units * bp
            scratch.floors.append(exact / 10_000)
            scratch.fractions.append(exact % 10_000)
            floorSum += exact / 10_000
        }
        let total = min(units * min(shareSum, 10_000) / 10_000, units)
        var leftover = total - floorSum
        while leftover > 0 {
            // The largest remainder wins; ties go to the earlier channel, so the split is deterministic.
            var best = -1
            for k in scratch.fractions.indices where scratch.fractions[k] > 0 && (best < 0 || scratch.fractions[k] > scratch.fractions[best]) {
                best = k
            }
            guard best >= 0 else { break }
            scratch.floors[best] += 1
            scratch.fractions[best] = 0
            leftover -= 1
        }
        for (k, c) in eligible.enumerated() {
            quantities[c] += scratch.floors[k]
            trace?(c, "lot \(lotNumber): \(units) available, share \(rules[c].share?.description ?? "0%") → \(scratch.floors[k])")
        }
    }

    private func finish(_ quantity: Int64, rule: StockRule, trace: (String) -> Void) -> Int64 {
        var value = quantity
        switch rule.buffer {
        case let .units(units) where units > 0:
            value -= units
            trace("buffer −\(units) → \(max(value, 0))")
        case let .percent(percent) where percent.basisPoints > 0:
            // Round the buffer up: holding back a unit too many is safe, one too few is not.
            let held = (value * percent.basisPoints + 9_999) / 10_000
            value -= held
            trace("buffer −\(percent) (\(held)) → \(max(value, 0))")
        default:
            break
        }
        value = max(value, 0)
        if let cap = rule.maxShown, value > cap {
            value = cap
            trace("capped at max_shown \(cap)")
        }
        if let threshold = rule.zeroAtOrBelow, value <= threshold, value > 0 {
            value = 0
            trace("at or below \(threshold): send 0")
        }
        return value
    }
}
